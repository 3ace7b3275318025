"""Noun helpers for counted nouns: stop words, plural test and a small singularizer."""

from __future__ import annotations

# Words that end a counted-noun phrase: function words, common verbs and adverbs.
STOP_WORDS = frozenset("""
a an the this that these those which who whom whose what when where while why how and or but nor
so yet of in on at to from by for with without within into onto over under above below up down
off out about around after before since until till during between among across through per
than as like than is are was were be been being am has have had having do does did will would
shall should can could may might must not no nor only just also even still already ever never
again more most less least fewer much many few several some any each every all both either neither
other another such same own very too quite rather really almost nearly about roughly approx
it its he his she her they their them we our us you your i me my mine there here then now
said says say told tells reported according including include includes included plus minus
ago later earlier ahead away back last next per cent percent vs versus via worth each
apiece respectively
left died killed injured remain remained remains voted went came made took gave got saw found
lower higher compared against if because though although unless whereas whether year's
""".split())
IRREGULAR_SINGULARS = {
    "people": "person", "persons": "person", "men": "man", "women": "woman",
    "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "police": "police", "cattle": "cattle", "staff": "staff", "personnel": "personnel",
    "lives": "life", "knives": "knife", "wives": "wife", "wolves": "wolf", "halves": "half",
    "leaves": "leaf", "thieves": "thief", "shelves": "shelf", "calves": "calf",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo",
    "vetoes": "veto", "torpedoes": "torpedo", "data": "data", "media": "media",
    "criteria": "criterion", "phenomena": "phenomenon", "series": "series",
    "species": "species", "fishermen": "fisherman", "aircraft": "aircraft",
    "crises": "crisis", "analyses": "analysis", "bases": "base", "troops": "troop",
    "gas": "gas", "news": "news", "viruses": "virus", "buses": "bus", "bonuses": "bonus",
    "campuses": "campus", "statuses": "status", "censuses": "census", "focuses": "focus",
    "physics": "physics", "economics": "economics",
}
IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "feet", "teeth", "mice",
                               "geese", "police", "cattle", "personnel", "staff", "aircraft",
                               "fishermen", "crew"})
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "'s")
# Collective nouns that stand for a head count ("a hundred thousand Russian army").
COLLECTIVE_UNITS = {"army": "troop", "armies": "troop", "soldiers": "troop", "soldier": "troop",
                    "troops": "troop", "servicemen": "troop", "personnel": "troop",
                    "force": "troop", "forces": "troop"}


def looks_plural(word: str) -> bool:
    """True for a word that reads as a plural noun ("shells", "people")."""
    low = word.lower()
    if low in IRREGULAR_PLURALS or low.endswith("men"):
        return len(low) > 3
    if len(low) < 3 or not low.endswith("s") or low in STOP_WORDS:
        return False
    return not low.endswith(NOT_PLURAL_ENDINGS)


def singular(word: str) -> str:
    """Lower-case singular of a noun by common English rules."""
    low = word.lower()
    if low in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[low]
    if "-" in low:
        head, _, tail = low.rpartition("-")
        return f"{head}-{singular(tail)}"
    if low.endswith("men") and len(low) > 4:
        return low[:-3] + "man"
    if not low.endswith("s") or low.endswith(NOT_PLURAL_ENDINGS) or len(low) < 4:
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return low[:-2]
    return low[:-1]
