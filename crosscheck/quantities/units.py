"""Unit vocabulary: surface forms to canonical names (NewsQuant's vocabulary) and kinds.

Each row is "surfaces | canonical | kind [| pint]", surfaces separated by commas. Markers on a
surface: `=` the case must match exactly ("W", "PS", "C"); `^` it must touch the number ("5m",
"3h"). A factor written as "canonical*1e9" scales the value ("55 bcm" is 55e9 cubic metres).
The last column, on physical units only, is the unit in pint's notation, from which
`crosscheck.quantities.base_interval` takes the conversion to one base unit per kind; "pint >
base" names the base where pint's dimension does not decide it (bytes; ages, kept apart from
durations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_ROWS = """
%,percent,per cent,percentage,pc,pct | percentage | percent
percentage point,percentage points,percentage-point | percentage point | percent
basis point,basis points,bps,bp | basis point | percent
point,points,pts | point | other
km,kms,kilometre,kilometres,kilometer,kilometers | kilometre | length | km
=m,metre,metres,meter,meters | metre | length | m
cm,centimetre,centimetres,centimeter,centimeters | centimetre | length | cm
mm,millimetre,millimetres,millimeter,millimeters | millimetre | length | mm
dm,decimetre,decimetres,decimeter,decimeters | decimetre | length | dm
μm,µm,micrometre,micrometres,micrometer,micrometers | micrometre | length | micrometer
micron,microns | micrometre | length | micrometer
^nm,nanometre,nanometres,nanometer,nanometers | nanometre | length | nanometer
mile,miles,^mi | mile | length | mile
nautical mile,nautical miles | nautical mile | length | nautical_mile
=pm,picometre,picometres,picometer,picometers | picometre | length | picometer
=am,attometre,attometres,attometer,attometers | attometre | length | attometer
ft,foot,feet | foot | length | foot
inch,inches,^in,″,^" | inch | length | inch
yard,yards,yd,yds | yard | length | yard
light-year,light-years,light year,light years | light-year | length | light_year
km2,km²,sq km | square kilometre | area | km**2
square kilometre,square kilometres | square kilometre | area | km**2
square kilometer,square kilometers | square kilometre | area | km**2
m2,m²,sq m,sqm,square metre,square metres,square meter,square meters | square metre | area | m**2
sq ft,sq. ft,sqft,square foot,square feet | square foot | area | ft**2
sq mi,square mile,square miles | square mile | area | mi**2
sq. m,sq. metres,sq. meters | square metre | area | m**2
sq. km | square kilometre | area | km**2
sq. mi,sq. miles | square mile | area | mi**2
sq yd,sq yds,square yard,square yards | square yard | area | yd**2
=km^2,km squared | square kilometre | area | km**2
=m^2,metres squared,meters squared | square metre | area | m**2
acre,acres | acre | area | acre
hectare,hectares,=ha | hectare | area | hectare
kg,kgs,kilogram,kilograms,kilo,kilos | kilogram | mass | kg
^g,gram,grams,gramme,grammes | gram | mass | g
mg,milligram,milligrams | milligram | mass | mg
μg,µg,mcg,microgram,micrograms,microgramme,microgrammes | microgram | mass | microgram
tonne,tonnes,metric ton,metric tons,metric tonne,metric tonnes,^t | tonne | mass | metric_ton
megatonne,megatonnes,megaton,megatons,=Mt | megatonne | mass | megametric_ton
kilotonne,kilotonnes,kiloton,kilotons | kilotonne | mass | kilometric_ton
ton,tons | ton | mass | metric_ton
lb,lbs,pound,pounds | pound-mass | mass | pound
oz,ounce,ounces | ounce | mass | ounce
=l,=L,litre,litres,liter,liters | litre | volume | liter
ml,mL,millilitre,millilitres,milliliter,milliliters | millilitre | volume | milliliter
gallon,gallons,gal | gallon | volume | gallon
pint,pints | pint | volume | pint
quart,quarts | quart | volume | quart
teaspoon,teaspoons,tsp | teaspoon | volume | teaspoon
tablespoon,tablespoons,tbsp | tablespoon | volume | tablespoon
cup,cups | cup | volume | cup
barrel,barrels,bbl | barrel | volume | oil_barrel
cubic metre,cubic metres,cubic meter,cubic meters,m3,m³,=m^3 | cubic metre | volume | m**3
bcm | cubic metre*1e9 | volume | m**3
cubic foot,cubic feet | cubic foot | volume | ft**3
cu ft,cu. ft | cubic foot | volume | ft**3
cu m,cu. m | cubic metre | volume | m**3
cubic yard,cubic yards,cu yd | cubic yard | volume | yd**3
=km^3,km³,km cubed,cubic kilometre,cubic kilometres | cubic kilometre | volume | km**3
cubic kilometer,cubic kilometers,cubic km,cu km | cubic kilometre | volume | km**3
cubic centimetre,cubic centimetres,=cc | cubic centimetre | volume | cm**3
cl,cL,centilitre,centilitres,centiliter,centiliters | centilitre | volume | centiliter
dl,dL,decilitre,decilitres,deciliter,deciliters | decilitre | volume | deciliter
hectolitre,hectolitres,hectoliter,hectoliters,hl | hectolitre | volume | hectoliter
bcf | cubic foot*1e9 | volume | ft**3
tcf | cubic foot*1e12 | volume | ft**3
millisecond,milliseconds,=ms | millisecond | duration | ms
second,seconds,sec,secs,^s | second | duration | s
minute,minutes,min,mins | minute | duration | minute
hour,hours,hr,hrs,^h | hour | duration | hour
day,days | day | duration | day
week,weeks | week | duration | week
month,months | month | duration | month
year,years,yr,yrs | year | duration | year
decade,decades | decade | duration | 10 year
century,centuries | century | duration | century
=Ma,megayear,megayears | megayear | duration | megayear
=Ga,gigayear,gigayears | gigayear | duration | gigayear
year-old,years-old,year old,years old,-year-old | year of age | duration | year > year of age
year-olds,-year-olds,years-olds | year of age | duration | year > year of age
month-old,months-old,month old,months old,month-olds | month of age | duration | month > year of age
mph,miles per hour,mile per hour,miles an hour,mile an hour | mile per hour | speed | mile/hour
m.p.h.,m.p.h,=MPH,miles/hr,miles/hour,mi/h | mile per hour | speed | mile/hour
ft/s,feet per second,foot per second,fps | foot per second | speed | ft/s
km/h,kph,kmph,km/hr | kilometre per hour | speed | km/hour
kmh,kilometres per hour,kilometers per hour | kilometre per hour | speed | km/hour
kilometres an hour,kilometers an hour | kilometre per hour | speed | km/hour
knot,knots | knot | speed | knot
m/s,metres per second,meters per second | metre per second | speed | m/s
mpg,miles per gallon | mile per gallon | other
°C,° C,degrees Celsius,degree Celsius,Celsius,=C,=ºC | celsius | temperature | degC
degrees centigrade | celsius | temperature | degC
° Celsius,=degrees C,=degree C | celsius | temperature | degC
degC,deg C,deg. C,degs C | celsius | temperature | degC
°F,° F,degrees Fahrenheit,degree Fahrenheit,Fahrenheit,^F | fahrenheit | temperature | degF
° Fahrenheit,=degrees F,=degree F | fahrenheit | temperature | degF
degF,deg F,deg. F,degs F,=ºF | fahrenheit | temperature | degF
rad,radian,radians | radian | other
degree,degrees,° | degree | other
=W,watt,watts | watt | power | W
=kW,kilowatt,kilowatts | kilowatt | power | kW
=MW,megawatt,megawatts | megawatt | power | MW
=GW,gigawatt,gigawatts | gigawatt | power | GW
=TW,terawatt,terawatts | terawatt | power | TW
=mW,milliwatt,milliwatts | milliwatt | power | mW
kWh,kilowatt hour,kilowatt hours,kilowatt-hour,kilowatt-hours | kilowatt hour | energy | kWh
=Wh,watt hour,watt hours,watt-hour,watt-hours | watt hour | energy | Wh
MWh,megawatt hour,megawatt hours,megawatt-hour,megawatt-hours | megawatt hour | energy | MWh
GWh,gigawatt hour,gigawatt hours,gigawatt-hour,gigawatt-hours | gigawatt hour | energy | GWh
TWh,terawatt hour,terawatt hours,terawatt-hour,terawatt-hours | terawatt hour | energy | TWh
joule,joules,=J | joule | energy | J
=kJ,kilojoule,kilojoules | kilojoule | energy | kJ
=MJ,megajoule,megajoules | megajoule | energy | MJ
=GJ,gigajoule,gigajoules | gigajoule | energy | GJ
=eV,electronvolt,electronvolts,electron volt,electron volts | electronvolt | energy | eV
=keV | kiloelectronvolt | energy | keV
=MeV | megaelectronvolt | energy | MeV
=GeV | gigaelectronvolt | energy | GeV
=TeV | teraelectronvolt | energy | TeV
Btu,BTU,btu,british thermal unit,british thermal units | british thermal unit | energy | Btu
MMBtu,mmbtu,MMBTU | mega british thermal unit | energy | 1000000 Btu
calorie,calories,kcal | calorie | energy | kilocalorie
hp,horsepower,=PS | horsepower | power | hp
bhp | brake horsepower | power | hp
rpm | revolutions per minute | rate | 1/minute
=Hz,hertz | hertz | rate | Hz
kHz,kilohertz | kilohertz | rate | kHz
MHz,megahertz | megahertz | rate | MHz
GHz,gigahertz | gigahertz | rate | GHz
GB,gigabyte,gigabytes | gigabyte | other | GB > byte
MB,megabyte,megabytes | megabyte | other | MB > byte
TB,terabyte,terabytes | terabyte | other | TB > byte
KB,kilobyte,kilobytes | kilobyte | other | kB > byte
PB,petabyte,petabytes | petabyte | other | PB > byte
EB,exabyte,exabytes | exabyte | other | EB > byte
byte,bytes | byte | other | byte > byte
bit,bits | bit | other | bit > byte
=Mbps,megabit per second,megabits per second | megabit per second | rate | Mbit/s > byte per second
=Gbps,gigabit per second,gigabits per second | gigabit per second | rate | Gbit/s > byte per second
=kbps,kilobit per second,kilobits per second | kilobit per second | rate | kbit/s > byte per second
mAh | milliampere-hour | other | mA*hour
=V,volt,volts | volt | other | V
=kV,kilovolt,kilovolts | kilovolt | other | kV
=mV,millivolt,millivolts | millivolt | other | mV
decibel,decibels,=dB | decibel | other
ppm,parts per million | parts-per-million | rate
ppb,parts per billion | parts-per-billion | rate
GPa,gigapascal,gigapascals | gigapascal | other | GPa
=MPa,megapascal,megapascals | megapascal | other | MPa
=kPa,kilopascal,kilopascals | kilopascal | other | kPa
=hPa,hectopascal,hectopascals | hectopascal | other | hPa
=Pa,pascal,pascals | pascal | other | Pa
psi,pounds per square inch,pound per square inch | pound per square inch | other | psi
ksi | kilopound per square inch | other | ksi
mbar,millibar,millibars | millibar | other | millibar
mmHg,mm Hg,millimetres of mercury,millimeters of mercury | millimeter of mercury | other | mmHg
=Nm,newton metre,newton metres,newton meters | newton metre | energy | N*m
lb-ft,lb ft | foot pound-force | energy | lbf*ft
pound-feet,pound-foot | pound-foot | energy | lbf*ft
times,^x,fold | count | other
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
    "NZ $": "new zealand dollar", "AUD$": "australian dollar", "CAD$": "canadian dollar",
    "NZD$": "new zealand dollar", "MXN$": "mexican peso", "Mex$": "mexican peso",
    "MX$": "mexican peso", "MXN": "mexican peso", "aud$": "australian dollar",
    "cad$": "canadian dollar", "nzd$": "new zealand dollar", "mxn$": "mexican peso",
    "mex$": "mexican peso",
}
# Letter codes that may stand one space before the number ("USD 200", "Rs 500").
SPACED_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "AUD", "CAD", "HKD",
                "NZD", "SGD", "RUB", "NIS", "BTC", "Rs", "Rs.", "RM", "MXN"}
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


def _build() -> tuple[dict, dict, dict[str, str]]:
    exact: dict = {}
    folded: dict = {}
    pint_names: dict[str, str] = {}
    for row in _UNIT_ROWS.strip().splitlines():
        surfaces, canonical, kind, *pint = (part.strip() for part in row.split("|"))
        name, _, factor = canonical.partition("*")
        if pint:
            pint_names[name] = pint[0]
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
    return exact, folded, pint_names


# PINT_UNITS: canonical physical unit -> its pint expression (and base), for base_interval.
EXACT_UNITS, FOLDED_UNITS, PINT_UNITS = _build()


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
