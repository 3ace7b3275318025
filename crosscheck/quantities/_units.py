"""Unit vocabulary: surface forms to canonical names (NewsQuant's vocabulary) and kinds.

Each row is "surfaces | canonical | kind", surfaces separated by commas. Markers on a surface:
`=` the case must match exactly ("W", "PS", "C"); `^` it must touch the number ("5m", "3h").
A factor written as "canonical*1e9" scales the value ("55 bcm" is 55e9 cubic metres).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_ROWS = """
%,percent,per cent,percentage,pc,pct | percentage | percent
percentage point,percentage points,percentage-point | percentage point | percent
basis point,basis points,bps,bp | basis point | percent
point,points,pts | point | other
km,kms,kilometre,kilometres,kilometer,kilometers | kilometre | length
=m,metre,metres,meter,meters | metre | length
cm,centimetre,centimetres,centimeter,centimeters | centimetre | length
mm,millimetre,millimetres,millimeter,millimeters | millimetre | length
dm,decimetre,decimetres,decimeter,decimeters | decimetre | length
μm,µm,micrometre,micrometres,micrometer,micrometers,micron,microns | micrometre | length
^nm,nanometre,nanometres,nanometer,nanometers | nanometre | length
mile,miles,^mi | mile | length
nautical mile,nautical miles | nautical mile | length
ft,foot,feet | foot | length
inch,inches,^in,″,^" | inch | length
yard,yards,yd,yds | yard | length
light-year,light-years,light year,light years | light-year | length
km2,km²,sq km | square kilometre | area
square kilometre,square kilometres,square kilometer,square kilometers | square kilometre | area
m2,m²,sq m,sqm,square metre,square metres,square meter,square meters | square metre | area
sq ft,sq. ft,sqft,square foot,square feet | square foot | area
sq mi,square mile,square miles | square mile | area
acre,acres | acre | area
hectare,hectares,=ha | hectare | area
kg,kgs,kilogram,kilograms,kilo,kilos | kilogram | mass
^g,gram,grams,gramme,grammes | gram | mass
mg,milligram,milligrams | milligram | mass
μg,µg,mcg,microgram,micrograms,microgramme,microgrammes | microgram | mass
tonne,tonnes,metric ton,metric tons,metric tonne,metric tonnes,^t | tonne | mass
ton,tons | ton | mass
lb,lbs,pound,pounds | pound-mass | mass
oz,ounce,ounces | ounce | mass
=l,=L,litre,litres,liter,liters | litre | volume
ml,mL,millilitre,millilitres,milliliter,milliliters | millilitre | volume
gallon,gallons,gal | gallon | volume
pint,pints | pint | volume
quart,quarts | quart | volume
teaspoon,teaspoons,tsp | teaspoon | volume
tablespoon,tablespoons,tbsp | tablespoon | volume
cup,cups | cup | volume
barrel,barrels,bbl | barrel | volume
cubic metre,cubic metres,cubic meter,cubic meters,m3,m³ | cubic metre | volume
bcm | cubic metre*1e9 | volume
cubic foot,cubic feet | cubic foot | volume
millisecond,milliseconds,=ms | millisecond | duration
second,seconds,sec,secs,^s | second | duration
minute,minutes,min,mins | minute | duration
hour,hours,hr,hrs,^h | hour | duration
day,days | day | duration
week,weeks | week | duration
month,months | month | duration
year,years,yr,yrs | year | duration
decade,decades | decade | duration
century,centuries | century | duration
year-old,years-old,year old,years old,-year-old | year of age | duration
month-old,months-old,month old,months old | month of age | duration
mph,miles per hour,mile per hour,miles an hour,mile an hour | mile per hour | speed
km/h,kph,kmph,km/hr | kilometre per hour | speed
kmh,kilometres per hour,kilometers per hour | kilometre per hour | speed
kilometres an hour,kilometers an hour | kilometre per hour | speed
knot,knots | knot | speed
m/s,metres per second,meters per second | metre per second | speed
mpg,miles per gallon | mile per gallon | other
°C,° C,degrees Celsius,degree Celsius,Celsius,=C,=ºC,degrees centigrade | celsius | temperature
° Celsius,=degrees C,=degree C | celsius | temperature
°F,° F,degrees Fahrenheit,degree Fahrenheit,Fahrenheit,^F | fahrenheit | temperature
° Fahrenheit,=degrees F,=degree F | fahrenheit | temperature
rad,radian,radians | radian | other
degree,degrees,° | degree | other
=W,watt,watts | watt | power
=kW,kilowatt,kilowatts | kilowatt | power
=MW,megawatt,megawatts | megawatt | power
=GW,gigawatt,gigawatts | gigawatt | power
kWh,kilowatt hour,kilowatt hours,kilowatt-hour,kilowatt-hours | kilowatt hour | energy
MWh,megawatt hour,megawatt hours,megawatt-hour,megawatt-hours | megawatt hour | energy
GWh,gigawatt hour,gigawatt hours,gigawatt-hour,gigawatt-hours | gigawatt hour | energy
TWh,terawatt hour,terawatt hours,terawatt-hour,terawatt-hours | terawatt hour | energy
joule,joules,=J | joule | energy
calorie,calories,kcal | calorie | energy
hp,horsepower,=PS | horsepower | power
bhp | brake horsepower | power
rpm | revolutions per minute | rate
=Hz,hertz | hertz | rate
kHz,kilohertz | kilohertz | rate
MHz,megahertz | megahertz | rate
GHz,gigahertz | gigahertz | rate
GB,gigabyte,gigabytes | gigabyte | other
MB,megabyte,megabytes | megabyte | other
TB,terabyte,terabytes | terabyte | other
KB,kilobyte,kilobytes | kilobyte | other
mAh | milliampere-hour | energy
=V,volt,volts | volt | other
decibel,decibels,=dB | decibel | other
ppm,parts per million | parts-per-million | rate
ppb,parts per billion | parts-per-billion | rate
GPa,gigapascal,gigapascals | gigapascal | other
=Nm,newton metre,newton metres,newton meters | newton metre | energy
lb-ft,lb ft | foot pound-force | energy
pound-feet,pound-foot | pound-foot | energy
times,^x | count | other
dollar,dollars,us dollars,us dollar,u.s. dollars | dollar | currency
australian dollar,australian dollars | australian dollar | currency
canadian dollar,canadian dollars | canadian dollar | currency
hong kong dollar,hong kong dollars | hong kong dollar | currency
new zealand dollar,new zealand dollars | new zealand dollar | currency
singapore dollar,singapore dollars | singapore dollar | currency
taiwan dollar,taiwan dollars,new taiwan dollars | new taiwan dollar | currency
euro,euros,€,eur | euro | currency
bitcoin,bitcoins,btc,₿ | bitcoin | currency
satoshi,satoshis | satoshi | currency
元,kuai | chinese yuan | currency
₡,colón,colones | costa rican colón | currency
₾,lari | georgian lari | currency
₭,kip | lao kip | currency
₦,naira | nigerian naira | currency
₱ | philippine peso | currency
₫,dong | vietnamese dong | currency
₴ | ukrainian hryvnia | currency
=$,=US$ | dollar | currency
=£ | pound sterling | currency
=¥ | japanese yen | currency
pound sterling,pounds sterling,sterling | pound sterling | currency
yen,japanese yen,jpy | japanese yen | currency
yuan,renminbi,chinese yuan,cny,rmb | chinese yuan | currency
ruble,rubles,rouble,roubles | russian ruble | currency
russian ruble,russian rubles,russian roubles,rub,₽ | russian ruble | currency
rupee,rupees,indian rupee,indian rupees,inr | indian rupee | currency
shekel,shekels,new shekels | shekel | currency
danish crown,danish crowns,danish krone,danish kroner | danish krone | currency
swedish crown,swedish crowns,swedish krona,swedish kronor | swedish krona | currency
norwegian crown,norwegian crowns,norwegian krone,norwegian kroner | norwegian krone | currency
franc,francs,swiss franc,swiss francs,chf | swiss franc | currency
ringgit | malaysian ringgit | currency
rand,south african rand | south african rand | currency
reais,brazilian real,brazilian reais | brazilian real | currency
peso,pesos,mexican peso,mexican pesos | mexican peso | currency
south korean won | south korean won | currency
lira,liras,lire,turkish lira | turkish lira | currency
hryvnia,hryvnias,hryvnas | ukrainian hryvnia | currency
kuna,=kn | croatian kuna | currency
cent,cents | cent | currency
pence,penny,=p | penny | currency
sen | sen | currency
usd | dollar | currency
gbp | pound sterling | currency
"""
# Currency written before the number: surface (exact case) -> canonical.
CURRENCY_PREFIXES = {
    "$": "dollar", "US$": "dollar", "US $": "dollar", "$US": "dollar", "U.S. $": "dollar",
    "USD": "dollar", "USD$": "dollar", "A$": "australian dollar", "$A": "australian dollar",
    "AU$": "australian dollar", "AUD": "australian dollar", "C$": "canadian dollar",
    "CA$": "canadian dollar", "CAD": "canadian dollar", "HK$": "hong kong dollar",
    "HK $": "hong kong dollar", "HKD": "hong kong dollar", "NZ$": "new zealand dollar",
    "NZD": "new zealand dollar", "S$": "singapore dollar", "SGD": "singapore dollar",
    "NT$": "new taiwan dollar", "R$": "brazilian real", "€": "euro", "EUR": "euro",
    "£": "pound sterling", "GBP": "pound sterling", "PS": "pound sterling",
    "¥": "japanese yen", "Y=": "japanese yen", "JPY": "japanese yen", "CNY": "chinese yuan",
    "RMB": "chinese yuan", "₹": "indian rupee", "Rs": "indian rupee", "Rs.": "indian rupee",
    "INR": "indian rupee", "₽": "russian ruble", "RUB": "russian ruble",
    "RM": "malaysian ringgit", "CHF": "swiss franc", "₩": "south korean won",
    "₪": "shekel", "NIS": "shekel", "₺": "turkish lira", "₿": "bitcoin", "BTC": "bitcoin",
    "₡": "costa rican colón", "₾": "georgian lari", "₭": "lao kip", "₦": "nigerian naira",
    "₱": "philippine peso", "₫": "vietnamese dong", "₴": "ukrainian hryvnia",
    "us$": "dollar", "us $": "dollar", "c$": "canadian dollar", "c $": "canadian dollar",
    "hk$": "hong kong dollar",
    "hk $": "hong kong dollar", "nz$": "new zealand dollar", "nz $": "new zealand dollar",
    "s$": "singapore dollar", "C $": "canadian dollar", "A $": "australian dollar",
    "NZ $": "new zealand dollar",
}
# Letter codes that may stand one space before the number ("USD 200", "Rs 500").
SPACED_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "AUD", "CAD", "HKD",
                "NZD", "SGD", "RUB", "NIS", "BTC", "Rs", "Rs.", "RM"}
CURRENCY_PREFIX_MAX_CHARS = 6
# Words after "$1.2m" that only repeat the currency ("$76 US a barrel").
CURRENCY_ECHOES = {"US", "U.S.", "USD", "CAD", "AUD", "NZD", "HKD", "SGD"}
# Nouns that may follow "a"/"an" in a rate ("$3,500 a month", "$1,271 an ounce").
RATE_NOUNS = {"second", "minute", "hour", "day", "week", "month", "year", "share", "head",
              "person", "barrel", "ounce", "gallon", "litre", "liter", "pound", "tonne", "ton",
              "kilogram", "kg", "night", "game", "piece", "unit", "mile", "kilometre",
              "kilometer", "gram", "trip", "visit", "seat", "ticket", "decade", "century",
              "dozen", "annum"}
RATE_NAMES = {"annum": "year", "kilometer": "kilometre", "liter": "litre"}

TOKEN_RE = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|(?<![0-9])\.[0-9]+"
                      r"|[^\W\d_]+|\S")


@dataclass(frozen=True, slots=True)
class Unit:
    """A canonical unit: name, kind and the factor its surface applies to the value."""

    name: str
    kind: str
    factor: float = 1.0
    tight: bool = False  # must touch the number ("5m")


def _add(trie: dict, tokens: list[str], unit: Unit) -> None:
    node = trie
    for tok in tokens:
        node = node.setdefault(tok, {})
    node[None] = unit


def _build() -> tuple[dict, dict]:
    exact: dict = {}
    folded: dict = {}
    for row in _UNIT_ROWS.strip().splitlines():
        surfaces, canonical, kind = (part.strip() for part in row.split("|"))
        name, _, factor = canonical.partition("*")
        for surface in surfaces.split(","):
            tight = surface.startswith("^")
            case = surface.startswith("=")
            surface = surface.lstrip("^=")
            unit = Unit(name, kind, float(factor or 1.0), tight)
            tokens = TOKEN_RE.findall(surface)
            if case or tight:
                _add(exact, tokens, unit)
            else:
                _add(folded, [t.lower() for t in tokens], unit)
    return exact, folded


EXACT_UNITS, FOLDED_UNITS = _build()


def match_unit(words: list[str], lows: list[str], i: int, limit: int) -> tuple[Unit, int] | None:
    """Longest unit starting at token i (exact-case table first); returns (unit, end index)."""
    best = None
    for trie, seq in ((EXACT_UNITS, words), (FOLDED_UNITS, lows)):
        node = trie
        j = i
        while j < limit and seq[j] in node:
            node = node[seq[j]]
            j += 1
            if None in node and (best is None or j > best[1]):
                best = (node[None], j)
    return best
