"""Claim-reading word tables: countries and their places, names, verbs, who says a figure.

Compact on purpose: enough for news prose about states, armies, trade and tolls. Words every
part of the package reads (function words, number words, months) are in `crosscheck.words`.
"""

from __future__ import annotations

from crosscheck.claims import gazetteer
from crosscheck.words import FUNCTION_WORDS, NUMBER_WORDS, PERCENT_WORDS

# Country = the words that name it or its people (lower case, "|" between them).
_COUNTRY_WORDS = """
Russia = russian|russians|russia's
Ukraine = ukrainian|ukrainians|ukraine's
China = chinese|prc|china's
United States = american|americans|u.s.|us|usa|america|washington
United Kingdom = british|britain|u.k.|uk
Germany = german|germans|germany's
France = french
North Korea = north korean|north koreans|pyongyang|dprk
South Korea = south korean|south koreans|seoul
Iran = iranian|iranians|tehran
Israel = israeli|israelis
Taiwan = taiwanese
Japan = japanese
India = indian|indians
Turkey = turkish|türkiye
Poland = polish|poles
Belarus = belarusian
Syria = syrian|syrians
Italy = italian|italians
Spain = spanish
Netherlands = dutch
Belgium = belgian
Sweden = swedish
Finland = finnish
Norway = norwegian
Canada = canadian|canadians
Australia = australian|australians
Egypt = egyptian
Saudi Arabia = saudi|saudis
Pakistan = pakistani
Mongolia = mongolian
Georgia = georgian
Moldova = moldovan
Romania = romanian
Hungary = hungarian
Lithuania = lithuanian
Latvia = latvian
Estonia = estonian
Kazakhstan = kazakh
Brazil = brazilian
Mexico = mexican
Venezuela = venezuelan
Cyprus = cypriot
Greece = greek
Gaza = gazan
Lebanon = lebanese
Yemen = yemeni|houthi|houthis
Iraq = iraqi
Afghanistan = afghan
Ethiopia = ethiopian
Sudan = sudanese
Nigeria = nigerian
Kenya = kenyan
South Africa = south african
Libya = libyan|libyans
Morocco = moroccan
Algeria = algerian
Tunisia = tunisian
Jordan = jordanian
Qatar = qatari
United Arab Emirates = uae|emirati
Armenia = armenian
Azerbaijan = azerbaijani
Serbia = serbian|serbs
Croatia = croatian
Bulgaria = bulgarian
Czech Republic = czech|czechia
Slovakia = slovak
Austria = austrian
Switzerland = swiss
Denmark = danish
Ireland = irish
Portugal = portuguese
Vietnam = vietnamese
Thailand = thai
Indonesia = indonesian
Philippines = filipino|philippine
Malaysia = malaysian
Bangladesh = bangladeshi
Myanmar = burmese
Argentina = argentine|argentinian
Chile = chilean
Colombia = colombian
Peru = peruvian
Cuba = cuban
Haiti = haitian
New Zealand = new zealander
Somalia = somali
Congo = congolese
Mali = malian
Niger = nigerien
Chad = chadian
Uzbekistan = uzbek
Tajikistan = tajik
Kyrgyzstan = kyrgyz
Turkmenistan = turkmen
"""
# Blocs are named like countries but are none ("the EU's 27 members").
_BLOC_WORDS = """
European Union = eu|european union
NATO = nato
United Nations = un|u.n.
"""
# Country: the seats of power a figure about them is a figure about; the places of every country
# (capitals, large cities, US states) come from GeoNames (`gazetteer`). A hand-written list of
# the towns of the stories the rules were developed on made the rules fit those stories: with
# GeoNames alone, the half developed on scores the same and the other half better.
_COUNTRY_PLACES = """
United States: Pentagon, White House
Russia: Kremlin
"""


def _rows(text: str, sep: str, between: str) -> dict[str, list[str]]:
    """Table lines 'Name <sep> word<between>word' (continuation lines indented) as a dict."""
    rows = {}
    for line in text.replace("\n    ", " ").strip().splitlines():
        name, _, words = line.partition(sep)
        rows[name.strip()] = [w.strip() for w in words.split(between)]
    return rows


_COUNTRIES = _rows(_COUNTRY_WORDS, "=", "|")
COUNTRY_NAMES = frozenset(_COUNTRIES)  # canonical names find_entities gives for places
# Alias (lower case) → canonical country or bloc name; a later row wins a shared alias.
ALIASES: dict[str, str] = {}
for _name, _aliases in {**_COUNTRIES, **_rows(_BLOC_WORDS, "=", "|")}.items():
    ALIASES[_name.lower()] = _name
    ALIASES.update(dict.fromkeys(_aliases, _name))
# Place → its country: a figure about Moscow is a figure about Russia.
PLACE_COUNTRY = {place: country for country, places in _rows(_COUNTRY_PLACES, ":", ",").items()
                 for place in places}
# Words of the figure itself, left out of what it counts ("5 percent", "hundreds").
FIGURE_WORDS = NUMBER_WORDS | PERCENT_WORDS
# Words that open a noun phrase before its noun ("the", "its", "these").
DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# Function words of claim frames; "estimated" qualifies a figure, "s" is a split "'s".
STOP_WORDS = FUNCTION_WORDS | {"estimated", "s"}
# Capitalised words that open sentences but name nothing.
NOT_NAMES = frozenset(
    "the a an in on at of for and but or as if so this that these those it its he she they we i "
    "his her their our there here when while after before since until with by from to however "
    "although though meanwhile today yesterday monday tuesday wednesday thursday friday saturday "
    "sunday mr mrs ms dr according also both each every some many most several other such not "
    "what which who whom whose why how where all any no one two three four five western eastern "
    "northern southern northeast northwest southeast southwest european asian african soviet "
    "during starting case breaking update updated read more about around nearly almost roughly "
    "only over under less at up just even yet still then now thus hence instead despite overall "
    "last next first second new old earlier later sino russo euro anglo franco you your my me "
    "us them what's it's celsius fahrenheit kelvin richter".split())
# Countries the tables above do not name and their people, from GeoNames and countryinfo:
# named only in their proper case ("Guinea", not "guinea"). US states, capitals and large
# cities join the places.
_COUNTRIES_ADDED = {name.lower(): name for name in gazetteer.countries().values()
                    if name and name.lower() not in ALIASES and name not in PLACE_COUNTRY}
ALIASES.update(_COUNTRIES_ADDED)
_PEOPLE = {word: country for word, country in gazetteer.demonyms().items()
           if word not in ALIASES and country.lower() in _COUNTRIES_ADDED}
ALIASES.update(_PEOPLE)
GAZETTEER_ALIASES = frozenset(_COUNTRIES_ADDED) | frozenset(_PEOPLE)
for _place, _country in gazetteer.places(set(ALIASES) | {p.lower() for p in PLACE_COUNTRY}
                                         | NOT_NAMES | FUNCTION_WORDS).items():
    PLACE_COUNTRY.setdefault(_place, _country)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt maj adm gov sen rep st jr sr inc ltd co corp dept no "
    "vs etc approx est fig al jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev".split())
VERBS = frozenset(
    "sold supplied provided delivered shipped exported imported sent transferred bought purchased "
    "killed injured wounded died massed deployed assembled gathered stationed amassed used fired "
    "produced produces produce expected estimated estimates accounted account accounts reached "
    "reaches rose risen rise rises increased increase jumped fell fallen dropped declined "
    "exceeds exceeded exceed totaled totalled carried sentenced fined spent cost "
    "costs received lost displaced evacuated arrested detained hit grew grown climbed stood stands "
    "is are was were has have had be been got gets get made make makes take took taken need "
    "needs needed consumed consume generated ran runs amounted amount holds held owns owned "
    "built build paid pay pays raised borrowed lent invested recorded registered reported "
    "moved moving fired launched captured counted numbered number numbers stockpiled came come "
    "comes went go goes gave give gives left leave leaves saw see sees put puts set sets showed "
    "shows show found find finds included include includes remained remain remains became "
    "become becomes killing wounding leaving bringing making taking putting pushing supplying "
    "selling sending shipping reaching rising falling dropping according said says told "
    "announced reported estimated claimed burned burnt stretches stretch spans span measures "
    "covers covered spend spends fight fights reach reaches hits hit face faces faced".split())
REPORTING = frozenset("according said says told announced reported estimated claimed".split())
AUXILIARIES = frozenset("is are was were has have had be been being".split())
SAY_VERBS = (
    r"said|says|told|tells|wrote|writes|reported|estimated|announced|announces|stated|noted|"
    r"added|adds|claimed|pointed out|points out|emphasized|emphasised|stressed|believes|"
    r"believed|warned|warns|revealed|confirmed|explained|argued|argues|calculated|"
    r"put it|puts it|puts the|put the|showed|found|proposed|predicted|forecast|projected|"
    r"assessed|concluded|count|counts|counted|estimates|reckons|reckoned|recorded|records|"
    # "the regional authorities say", "sources tell", "the authority now expects"
    r"expects|projects|forecasts|estimate|say|tell|confirm|believe|claim|warn"
)
SPEAKER = r"(?:[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|of|the))*)"
ORG_NOUNS = (r"(?:ministry|ministries|committee|office|agency|agencies|services?|department|"
              r"government|authorities|officials?|spokes(?:man|woman|person)|police|army|"
              r"military|institute|centre|center|reports?|data|figures|statistics|estimates?|"
              r"survey|study|sources?|commission|council|bureau|command|administration|operator|"
              r"company|firm|bank|analysts?|experts?|researchers?|media|intelligence|medics|"
              r"doctors|rescuers|witnesses|investigators|prosecutors|lawmakers|diplomats|"
              r"observers|monitors|groups|organisers|organizers|activists|residents|unions?)")
# "a source close to the leadership in ...", "the Moscow region's social development ministry"
ROLE_PREFIX = r"(?:[\w'’-]+\s+){0,7}?"

