"""Word tables the quantity engine reads: number words, scales, qualifiers, changes, filters."""

from __future__ import annotations

from crosscheck.words import FUNCTION_WORDS, PHRASE_END_VERBS, SMALL_NUMBERS, TENS

# Abbreviated scales written after digits; "m" and "b" are read as scales only after a currency.
SCALE_ABBREVIATIONS = {
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "tn": 1e12, "trn": 1e12,
    "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9,
}
CURRENCY_ONLY_SCALES = {"m": 1e6, "b": 1e9, "bn": 1e9, "T": 1e12, "tn": 1e12}
# Words after a figure and a one-letter unit that keep the letter a unit of length, mass or
# volume ("4.1 m long", "5 g of sugar", "a 100m sprint"): what follows decides, not the letter.
DIMENSION_WORDS = {"long", "high", "tall", "wide", "deep", "thick", "away", "across", "of",
                   "below", "above", "underground", "underwater", "deeper", "higher", "longer",
                   "wider", "taller", "sprint", "race", "dash", "hurdles", "relay", "freestyle",
                   "butterfly", "backstroke", "breaststroke", "medley", "final", "finals",
                   "heat", "heats", "run", "swim", "title", "record", "mark", "event", "radius",
                   "span", "drop", "fall", "jump", "dive", "tower", "wall", "wave", "waves"}
SCALE_PHRASE_MAX = 2  # words after "4.1m" searched for the plural it counts ("American viewers")
# Words that state a multiple ("sales tripled", "a fivefold rise"): the factor, read as a
# count of times. "double" and "twice" stay out: they compare ("twice as loud") far more often.
MULTIPLIER_VERBS = {"doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "tripling": 3.0,
                    "trebled": 3.0, "trebling": 3.0, "quadrupled": 4.0, "quadrupling": 4.0}
MULTIPLIERS = {**MULTIPLIER_VERBS,
               **{f"{w}fold": float(v) for w, v in {**SMALL_NUMBERS, **TENS}.items() if v > 1},
               "hundredfold": 100.0, "thousandfold": 1000.0}

# Qualifier phrases, read right to left from the figure (lower case token tuples).
QUALIFIER_PHRASES = {
    ("about",): "approx", ("around",): "approx", ("approximately",): "approx",
    ("approx",): "approx", ("roughly",): "approx", ("nearly",): "approx",
    ("almost",): "approx", ("some",): "approx", ("circa",): "approx", ("ca",): "approx",
    ("close", "to"): "approx", ("in", "the", "region"): "approx", ("the", "region", "of"): "approx",
    ("region", "of"): "approx", ("an", "estimated"): "approx", ("estimated",): "approx",
    ("nearer",): "approx", ("closer", "to"): "approx",
    ("~",): "approx", ("≈",): "approx", ("barely",): "approx", ("about", "some"): "approx",
    ("more", "than"): "more_than", ("over",): "more_than", ("above",): "more_than",
    ("exceeds",): "more_than", ("exceeded",): "more_than", ("exceeding",): "more_than",
    ("exceed",): "more_than", ("upwards", "of"): "more_than", ("upward", "of"): "more_than",
    ("in", "excess", "of"): "more_than", ("greater", "than"): "more_than",
    ("higher", "than"): "more_than", ("north", "of"): "more_than", (">",): "more_than",
    ("more", "then"): "more_than", ("over", "than"): "more_than",
    ("at", "least"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("no", "fewer", "than"): "at_least",
    ("a", "minimum", "of"): "at_least", ("minimum", "of"): "at_least", ("≥",): "at_least",
    ("up", "to"): "at_most", ("at", "most"): "at_most", ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most", ("a", "maximum", "of"): "at_most",
    ("maximum", "of"): "at_most", ("≤",): "at_most",
    ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("lower", "than"): "less_than", ("<",): "less_than",
    ("sub",): "less_than", ("short", "of"): "less_than",
}
QUALIFIER_MAX_WORDS = 3
# Verbs of motion that take "up to" as particle and preposition ("edged up to 3.9%"), unlike
# "offered up to $5,000" (a maximum).
MOTION_VERBS = {"edged", "ticked", "inched", "crept", "moved", "went", "climbed", "shot",
                "jumped", "crawled", "bumped", "nudged", "revised", "pushed", "rose", "came"}
# Words that may sit between a qualifier or change verb and the figure ("rose by just 3%").
FILLER_WORDS = {"just", "only", "well", "still", "even", "already", "by", "of",
                "slightly", "sharply", "roughly", "nearly", "some", "another", "further",
                "around", "about", "almost", "approximately", "as", "much", "many"}

# Words that say a figure is a change up or down ("rose 3%", "cut by 500").
_RISE_WORDS = """
up rose rise rises rising risen increase increased increases increasing gain gained gains
gaining jump jumped jumps jumping climb climbed climbs climbing surge surged surges surging soar
soared soars soaring advance advanced advances added adds grew grow grows growing rallied spiked
boosted + higher widened upward upwards rocketed skyrocketed rebounded expanded expands
accelerated spikes spike rallies rally
"""
_FALL_WORDS = """
down fell fall falls falling fallen drop dropped drops dropping decline declined declines
declining decrease decreased decreases decreasing lost lose loses losing slid slide slides
sliding slipped slip slips plunged plunge plunges plummeted plummeting plummets tumbled tumble
tumbles sank sink sinks shed sheds dipped dip dips downward downwards slumped slump slumps dived
dove dives tanked sagged crashed collapsed eased eases retreated shrank shrunk contracted lower
narrowed lowered slashed trimmed reduced cut cuts
"""
CHANGE_WORDS = {**dict.fromkeys(_RISE_WORDS.split(), "up"),
                **dict.fromkeys(_FALL_WORDS.split(), "down")}
# Words before a signed percentage that make it a level ("a rate of -0.5%"), not a change
# ("Nikkei -0.8%").
LEVEL_WORDS = {"of", "at", "to", "is", "was", "were", "be", "been", "from", "between", "=",
               "and", "or", "than", "stood", "remained", "hit", "reached"}
# After a figure: it is a difference, a change up or down ("100 more than in 2024",
# "3,000 fewer patients").
DIFFERENCE_WORDS = {"more": "up", "fewer": "down", "less": "down"}
# Change verbs that take counted things as their object: "lost 2,900 tanks" counts losses.
COUNTING_VERBS = {"lost", "lose", "loses", "losing", "added", "adds", "add", "adding", "shed",
                  "sheds", "shedding", "gained", "gain", "gains", "gaining", "cut", "cuts",
                  "slashed", "trimmed"}
# A change verb followed by one of these before the figure names a level, not a change.
CHANGE_BLOCKERS = {"to", "at", "from", "between", "than", "in", "on", "for", "with", "after"}

DATE_PREPOSITIONS = {"on", "since", "by", "until", "till", "from", "in", "early", "late", "mid",
                     "of", "before", "after", "through", "to", "between", "and"}
# Vulgar fraction characters (one token each).
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 0.2, "⅖": 0.4,
                    "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375,
                    "⅝": 0.625, "⅞": 0.875}
CENT_WORDS = {"cents", "cent", "pence", "penny", "p"}

# Words before a 4-digit number that make it a year ("in 2018", "since 1985").
YEAR_CONTEXT = {
    "in", "since", "of", "by", "until", "till", "from", "to", "between", "and", "during",
    "before", "after", "early", "late", "mid", "year", "fiscal", "season", "summer", "winter",
    "spring", "autumn", "fall", "through", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "the",
    "for", "at", "end", "as", "-", "or", "into", "beyond",
}
# A 4-digit figure before a noun in this span reads as a year ("2024 forecasts") unless a
# qualifier leads it ("more than 2000 people").
MODERN_YEAR_MIN, MODERN_YEAR_MAX = 1900, 2100
COUNT_LEADS = {"than", "about", "around", "some", "nearly", "almost", "over", "under", "least",
               "approximately", "roughly", "only", "just", "exactly", "estimated", "all"}
YEAR_MIN, YEAR_MAX = 1000, 2200  # "by 2120" in climate reporting is still a year
# Lower-case words that name an item by number ("section 427", "channel 1").
IDENTIFIER_WORDS = {
    "section", "channel", "row", "case", "unit", "category", "chapter", "article", "page",
    "no", "number", "level", "phase", "round", "room", "route", "flight", "item", "part",
    "step", "stage", "grade", "class", "type", "version", "episode", "clause", "paragraph",
    "amendment", "district", "lane", "gate", "platform", "highway", "interstate", "apartment",
    "suite", "floor", "box", "line", "exit", "junction", "tier", "act", "vol", "volume", "issue",
    "sp", "s&p",
    "ftse", "covid", "model", "figure", "fig", "table", "appendix", "rule", "bill",
    "resolution", "precinct", "ward", "block", "plot", "building", "terminal", "bus", "train",
    "pier", "dock", "zone", "region", "sector", "team", "player", "jersey", "group", "pool",
    "match", "game", "week", "day", "heat", "lap", "hole", "stanza", "verse", "psalm",
}
# Capitalised words that may stand before a figure without making it an identifier: grammar
# words, and leads of time, manner, titles and changes ("Today 40", "Mr 5", "Rose 3%").
NAME_FREE_LEADS = FUNCTION_WORDS | frozenset("""
ad added average barely bc beyond circa different dr estimated exactly except expect expects
fell first gained him includes including jumped lost maybe mr mrs ms new old once overall
perhaps possibly precisely probably rose sold st today top total twice upon well yesterday
""".split())
STREET_WORDS = {"Street", "St", "Road", "Rd", "Avenue", "Ave", "Way", "Lane", "Ln", "Drive",
                "Dr", "Boulevard", "Blvd", "Place", "Pl", "Court", "Ct", "Terrace", "Highway"}
TIME_SUFFIXES = {"am", "pm", "GMT", "BST", "UTC", "ET", "EST", "EDT", "PST", "PDT", "CET",
                 "hrs", "IST", "JST"}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"}
# Determiners before a bare number word that make it a name or rank ("the bottom three").
BARE_WORD_BLOCKERS = {"the", "top", "bottom", "big", "all", "those", "these", "first", "last",
                      "'s", "s", "of", "several", "few", "many", "couple"}

# Words that end a counted-noun phrase: grammar words and the verbs that follow a count.
STOP_WORDS = FUNCTION_WORDS | PHRASE_END_VERBS
# Collective nouns that stand for a head count ("a hundred thousand Russian army").
COLLECTIVE_UNITS = {"army": "troop", "armies": "troop", "soldiers": "troop", "soldier": "troop",
                    "troops": "troop", "servicemen": "troop", "personnel": "troop",
                    "force": "troop", "forces": "troop"}
