"""Attribution: who said a figure, with surnames and pronouns resolved against the article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.claims.lexicon import DETERMINERS, ORG_NOUNS, ROLE_PREFIX, SAY_VERBS, SPEAKER
from crosscheck.claims.sentences import Sentence

PRONOUN_LOOKBACK = 4  # sentences a "he said" may reach back to find its speaker (seed: 1–2)


@dataclass
class _Speakers:
    """People an article introduced, so a later surname or pronoun resolves to them."""

    full_names: dict[str, str] = field(default_factory=dict)  # surname → full name
    outlets: dict[str, str] = field(default_factory=dict)  # full name → outlet
    last: tuple[int, str] | None = None  # (sentence index, attribution) of the latest speaker


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
# "By the army's estimate", "in the organisers' count": whose estimate the figure is.
_BY_ESTIMATE_RE = re.compile(
    r"\b(?:by|in)\s+(?P<who>(?:the\s+)?(?:[\w.-]+\s+){0,4}?[\w.-]+)['’]s?\s+"
    r"(?:own\s+|latest\s+|initial\s+|official\s+)?(?:estimates?|count|counts|tally|reckoning|"
    r"figures?|calculations?|numbers?)\b", re.IGNORECASE)
# "the Uttar Pradesh government's figure of 37", "the army's count of 88,000": whose figure.
_OWNED_FIGURE_RE = re.compile(
    r"(?<![\w'’])(?P<who>(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,4}[\w.-]+)['’]s?\s+"
    r"(?:own\s+|latest\s+|initial\s+|official\s+|earlier\s+|final\s+)?"
    r"(?:figures?|counts?|tally|estimates?|toll)\s+of\s+"
    r"(?:(?:about|around|some|nearly|almost|just|only|at\s+least)\s+)?\d")
# Days and months an opening adjunct of time names ("On Friday evening the ministry said").
_DAY_NAMES = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
              "March|April|May|June|July|August|September|October|November|December")
# Who opens a clause: a name, "the health ministry", "Kenya's Red Cross", a pronoun.
_WHO_OPENS = (
    r"(?:^(?:In|On|At|During|After|Before|By|Late|Early|Earlier|Later)\s+"
    r"(?:(?:[a-z0-9][\w'’-]*|" + _DAY_NAMES + r")\s+){1,5}"
    r"|^|[,;:“”\"]\s*|\bthat\s+|\band\s+|\bbut\s+)"
    r"(?P<who>" + SPEAKER + r"(?:\s+(?:in|at)\s+[A-Z][\w'’.-]*)?|(?:[Tt]he|[Aa]n?)\s+"
    + ROLE_PREFIX + r"(?:" + SPEAKER
    + r"|(?:" + ORG_NOUNS + r")(?:\s+of\s+" + SPEAKER + r")?|[a-z][\w-]+)"
    + r"|[A-Z][\w.'’-]*\s+(?:and\s+[A-Z][\w.'’-]*\s+)?(?:[a-z][\w-]*\s+){0,2}" + ORG_NOUNS
    + r"|(?:[a-z][\w-]+\s+){0,2}" + ORG_NOUNS
    + r"|(?<![\w,;:] )[A-Z][a-z]+\s+(?:[a-z][\w-]+\s+)?" + ORG_NOUNS
    + r"|[Hh]e|[Ss]he|[Tt]hey)"
    r"(?:\s*,[^,]{3,220},|\s+who\s+(?:spoke|talked|asked|were|are|had|have)\b[^,.;]{0,50}?)?"
    r"\s+(?:(?:\w+ly|also|has|had|have|now|earlier|first)\s+){0,2}")
_SAID_RE = re.compile(_WHO_OPENS + r"(?:" + SAY_VERBS + r")\b")  # "sources who spoke to
# Reuters say"
# Whoever revises a count gives it: "The ministry cut its estimate of the dead to 97", "Kenya's
# Red Cross raised the toll to 385", "the agency now puts the number of missing at 40".
_REVISED_RE = re.compile(
    _WHO_OPENS + r"(?:revised|revises|raised|raises|lowered|lowers|cut|cuts|reduced|reduces|"
    r"updated|updates|corrected|corrects|increased|increases|put|puts|scaled\s+back|"
    r"brought|brings|pushed|pushes|adjusted|adjusts)\s+(?:(?:up|down|back)\s+)?"
    r"(?:its|their|his|her|the|an?)\s+(?:[\w-]+\s+){0,2}?(?:death\s+)?"
    r"(?:toll|estimate|figure|count|tally|number|total)s?\b")
_SAID_AFTER_RE = re.compile(
    r"[,”\"]\s*(?:said|says|according to|wrote|told)\s+(?P<who>(?:the\s+)?" + SPEAKER + r")")
_PRONOUNS = frozenset({"he", "she", "they"})
# Say verbs that are also nouns, and the words that make them nouns before them.
_NOUN_VERBS = frozenset("count counts estimate estimates".split())
_NOUN_BEFORE = frozenset("its their his her our the a an earlier initial first latest new "
                         "previous official final raised revised lowered".split())
_SUBORDINATORS = frozenset("after when while since before if although as because once until "
                           "unless whereas".split())


_WHEN_WORDS = (r"(?:" + _DAY_NAMES + r"|today|yesterday|tonight|morning|afternoon|evening|"
               r"night|last\s+week|this\s+week)")
# "Earlier on Tuesday Avanesyan", "Mexican authorities on Thursday": when, not who
_WHEN_BEFORE = re.compile(r"^(?:(?:earlier|later|late|early)\s+(?:(?:on|in|at)\s+)?|as\s+of\s+|"
                          r"(?:on|in|at)\s+)(?:the\s+)?" + _WHEN_WORDS +
                          r"(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s+"
                          r"(?=[A-Z]|(?:the|a|an)\s)",
                          re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s+(?:on|late\s+on|early\s+on|this|last)\s+" + _WHEN_WORDS + r"$",
                         re.IGNORECASE)


def _clean_who(who: str) -> str:
    who = re.sub(r"^(?:but|and|while|whereas)\s+", "", who.strip(), flags=re.IGNORECASE)
    who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
    who = re.sub(r"[“”\"]", "", who)
    who = re.sub(r"\s+", " ", who).strip(" ,.;:")
    if (bare := _WHEN_AFTER.sub("", _WHEN_BEFORE.sub("", who))) and bare != who:
        who = re.sub(r"^(?:the|a|an)\s+", "", bare, flags=re.IGNORECASE)
    # "The government had earlier (reported)": the speaker, not its tense
    who = _TENSE_AFTER.sub("", who) or who
    # "the latest government figures": the government's; "official figures" stay as they are
    if (m := _DATA_OF.fullmatch(who)) and m.group(1).split()[-1].lower() not in _DATA_ADJ:
        who = m.group(1)
    return who


_TENSE_AFTER = re.compile(r"(?:\s+(?:had|has|have|was|were|is|are))?(?:\s+(?:earlier|previously|"
                          r"initially|already|also|first|since|now|then))+$", re.IGNORECASE)
_DATA_ADJ = frozenset("latest new updated official first preliminary initial final provisional "
                      "recent early earlier".split())
_DATA_OF = re.compile(r"(?:(?:" + "|".join(sorted(_DATA_ADJ)) + r")\s+)*(.+?)\s+(?:figures|data|"
                      r"statistics|numbers|tallies|tally|counts?)", re.IGNORECASE)


def _sentence_speaker(sentence: str) -> tuple[str | None, str | None]:
    """(speaker, outlet) named in one sentence, before any resolution."""
    outlet = None
    if m := _OUTLET_RE.search(sentence):
        outlet = m.group(1).rstrip(".,")
    said = _SAID_RE.search(sentence)
    if said and said.group("who").split()[0].lower() in _SUBORDINATORS:
        said = None  # "After Russia proposed the draft, prices jumped 25%": no one is quoted
    if said and said.group(0).split()[-1].lower() in _NOUN_VERBS and (
            said.group("who").split()[-1].lower() in _NOUN_BEFORE
            or said.group("who").endswith(("'s", "’s", "s'"))):
        said = None  # "The UN raised its estimate", "An earlier count of 100", "In Tuesday's
        # count": nouns
    if m := _ACCORDING_RE.search(sentence):
        according = _clean_who(m.group(1))
        if said and said.group("who")[0].isupper() and said.end() <= m.start():
            # "Minister X said 62 were killed, according to news agencies": X, via the agencies
            return f"{_clean_who(said.group('who'))} (according to {according})", outlet
        return according, outlet
    if said is None and (revised := _REVISED_RE.search(sentence)) and \
            revised.group("who").split()[0].lower() not in _SUBORDINATORS:
        said = revised  # "The ministry cut its estimate of the dead to 97": the ministry's
    if said:
        return _clean_who(said.group("who")), outlet or _told(sentence)
    if m := _SAID_AFTER_RE.search(sentence):
        return _clean_who(m.group("who")), outlet
    if (m := _CLAUSE_SAYS_RE.match(sentence)) and (who := _clause_who(m)):
        # a speaker opening the sentence the patterns above do not know ("Senior police
        # officer Vaibhav Krishna told reporters that 90 were taken to hospital, of whom 30
        # died"): the whole sentence is theirs, its later clauses too
        return who, outlet or _told(sentence)
    return None, outlet


def clause_speaker(clause: str) -> str | None:
    """A source named inside one clause ('the UN puts it nearer 1,800'), or None.

    One sentence may quote two sources ("the governor counts 3,000 evacuees; the UN puts it
    nearer 1,800"): a speaker named in the figure's own clause is that figure's source. The
    speaker is the phrase before the clause's saying verb ("Russia's defence minister Sergei
    Shoigu said", "Ukraine's general staff put the number at"), or what follows
    "according to".
    """
    if m := _ACCORDING_RE.search(clause):
        return _clean_who(m.group(1))
    if (m := _BY_ESTIMATE_RE.search(clause)) and not re.search(
            rf"\b(?:{_DAY_NAMES}|today|yesterday|last|this|next)\b", m.group("who")):
        return _clean_who(m.group("who"))  # not "in Tuesday's count": a day, not a source
    if (m := _OWNED_FIGURE_RE.search(clause)) and not re.search(
            rf"\b(?:{_DAY_NAMES}|today|yesterday|last|this|next|year|week|month)\b",
            m.group("who"), re.IGNORECASE):
        return _clean_who(m.group("who"))
    # the speaker nearest the figure: "He said the authorities estimated the protesters at
    # between 88,000 and 107,000" is the authorities' estimate, as he reports it
    for m in reversed(list(_CLAUSE_SAYS_RE.finditer(clause))):
        if (who := _clause_who(m)) is not None:
            return who
    return None


def _clause_who(m: re.Match[str]) -> str | None:
    """The speaker of one saying verb of a clause, or None when it is no one's."""
    if re.search(r"\d|\b(?:are|is|was|were|be|been|being)$", m.group("who")):
        return None  # "20 million tonnes are estimated to be ...": passive, no speaker
    who = re.sub(r"^(?:while|whereas|but|and|that|as)\s+", "", _clean_who(m.group("who")))
    # "... and said three police sources had confirmed": the sources, not "said ..."; "In the
    # evening Mahakumbh DIG Vaibhav Krishna told": the officer, not the evening
    who = re.sub(r"^(?:(?:said|says|say|told|added|noted)\s+|(?:in|on|at|during|late|early)\s+"
                 r"(?:the\s+)?(?:morning|afternoon|evening|night|day|weekend)\s+"
                 r"(?:(?:of|on)\s+\w+\s+)?)", "", who, flags=re.IGNORECASE)
    who = re.sub(r"^(?:[Ii]n|[Aa]t|[Oo]n)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+(?:the\s+)?",
                 "", who)
    words = who.split()
    if not words or who.lower() in _PRONOUNS or len(words) > SPEAKER_MAX_WORDS \
            or who.lower() in DETERMINERS:
        return None  # "The updated toll ... counts": an adjective, not a speaker's verb
    if not any(w[0].isupper() for w in words) and not _ROLE_RE.search(who):
        return None
    return who


@lru_cache(maxsize=1024)
def gapped_speaker(sentence: str, start: int) -> str | None:
    """The source of a figure in a list that leaves out the verb: in "the centre recorded 6.4,
    the GFZ 5.7 and the USGS 5.6" the GFZ's figure is 5.7. A name standing right before the
    figure after a comma or an "and", with an earlier "<verb> <figure>" in the sentence.
    Kept once worked out: each figure of a sentence asks it for every other figure too."""
    m = _GAPPED_RE.search(sentence[:start])
    if not m or not _SAID_FIGURE_RE.search(sentence[:m.start("who")]):
        return None
    who = m.group("who").strip()
    if not (_ROLE_RE.search(who) or _AGENCY_RE.search(who)):
        return None  # "105 in Jajarkot, Rukum West 52": a place, not a source
    return who


_GAPPED_RE = re.compile(r"(?:,|;|\band)\s+(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|for|the|"
                        r"[A-Z][\w'’.-]*)){0,7})\s+$")
_SAID_FIGURE_RE = re.compile(r"\b(?:" + SAY_VERBS + r"|recorded|measured|gave|gives)\s+"
                             r"(?:it\s+(?:at\s+|as\s+)?)?(?:about\s+|some\s+|a\s+)?[\d.,]+\d")


# Bodies named in gapped lists: "the U.S. Geological Survey", "the GFZ", "EMSC".
_AGENCY_RE = re.compile(r"\b(?:Survey|Centre|Center|Institute|Agency|Service|Observatory|"
                        r"Ministry|Office|Council|Committee|Authority|[A-Z]{3,})\b")


SPEAKER_MAX_WORDS = 9  # "Russia's defence minister Sergei Shoigu": a speaker, not a clause
_CLAUSE_SAYS_RE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:while|whereas|but|and|that|as)\s+|(?<=\bsaid )|(?<=\bsays )|"
    r"(?<=\bsay ))(?P<who>(?:[\w'’.-]+\s+){0,8}?"
    r"[\w'’.-]+)\s+(?:\w+ly\s+|also\s+|has\s+|had\s+|have\s+|now\s+)?"
    r"(?:said|says|say|told|estimated|estimates|put|puts|counted|counts|reported|reports|"
    r"announced|recorded|records|calculated|claimed|claims|stated|believes|reckons|gave|"
    r"gives|confirmed|puts it|put it|revised|raised|lowered|updated|corrected)\b")
_ROLE_RE = re.compile(r"\b(?:" + ORG_NOUNS + r"|minister|governor|mayor|president|chief|"
                      r"spokes\w+|general|staff|head|director|envoy|commander)\b",
                      re.IGNORECASE)


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
