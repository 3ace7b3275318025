"""Sentences → claim frames: what a figure measures, who is involved, who said it, and when.

`extract_claims` splits an article into sentences (a rule-based, abbreviation-safe splitter: no
model downloads), drops link and boilerplate lines that survived cleaning, asks the quantity engine
for the figures of each sentence, skips figures that are not claims (years, dates, ordinals, list
markers, questions) with the reason kept, and builds one `Claim` per remaining figure.

Attribution is read from the sentence ("according to X", "X said", "X wrote in Bloomberg",
"citing X", "X told reporters") and resolved against the article: a surname or a pronoun refers
back to the full name (and outlet) the article introduced earlier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from crosscheck.models import Article, Claim, Quantity, SkipRecord, stable_id

Parser = Callable[[str], list[Quantity]]

# ---------------------------------------------------------------------------------------------
# Lexicons (compact on purpose: enough for news prose about states, armies, trade and tolls)
# ---------------------------------------------------------------------------------------------
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
    r"put it|showed|found|proposed|predicted|forecast|projected|assessed|concluded|count|counts|"
    r"counted"
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

# Sentences that are site furniture, not text (kept short: the cleaner removes most).
_BOILERPLATE_RE = re.compile(
    r"^\W*(must read|read more|read also|also read|see also|related( articles?| stories)?:?|"
    r"recommended|you may also like|click here|subscribe|sign up|follow us|share this|"
    r"advertisement|whatsapp channel|telegram (group|channel)|leave a comment|privacy|"
    r"this (site|website) uses|cookie|all rights reserved|©|home »|editor in charge)",
    re.IGNORECASE)
HEADLINE_MAX_WORDS = 24  # a line with no end punctuation and at most this many words is a heading
_END_PUNCT = tuple('.!:;"”’)…')

# Spelled-out counts up to this ("two sides", "three books") describe rather than claim; "five
# cities" (the epoch seed's figure) stays a claim.
SMALL_COUNT_MAX = 4
PRONOUN_LOOKBACK = 4  # sentences a "he said" may reach back to find its speaker (seed: 1–2)
FRAME_WINDOW = 8  # content words kept on each side of the figure in the frame
MEASURED_MAX_WORDS = 4  # words in the measured-thing phrase ("natural gas imports")
MAX_PP_JUMPS = 3  # prepositional phrases skipped to reach a subject's head noun
PHRASE_SCAN_WORDS = 12  # words read back from a figure while looking for its subject
TITLE_WORDS = 8  # title words lent to the frame of a sentence that names no entity itself


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article with its position."""

    index: int
    start: int
    text: str
    paragraph: int


@dataclass
class _Speakers:
    """People an article introduced, so a later surname or pronoun resolves to them."""

    full_names: dict[str, str] = field(default_factory=dict)  # surname → full name
    outlets: dict[str, str] = field(default_factory=dict)  # full name → outlet
    last: tuple[int, str] | None = None  # (sentence index, attribution) of the latest speaker


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------
_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: each line is a paragraph, then split at safe boundaries."""
    out: list[Sentence] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        for start, piece in _split_line(line):
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(len(out), pos + start + lead, stripped, paragraph))
        pos += len(line) + 1
    return out


def _split_line(line: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _BOUNDARY_RE.finditer(line):
        if m.group(1) == "." and _is_abbreviation(line[start:m.start()]):
            continue
        yield start, line[start:m.end(2)]
        start = m.end()
    yield start, line[start:]


def _is_abbreviation(before: str) -> bool:
    """True when the period ending `before` belongs to an abbreviation or an initial."""
    token = before.rsplit(None, 1)[-1] if before.strip() else ""
    token = token.lstrip("(\"“'‘")
    if not token:
        return False
    if len(token) == 1 and token.isupper():
        return True  # an initial: "George W. Bush"
    if "." in token:
        return True  # "U.S.", "e.g"
    return token.lower() in _ABBREVIATIONS


def boilerplate_reason(sentence: str) -> str | None:
    """Why a sentence is site furniture rather than text, or None when it is text."""
    if _BOILERPLATE_RE.search(sentence):
        return "boilerplate or link line (e.g. 'MUST READ', 'See also')"
    words = sentence.split()
    if not sentence.endswith(_END_PUNCT) and not sentence.endswith("?") \
            and len(words) <= HEADLINE_MAX_WORDS:
        return "heading or link line (no sentence punctuation)"
    if sentence.endswith("?"):
        return "question, not a claim"
    return None


# ---------------------------------------------------------------------------------------------
# Which figures are claims
# ---------------------------------------------------------------------------------------------
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
            r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


def skip_reason(sentence: str, q: Quantity) -> str | None:
    """Why a figure is not a claim (a year, a date, an ordinal, a list marker), or None."""
    before = sentence[max(0, q.start - 12):q.start].lower()
    after = sentence[q.end:q.end + 12].lower()
    surface = q.surface.strip()
    if re.fullmatch(r"(1[89]|20)\d\d(s)?", surface) and not q.unit:
        return "a year, not a figure"
    if re.search(_MONTH_RE + r"\.?\s*$", before) and re.fullmatch(r"\d{1,2}", surface):
        return "part of a date"
    if re.match(r"^\s*" + _MONTH_RE + r"\b", after) and re.fullmatch(r"\d{1,2}", surface):
        return "part of a date"
    if re.match(r"^(st|nd|rd|th)\b", after) or re.fullmatch(r"\d+(st|nd|rd|th)", surface):
        return "an ordinal, not a figure"
    if q.start <= 1 and re.match(r"^[.)]", after) and not q.unit:
        return "a list marker"
    if q.unit_kind in ("count", "duration") and q.low == q.high and q.low <= SMALL_COUNT_MAX \
            and q.qualifier == "exact" and not re.search(r"\d", surface):
        return "a small spelled-out count ('two sides', 'one day'), a description, not a figure"
    if q.unit_kind == "duration" and re.search(r"\bfor\s*$", before) is None \
            and re.match(r"^\s*(ago|later|earlier|before|after)\b", after):
        return "a time reference, not a figure"
    return None


# ---------------------------------------------------------------------------------------------
# Frames: measured thing, entities, predicate
# ---------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]|\d(?:[\d,.]*\d)?%?|%|[,;:()“”\"$€£+]")


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".") if t.endswith(".") and t.count(".") == 1 else t
            for t in _TOKEN_RE.findall(text.replace("’", "'"))]


def _norm(word: str) -> str:
    """Lower case, possessive dropped, simple plural folded ("shells" → "shell")."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:-3] + "ter" if w.endswith("tre") else w  # metre/meter spellings agree


def _is_numeric(tok: str) -> bool:
    return tok[0].isdigit() or tok.lower() in _NUMBER_WORDS


def _unit_words(unit: str) -> set[str]:
    return {_norm(w) for w in re.split(r"[\s/_-]+", unit.lower()) if w}


def measured_thing(sentence: str, q: Quantity) -> str:
    """The thing a figure counts or measures, e.g. 'artillery shells', 'natural gas imports'."""
    units = _unit_words(q.unit) | {"percent", "percentage", "cent", "%"}
    if q.unit_kind != "count":  # words of the surface name the unit ("4,300 km"), not the thing
        units |= {_norm(t) for t in _tokens(q.surface) if t[0].isalpha()}
    inside = len(_tokens(sentence[q.start:q.end]))
    words = _phrase_after(_tokens(sentence[q.start:]), units, q.unit_kind, inside)
    if words and (q.unit_kind == "count" or not all(_norm(w) in units for w in words)):
        return " ".join(words)  # a counted noun is the thing itself ("shells")
    before = _phrase_before(_tokens(sentence[:q.start]))
    if before:
        return " ".join(before)
    return " ".join(words) or (q.unit if q.unit_kind == "count" else "")


def _phrase_after(tokens: list[str], units: set[str], q_kind: str, inside: int) -> list[str]:
    """Content words from the figure on: '3 million artillery shells', 'tonnes of grain'.

    `inside` is how many tokens the figure's own surface has: qualifier words ("more than",
    "to") are skipped there, but after the figure a "to" starts another clause.
    """
    out: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        qualifier = i < inside and (low in _QUALIFIER_WORDS or _is_numeric(tok))
        if not out and (qualifier or low in _DETERMINERS or low in ("of", "$", "€", "£", "+")
                        or (i < inside and _is_numeric(tok))
                        or (low == "in" and q_kind == "currency")):  # "$61 billion in aid"
            continue
        if low == "of" and out and all(_norm(w) in units for w in out):
            out = []  # "tonnes of grain": the thing is the grain
            continue
        if low in _MEASURE_WORDS:
            return out + [tok]
        if low == "counting" and not out:
            break  # "150 and counting": the thing is named before the figure
        if low in _ALIASES and tok[0].isupper():
            continue  # entities are kept apart from the measured thing
        if low in _STOP or low in _VERBS or not tok[0].isalpha() or len(out) >= MEASURED_MAX_WORDS:
            break
        if low.endswith("ly") and i > 0:
            break
        out.append(tok)
    return out


def _phrase_before(tokens: list[str]) -> list[str]:
    """Noun phrase before the figure: 'a border of [N]' → 'border'; subject before its verb."""
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].lower() in _QUALIFIER_WORDS or _is_numeric(tokens[i])):
        i -= 1
    if i >= 0 and tokens[i].lower() in ("of", "to", "by", "for", "at", "reached", "exceeds",
                                         "exceeded", "totaled", "is", "was", "were", "are"):
        i -= 1
    while i >= 0 and (tokens[i].lower() in _VERBS or tokens[i].lower() in _AUXILIARIES
                      or tokens[i].lower().endswith("ly") or tokens[i].lower() in _MODALS
                      or tokens[i].lower() in ("to", "by")):
        i -= 1
    out: list[str] = []
    jumps = 0
    while i >= 0 and len(out) < PHRASE_SCAN_WORDS:
        tok, low = tokens[i], tokens[i].lower()
        if low in _DETERMINERS and i > 0 and tokens[i - 1].lower() in _PREPOSITIONS:
            i -= 1  # "the toll from [the earthquake]": the head comes before the preposition
            low = tokens[i].lower()
        if low == "of" and out and i > 0 and tokens[i - 1].lower() in _CONTAINER_NOUNS:
            break  # "the number of [bodies recovered]": the thing is what is counted
        if low in _PREPOSITIONS and jumps < MAX_PP_JUMPS:
            out, jumps, i = [], jumps + 1, i - 1
            continue
        if low == "and" and not out:
            i -= 1
            continue  # "Turkey and Syria"
        if not tok[0].isalpha() or low in _STOP or low in _VERBS:
            break
        if not low.endswith("ly") and not _is_entity_word(tok):
            out.insert(0, tok)
        i -= 1
    return out[-MEASURED_MAX_WORDS:]


def _is_entity_word(tok: str) -> bool:
    return tok[0].isupper() and (_norm(tok) in _ALIASES or tok.lower() in _ALIASES)


_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[—–-]+\s*")


def find_entities(sentence: str) -> tuple[str, ...]:
    """Countries (demonyms folded: 'Russian' → Russia), organisations and named people."""
    found: set[str] = set()
    if m := _DATELINE_RE.match(sentence):  # "MOSCOW (Northgate) — ": place kept, outlet dropped
        place = m.group(0).split("(")[0].strip(" —–-,").title()
        sentence = place + ", " + sentence[m.end():]
    for m in _ALIAS_RE.finditer(sentence):
        text = m.group(1)
        if text.lower() in _CASE_SENSITIVE_ALIASES and not text[0].isupper():
            continue
        if text.lower() in ("us", "un") and text != text.upper():
            continue
        found.add(_ALIASES[text.lower()])
    masked = _ALIAS_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    for name in _capitalised_spans(masked):
        found.add(name)
    return tuple(sorted(found))


_CAP_SPAN_RE = re.compile(
    r"(?<![\w’'])([A-Z][\w’'.-]*(?:\s+(?:of|the|for|de|van|von|al|bin)?\s*[A-Z][\w’'.-]*)*)")


def _capitalised_spans(text: str) -> list[str]:
    """Capitalised name spans, minus sentence-initial function words, months and days."""
    out = []
    for m in _CAP_SPAN_RE.finditer(text):
        words = m.group(1).split()
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _MONTHS
                         or (words[0].lower() in _TITLES and len(words) > 1)
                         or words[0].lower() == "of"):
            words = words[1:]
        while words and (words[-1].lower() in _NOT_NAMES or words[-1].lower() in _MONTHS):
            words = words[:-1]
        name = " ".join(words).rstrip(".,’'-").replace("’s", "").replace("'s", "")
        if len(name) > 1 and not name.isdigit() and name.lower() not in _NOT_NAMES \
                and not _common_opening(text, m.start(), name):
            out.append(name)
    return out


def _common_opening(text: str, start: int, name: str) -> bool:
    """A lone capitalised word opening the sentence ("Ships had...") is no name by itself."""
    if text[:start].strip(" “\"'‘(,") or " " in name:
        return False
    follows = text[start + len(name):start + len(name) + 3]
    return not (name in PLACE_COUNTRY or name.isupper() or follows.startswith(("'s", "’s")))


def find_predicate(sentence: str, q: Quantity) -> str:
    """Main verb nearest the figure, preferring a content verb over 'is'/'has'."""
    before = [t.lower() for t in _tokens(sentence[:q.start])][-8:]
    after = [t.lower() for t in _tokens(sentence[q.end:])][:6]
    for tok in reversed(before):
        if tok in _VERBS and tok not in _AUXILIARIES and tok not in _REPORTING:
            return tok
    for tok in after:
        if tok in _VERBS and tok not in _AUXILIARIES and tok not in _REPORTING:
            return tok
    for tok in reversed(before):
        if tok in _AUXILIARIES:
            return tok
    return ""


def frame_text(sentence: str, q: Quantity, measured: str, entities: tuple[str, ...],
               predicate: str, attribution: str | None = None, title: str = "") -> str:
    """Normalized text the matcher compares: measured thing, predicate, entities, context.

    Who said it is left out: two outlets citing different sources for one fact must still
    match, and one source giving two facts must not. A sentence that names no place or
    organisation of its own borrows the article title's words for context.
    """
    source = {_norm(t) for t in _tokens(attribution or "")} | _SOURCE_WORDS
    left = [_norm(t) for t in _tokens(sentence[:q.start]) if _content(t)][-FRAME_WINDOW:]
    right = [_norm(t) for t in _tokens(sentence[q.end:]) if _content(t)][:FRAME_WINDOW]
    parts = [_norm(w) for w in measured.split()] + [predicate] + left + right
    subject = subject_entities(entities, attribution)
    parts += [e.lower() for e in subject]
    if not subject and title:
        parts += [_norm(t) for t in _tokens(title) if _content(t)][:TITLE_WORDS]
    seen: dict[str, None] = {}
    for p in parts:
        if p and p not in seen and p not in source:
            seen[p] = None
    return " ".join(seen)


def subject_entities(entities: tuple[str, ...], attribution: str | None) -> tuple[str, ...]:
    """Entities the claim is about: those named as its source are left out."""
    if not attribution:
        return entities
    return tuple(e for e in entities if e not in attribution)


def _content(tok: str) -> bool:
    return tok[0].isalpha() and tok.lower() not in _STOP and not _is_numeric(tok)


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------
_OUTLET_RE = re.compile(
    r"\b(?:wrote|writes|writing|published|column|op-ed|article|piece|commentary|editorial|"
    r"(?:said|told)\s+(?:in\s+)?an\s+interview)(?:\s+\w+){0,3}?\s+(?:in|for|with)\s+"
    r"(?:(?:the|a|an|his|her|their)\s+)?"
    r"([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,3})")
_TOLD_RE = re.compile(r"\btold\s+(the\s+)?(media|reporters|journalists|press|"
                      r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})")
_ACCORDING_RE = re.compile(
    r"\b(?:according to|citing|cited by|quoting|as reported by|data from|figures from)\s+"
    r"((?:the\s+)?[^,.;:()]{2,80}?)(?=\s*(?:[,.;:()]|\bthat\b|\bwhich\b|\bwho\b|$))",
    re.IGNORECASE)
_SAID_RE = re.compile(
    r"(?:^|[,;:“”\"]\s*|\bthat\s+|\band\s+|\bbut\s+)"
    r"(?P<who>" + _SPEAKER + r"(?:\s+(?:in|at)\s+[A-Z][\w'’.-]*)?|(?:[Tt]he|[Aa]n?)\s+"
    + _ROLE_PREFIX + r"(?:" + _SPEAKER
    + r"|(?:" + _ORG_NOUNS + r")(?:\s+of\s+" + _SPEAKER + r")?|[a-z][\w-]+)"
    + r"|[A-Z][\w.'’-]*\s+(?:and\s+[A-Z][\w.'’-]*\s+)?(?:[a-z][\w-]*\s+){0,2}" + _ORG_NOUNS
    + r"|(?:[a-z][\w-]+\s+){0,2}" + _ORG_NOUNS + r"|[Hh]e|[Ss]he|[Tt]hey)"
    r"(?:\s*,[^,]{3,220},)?\s+(?:\w+ly\s+|also\s+|has\s+|had\s+|now\s+)?"
    r"(?:" + _SAY_VERBS + r")\b")
_SAID_AFTER_RE = re.compile(
    r"[,”\"]\s*(?:said|says|according to|wrote|told)\s+(?P<who>(?:the\s+)?" + _SPEAKER + r")")
_PRONOUNS = frozenset({"he", "she", "they"})
_SUBORDINATORS = frozenset("after when while since before if although as because once until "
                           "unless whereas".split())


def _clean_who(who: str) -> str:
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(), flags=re.IGNORECASE)
    who = re.sub(r"[“”\"]", "", who)
    return re.sub(r"\s+", " ", who).strip(" ,.;:")


def _sentence_speaker(sentence: str) -> tuple[str | None, str | None]:
    """(speaker, outlet) named in one sentence, before any resolution."""
    outlet = None
    if m := _OUTLET_RE.search(sentence):
        outlet = m.group(1).rstrip(".,")
    said = _SAID_RE.search(sentence)
    if said and said.group("who").split()[0].lower() in _SUBORDINATORS:
        said = None  # "After Russia proposed the draft, prices jumped 25%": no one is quoted
    if m := _ACCORDING_RE.search(sentence):
        according = _clean_who(m.group(1))
        if said and said.group("who")[0].isupper() and said.end() <= m.start():
            # "Minister X said 62 were killed, according to news agencies": X, via the agencies
            return f"{_clean_who(said.group('who'))} (according to {according})", outlet
        return according, outlet
    if said:
        return _clean_who(said.group("who")), outlet or _told(sentence)
    if m := _SAID_AFTER_RE.search(sentence):
        return _clean_who(m.group("who")), outlet
    return None, outlet


def _told(sentence: str) -> str | None:
    m = _TOLD_RE.search(sentence)
    if m and m.group(2)[0].isupper():
        return m.group(2)
    return None


def _resolve(who: str, outlet: str | None, index: int, speakers: _Speakers) -> str | None:
    """Full attribution text for a speaker, using what the article said earlier."""
    if who.lower() in _PRONOUNS:
        if speakers.last and index - speakers.last[0] <= PRONOUN_LOOKBACK:
            return speakers.last[1]
        return None
    words = who.split()
    full = who
    if len(words) == 1 and words[0] in speakers.full_names:
        full = speakers.full_names[words[0]]
    elif len(words) >= 2 and words[0][0].isupper() and words[-1][0].isupper():
        speakers.full_names.setdefault(words[-1], who)
    outlet = outlet or speakers.outlets.get(full)
    if outlet:
        speakers.outlets.setdefault(full, outlet)
    return f"{full}, {outlet}" if outlet and outlet not in full else full


def attributions(sentences: list[Sentence]) -> dict[int, str | None]:
    """Attribution of every sentence in reading order (sentence index → text or None)."""
    speakers = _Speakers()
    out: dict[int, str | None] = {}
    for s in sentences:
        who, outlet = _sentence_speaker(s.text)
        attribution = _resolve(who, outlet, s.index, speakers) if who else None
        if attribution:
            speakers.last = (s.index, attribution)
        out[s.index] = attribution
    return out


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_DATE_RES = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
               r"(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH_RE + r")\b"
               r"(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
)
DATE_AHEAD_DAYS = 2  # a day-month date more than this after publication belongs to last year


def sentence_date(sentence: str, published: date | None) -> date | None:
    """Explicit day-level date in the sentence, the year taken from the article when missing."""
    for rx in _DATE_RES:
        if m := rx.search(sentence):
            return _make_date(m, published)
    return None


def _make_date(m: re.Match[str], published: date | None) -> date | None:
    parts = m.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()[:3]]
    day = int(parts["d"])
    year = int(parts["y"]) if parts.get("y") else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not parts.get("y") and published and (found - published).days > DATE_AHEAD_DAYS:
        found = date(year - 1, month, day)
    return found


def _published_date(article: Article) -> date | None:
    if isinstance(article.published, datetime):
        return article.published.date()
    return article.published


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------
def _default_parser() -> Parser:
    from crosscheck.quantities import parse_quantities  # the quantity engine (another module)

    return parse_quantities


def extract_claims(article: Article, parse: Parser | None = None
                   ) -> tuple[list[Claim], list[SkipRecord]]:
    """Claims of one article, and the figures skipped with their reasons."""
    parse = parse or _default_parser()
    sentences = split_sentences(article.text or "")
    texts = [s for s in sentences if boilerplate_reason(s.text) is None]
    attributed = attributions(texts)
    published = _published_date(article)
    claims: list[Claim] = []
    skips: list[SkipRecord] = []
    for s in sentences:
        reason = boilerplate_reason(s.text)
        for q in parse(s.text):
            why = reason or skip_reason(s.text, q)
            if why:
                skips.append(_skip(article, s, q, why))
                continue
            claims.append(build_claim(article, s, q, attributed.get(s.index), published))
    return claims, skips


def _skip(article: Article, s: Sentence, q: Quantity, why: str) -> SkipRecord:
    return SkipRecord("extract", article.source_id,
                      f"{article.id} sentence {s.index}: {q.surface!r}", why)


def build_claim(article: Article, s: Sentence, q: Quantity, attribution: str | None,
                published: date | None) -> Claim:
    """One claim record for a figure in a sentence."""
    measured = measured_thing(s.text, q)
    if attribution and measured and all(w in attribution for w in measured.split()):
        measured = q.unit  # the phrase found was the source ("the JCC had counted 721,449 t")
    entities = find_entities(s.text)
    predicate = find_predicate(s.text, q)
    return Claim(
        id=stable_id(article.id, s.index, q.start),
        article_id=article.id,
        source_id=article.source_id,
        sentence=s.text,
        quantity=q,
        measured=measured,
        entities=entities,
        predicate=predicate,
        attribution=attribution,
        as_of=sentence_date(s.text, published) or published,
        frame=frame_text(s.text, q, measured, entities, predicate, attribution,
                         article.title or ""),
    )


__all__ = ["COUNTRY_NAMES", "PLACE_COUNTRY", "Sentence", "attributions", "boilerplate_reason",
           "build_claim", "extract_claims", "find_entities", "find_predicate", "frame_text",
           "measured_thing", "sentence_date", "skip_reason", "split_sentences",
           "subject_entities"]
