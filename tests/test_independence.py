"""Independence: copies found from text, origins, owners."""

from __future__ import annotations

import random
from datetime import datetime

from crosscheck.assess import PublisherFacts
from crosscheck.independence import count_origins, find_copies, independent_origin
from tests.records import SEEDS, article

BASE = (
    "The death toll from the attack on the concert hall outside Moscow rose to 137 on Sunday, "
    "including three children, the Investigative Committee said. Investigators have identified "
    "62 of the bodies so far, and more than 150 people were injured. Four suspects were detained "
    "in the Bryansk region while driving toward the border, officials said, and the president "
    "declared a national day of mourning as rescue crews cleared the burned building."
)
OTHER = (
    "Ukraine's grain corridor carried nearly 33 million tonnes of food to 45 countries, the EU's "
    "foreign policy chief said, adding that more than 1,000 vessels had left Black Sea ports "
    "since the deal began. Prices on world markets fell after the first ships sailed."
)


def edited(text: str, share: float, seed: int = 1) -> str:
    words = text.split()
    rnd = random.Random(seed)
    for i in rnd.sample(range(len(words)), int(len(words) * share)):
        words[i] = "changed"
    return " ".join(words)


def test_republished_copy_with_furniture_maps_to_the_earliest() -> None:
    arts = [
        article("late", "Share this story! " + edited(BASE, 0.05) + " Read more news.", "s2",
                datetime(2024, 3, 25)),
        article("first", BASE, "s1", datetime(2024, 3, 24)),
        article("other", OTHER, "s3", datetime(2024, 3, 24)),
    ]
    assert find_copies(arts) == {"late": "first"}


def test_different_stories_are_not_copies() -> None:
    assert find_copies([article("a", BASE), article("b", OTHER)]) == {}


def test_short_texts_are_not_called_copies() -> None:
    assert find_copies([article("a", "Russia said 5."), article("b", "Russia said 5.")]) == {}


def test_declared_syndication_counts() -> None:
    arts = [article("a", BASE, published=datetime(2024, 1, 1)),
            article("b", "A rewritten version.", syndicated_from="a",
                    published=datetime(2024, 1, 2))]
    assert find_copies(arts) == {"b": "a"}


def test_two_hundred_near_identical_articles_form_one_group() -> None:
    arts = [article(f"a{i:03}", edited(BASE, 0.03, seed=i), "s1", datetime(2024, 3, 24, 0, i % 60))
            for i in range(200)]
    copies = find_copies(arts)
    assert len(copies) == 199 and set(copies.values()) == {"a000"}


def test_owner_folds_outlets_and_copies_fold_to_origin() -> None:
    arts = {a.id: a for a in [article("a", BASE, "s1"), article("b", BASE, "s2"),
                              article("c", OTHER, "s3")]}
    pubs = {"s1": PublisherFacts("s1", "One", owner="Group"),
            "s2": PublisherFacts("s2", "Two", owner="Group"),
            "s3": PublisherFacts("s3", "Three")}
    assert independent_origin("b", arts, {}, pubs).key == "owner:group"
    assert count_origins(["a", "b", "c"], arts, {}, pubs) == 2
    assert independent_origin("c", arts, {"c": "a"}, pubs).article_id == "a"


def test_seed_articles_are_not_copies_of_each_other() -> None:
    import pytest

    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus absent at {SEEDS}")
    arts = [article(p.stem, p.read_text(encoding="utf-8"), p.parent.name)
            for p in sorted(SEEDS.glob("*/*.txt"))]
    assert find_copies(arts) == {}
    assert find_copies(arts + [article("copy", "Reposted: " + arts[0].text, "agg",
                                       datetime(2030, 1, 1))]) == {"copy": arts[0].id}


def test_credit_lines_name_the_outlet_that_wrote_the_text() -> None:
    from crosscheck.independence import declared_origin

    assert declared_origin("[Epoch Times, December 23, 2021]Russia is creating") == "Epoch Times"
    assert declared_origin("Body.\nOriginally published by The Meridian Ledger on Monday.") \
        == "Meridian Ledger"
    assert declared_origin("KYIV (Reuters) - Ukraine said five ships left.") == "Reuters"
    assert declared_origin("MOSCOW (Northgate) — The toll rose.") is None
    assert declared_origin("Russia said on Monday that 5 ships left.") is None


def test_a_credited_republication_counts_under_the_credited_outlet() -> None:
    arts = {a.id: a for a in [
        article("x", "[Epoch Times, December 23, 2021]" + OTHER, "agg1"),
        article("y", "Originally published by the Epoch Times. " + BASE, "agg2"),
        article("z", "MOSCOW (Northgate) — " + BASE, "north"),
    ]}
    pubs = {"agg1": PublisherFacts("agg1", "Aggregator One"),
            "agg2": PublisherFacts("agg2", "Aggregator Two"),
            "north": PublisherFacts("north", "Northgate Wire")}
    assert independent_origin("x", arts, {}, pubs).key == "outlet:epoch times"
    assert count_origins(["x", "y"], arts, {}, pubs) == 1
    assert independent_origin("z", arts, {}, pubs).key == "source:north"


def test_seed_epoch_column_is_credited_to_the_epoch_times() -> None:
    import pytest

    from crosscheck.independence import declared_origin

    files = sorted((SEEDS / "epoch").glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed corpus absent at {SEEDS}")
    assert declared_origin(files[0].read_text(encoding="utf-8")) == "Epoch Times"
