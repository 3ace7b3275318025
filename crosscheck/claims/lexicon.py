"""Lexicons (compact on purpose: enough for news prose about states, armies, trade and tolls)."""

from __future__ import annotations

import re

_COUNTRIES = {
    "Russia": "russian|russians|russia's",
    "Ukraine": "ukrainian|ukrainians|ukraine's",
    "China": "chinese|prc|china's",
    "United States": "american|americans|u.s.|us|usa|america|washington",
    "United Kingdom": "british|britain|u.k.|uk",
    "Germany": "german|germans|germany's",
    "France": "french",
    "North Korea": "north korean|north koreans|pyongyang|dprk",
    "South Korea": "south korean|south koreans|seoul",
    "Iran": "iranian|iranians|tehran",
    "Israel": "israeli|israelis",
    "Taiwan": "taiwanese",
    "Japan": "japanese",
    "India": "indian|indians",
    "Turkey": "turkish|türkiye",
    "Poland": "polish|poles",
    "Belarus": "belarusian",
    "Syria": "syrian|syrians",
    "Italy": "italian|italians",
    "Spain": "spanish",
    "Netherlands": "dutch",
    "Belgium": "belgian",
    "Sweden": "swedish",
    "Finland": "finnish",
    "Norway": "norwegian",
    "Canada": "canadian|canadians",
    "Australia": "australian|australians",
    "Egypt": "egyptian",
    "Saudi Arabia": "saudi|saudis",
    "Pakistan": "pakistani",
    "Mongolia": "mongolian",
    "Georgia": "georgian",
    "Moldova": "moldovan",
    "Romania": "romanian",
    "Hungary": "hungarian",
    "Lithuania": "lithuanian",
    "Latvia": "latvian",
    "Estonia": "estonian",
    "Kazakhstan": "kazakh",
    "Brazil": "brazilian",
    "Mexico": "mexican",
    "Venezuela": "venezuelan",
    "Cyprus": "cypriot",
    "Greece": "greek",
    "Gaza": "gazan",
    "Lebanon": "lebanese",
    "Yemen": "yemeni|houthi|houthis",
    "Iraq": "iraqi",
    "Afghanistan": "afghan",
    "Ethiopia": "ethiopian",
    "Sudan": "sudanese",
    "Nigeria": "nigerian",
    "Kenya": "kenyan",
    "South Africa": "south african",
    "Libya": "libyan|libyans",
    "Morocco": "moroccan",
    "Algeria": "algerian",
    "Tunisia": "tunisian",
    "Jordan": "jordanian",
    "Qatar": "qatari",
    "United Arab Emirates": "uae|emirati",
    "Armenia": "armenian",
    "Azerbaijan": "azerbaijani",
    "Serbia": "serbian|serbs",
    "Croatia": "croatian",
    "Bulgaria": "bulgarian",
    "Czech Republic": "czech|czechia",
    "Slovakia": "slovak",
    "Austria": "austrian",
    "Switzerland": "swiss",
    "Denmark": "danish",
    "Ireland": "irish",
    "Portugal": "portuguese",
    "Vietnam": "vietnamese",
    "Thailand": "thai",
    "Indonesia": "indonesian",
    "Philippines": "filipino|philippine",
    "Malaysia": "malaysian",
    "Bangladesh": "bangladeshi",
    "Myanmar": "burmese",
    "Argentina": "argentine|argentinian",
    "Chile": "chilean",
    "Colombia": "colombian",
    "Peru": "peruvian",
    "Cuba": "cuban",
    "Haiti": "haitian",
    "New Zealand": "new zealander",
    "Somalia": "somali",
    "Congo": "congolese",
    "Mali": "malian",
    "Niger": "nigerien",
    "Chad": "chadian",
    "Uzbekistan": "uzbek",
    "Tajikistan": "tajik",
    "Kyrgyzstan": "kyrgyz",
    "Turkmenistan": "turkmen",
}
COUNTRY_NAMES = frozenset(_COUNTRIES)  # canonical names find_entities gives for places
_COUNTRIES.update({
    "European Union": "eu|european union",
    "NATO": "nato",
    "United Nations": "un|u.n.",
})
# Places named for their country in matching: a figure about Moscow is a figure about Russia.
PLACE_COUNTRY = {
    "Moscow": "Russia", "St Petersburg": "Russia", "Siberia": "Russia", "Rostov-on-Don": "Russia",
    "Belgorod": "Russia", "Kursk": "Russia", "Kremlin": "Russia", "Kyiv": "Ukraine",
    "Kiev": "Ukraine", "Kharkiv": "Ukraine", "Odesa": "Ukraine", "Odessa": "Ukraine",
    "Mariupol": "Ukraine", "Bakhmut": "Ukraine", "Donetsk": "Ukraine", "Luhansk": "Ukraine",
    "Crimea": "Ukraine", "Zaporizhzhia": "Ukraine", "Kherson": "Ukraine", "Donbas": "Ukraine",
    "Beijing": "China", "Shanghai": "China", "Hong Kong": "China", "Berlin": "Germany",
    "Paris": "France", "London": "United Kingdom", "Tokyo": "Japan", "Taipei": "Taiwan",
    "Ankara": "Turkey", "Istanbul": "Turkey", "Damascus": "Syria", "Aleppo": "Syria",
    "Tripoli": "Libya", "Benghazi": "Libya", "Derna": "Libya", "Jerusalem": "Israel",
    "Tel Aviv": "Israel", "Warsaw": "Poland", "Minsk": "Belarus", "Brussels": "Belgium",
    "Rome": "Italy", "Madrid": "Spain", "Cairo": "Egypt", "Riyadh": "Saudi Arabia",
    "New Delhi": "India", "Delhi": "India", "Mumbai": "India", "Islamabad": "Pakistan",
    "Hawaii": "United States", "Maui": "United States", "Lahaina": "United States",
    "New York": "United States", "Pentagon": "United States", "White House": "United States",
    "Baghdad": "Iraq", "Kabul": "Afghanistan", "Beirut": "Lebanon", "Amman": "Jordan",
    "Baku": "Azerbaijan", "Yerevan": "Armenia", "Tbilisi": "Georgia", "Chisinau": "Moldova",
    "Vilnius": "Lithuania", "Riga": "Latvia", "Tallinn": "Estonia", "Helsinki": "Finland",
    "Stockholm": "Sweden", "Oslo": "Norway", "Ottawa": "Canada", "Canberra": "Australia",
}
_ALIASES: dict[str, str] = {}
for _name, _words in _COUNTRIES.items():
    _ALIASES[_name.lower()] = _name
    for _alias in _words.split("|"):
        _ALIASES[_alias] = _name
_ALIAS_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(_ALIASES, key=len, reverse=True))
    + r")(?![\w])", re.IGNORECASE)
_CASE_SENSITIVE_ALIASES = frozenset({"us", "un", "eu", "uk", "georgia", "turkey", "chinese"})

_MONTH_NAMES = ("january february march april may june july august september october november "
                "december")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES.split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
            r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NOT_NAMES = frozenset(
    "the a an in on at of for and but or as if so this that these those it its he she they we i "
    "his her their our there here when while after before since until with by from to however "
    "although though meanwhile today yesterday monday tuesday wednesday thursday friday saturday "
    "sunday mr mrs ms dr according also both each every some many most several other such not "
    "what which who whom whose why how where all any no one two three four five western eastern "
    "northern southern northeast northwest southeast southwest european asian african soviet "
    "during starting case breaking update updated read more about around nearly almost roughly "
    "only over under less at up just even yet still then now thus hence instead despite overall "
    "last next first second new old earlier later sino russo euro anglo franco you your my me "
    "us them what's it's".split())
# Titles dropped from the front of a name so "President Emmanuel Macron" = "Emmanuel Macron".
_TITLES = frozenset(
    "president prime minister chancellor general gen. gen secretary senator sen. king queen "
    "prince dr dr. mr mr. mrs mrs. ms ms. professor prof. defense defence foreign deputy first "
    "vice chairman chief director spokesman spokeswoman ambassador governor mayor colonel col. "
    "lieutenant lt. admiral commander former current russian chinese u.s. american".split())
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt maj adm gov sen rep st jr sr inc ltd co corp dept no "
    "vs etc approx est fig al jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev".split())
_STOP = frozenset(
    "a an the of to in on at for from by with and or but as that this these those is are was were "
    "be been being has have had it its their his her which who whom whose than then there so also "
    "about around some over under more less nearly almost roughly approximately estimated up down "
    "into onto per each every while when after before since until both all any no not only just "
    "still already yet very most many much such other another same own s should would could "
    "will can may might must shall across during through within toward towards against among "
    "amid despite via like".split())
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion tens dozen "
    "dozens half quarter third percent per cent %".split())
_QUALIFIER_WORDS = frozenset(
    "more than less fewer over under about around nearly almost roughly approximately some up to "
    "at least most no some estimated an a between and to from + plus or".split())
# Participles that name the measure itself ("62 killed, 145 injured").
_MEASURE_WORDS = frozenset(
    "killed dead died deaths death injured wounded hurt missing displaced arrested detained "
    "evacuated hospitalized hospitalised".split())
_VERBS = frozenset(
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
_MODALS = frozenset("would could should will can may might must shall not".split())
_CONTAINER_NOUNS = frozenset("number total toll count share percentage majority amount".split())
_PREPOSITIONS = frozenset("from in of at on near across inside outside".split())
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# Words of sourcing, not of the fact: left out of the frame the matcher compares.
_SOURCE_WORDS = frozenset(
    "said say says told tell according wrote write writes reported report reports announced "
    "claimed claim stated added noted estimated citing cited official spokesman spokeswoman "
    "spokesperson source".split())
_REPORTING = frozenset("according said says told announced reported estimated claimed".split())
_AUXILIARIES = frozenset("is are was were has have had be been being".split())
_SAY_VERBS = (
    r"said|says|told|tells|wrote|writes|reported|estimated|announced|announces|stated|noted|"
    r"added|adds|claimed|pointed out|points out|emphasized|emphasised|stressed|believes|"
    r"believed|warned|warns|revealed|confirmed|explained|argued|argues|calculated|"
    r"put it|puts it|puts the|put the|showed|found|proposed|predicted|forecast|projected|"
    r"assessed|concluded|count|counts|counted|estimates|reckons|reckoned|recorded|records"
)
_SPEAKER = r"(?:[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|of|the))*)"
_ORG_NOUNS = (r"(?:ministry|ministries|committee|office|agency|agencies|services?|department|"
              r"government|authorities|officials?|spokes(?:man|woman|person)|police|army|"
              r"military|institute|centre|center|reports?|data|figures|statistics|estimates?|"
              r"survey|study|sources?|commission|council|bureau|command|administration|operator|"
              r"company|firm|bank|analysts?|experts?|researchers?|media|intelligence|medics|"
              r"doctors|rescuers|witnesses|investigators|prosecutors|lawmakers|diplomats|"
              r"observers|monitors)")
# "a source close to the leadership in ...", "the Moscow region's social development ministry"
_ROLE_PREFIX = r"(?:[\w'’-]+\s+){0,7}?"

# Public names of the tables other modules read.
ALIASES = _ALIASES  # alias (lower case) → canonical country or bloc name
NOT_NAMES = _NOT_NAMES  # capitalised words that open sentences but name nothing
MONTHS = _MONTHS  # month name or abbreviation → month number
MONTH_RE = _MONTH_RE
NUMBER_WORDS = _NUMBER_WORDS  # spelled numbers and their scale words ("six", "hundreds")
STOP_WORDS = _STOP  # function words of claim frames
VERBS = _VERBS  # verbs a figure's predicate may be
AUXILIARIES = _AUXILIARIES
REPORTING = _REPORTING  # verbs of saying, never a figure's predicate
