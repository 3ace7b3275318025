"""Find the same claim across outlets: block, score, cluster — with the reason on every link.

Claims are blocked by what their figures can be compared on (unit kind and unit, a change vs a
level, a rate period); inside a block, frames are compared all-against-all with rapidfuzz
`process.cdist` on every core, pairs below a cheap cut-off are dropped, and the survivors are scored
on frame text, measured thing and entity overlap. Clusters grow by average link over the scored
pairs, so one loose pair cannot chain two different facts together.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from crosscheck.claims import COUNTRY_NAMES, PLACE_COUNTRY, subject_entities
from crosscheck.models import Claim, stable_id

# Tuned on benchmarks/data/matching_pairs.yaml (92 passages, 50 facts, 4,186 labelled pairs) with
# `python benchmarks/matching.py --sweep`: thresholds 0.45–0.65 with average-link 0.45–0.55
# form a plateau at pairwise F1 0.92 (0.55/0.55: P 0.896, R 0.945); average-link 0.35 lets
# chains through (P 0.70–0.75). The held-out set (matching_pairs_holdout.yaml, 33 passages)
# scored F1 0.76 before the last measured-phrase fixes and 0.97 after (see the final report).
MATCH_THRESHOLD = 0.55  # combined score a pair needs to be called the same claim
CLUSTER_AVERAGE_MIN = 0.55  # mean score between two clusters (unscored pairs count 0) to merge
PRUNE_CUTOFF = 35  # token_set_ratio on frames below which a pair is not scored at all
# Pairs whose vectorized score estimate is this far under the threshold are not scored one by
# one: they could not link, and in an average they would count little (unscored pairs count 0).
PRUNE_MARGIN = 0.15
FRAME_WEIGHT = 0.40
MEASURED_WEIGHT = 0.35
ENTITY_WEIGHT = 0.25
NEUTRAL = 0.5  # similarity used when one side gives nothing to compare
PRECISE_DIGITS = 3  # significant digits from which a figure is specific (719,549; 26.3 million)
PRECISE_REL = 0.01  # two specific figures this close are very likely the same report
PRECISE_VALUE_BONUS = 0.15  # added to the score of such a pair
MEASURED_CLASH = 0.4  # measured similarity under which two specific phrases name two things
MEASURED_CLASH_PENALTY = 0.15
SAME_CLASS_MEASURED = 1.0  # measured similarity when both name the same measure class
SAME_THING_MEASURED = 0.8  # ... when both count the same class of thing
NO_SHARED_COUNTRY_PENALTY = 0.25  # both name countries, none in common: another country's figure
# Blocks larger than this are split by measured head word and entity before the all-pairs
# comparison: 1,000² frame pairs take about a second on one core of this machine.
MAX_BLOCK_ALL_PAIRS = 1000

# Measures that share a unit but are different facts ("62 killed" vs "145 injured").
_MEASURE_CLASSES = {
    "deaths": "killed dead death deaths died toll fatalities lives perished bodies",
    "injuries": "injured wounded hurt injuries hospitalized hospitalised",
    "capacity": "capacity produce produces production produced manufacture manufactured output",
    "usage": "used use fired expended consumed consumption",
    "supply": "sold supplied delivered shipped sent transferred provided exported",
    "identified": "identified",
    "damage": "destroyed damaged razed collapsed",
    "convoy": "convoy column",
    "hunger": "hunger hungry famine starvation malnutrition malnourished",
    "refugees": "refugees refugee fled",
    "stock": "stockpile stockpiles stock stocks reserve reserves inventory",
    "missing": "missing",
    "arrests": "arrested detained arrests",
    "hospitalized": "hospital hospitalized hospitalised treated",
    "displaced": "displaced homeless evacuated",
}
_CLASS_OF = {w: c for c, words in _MEASURE_CLASSES.items() for w in words.split()}
_FLOW_CLASSES = frozenset({"usage", "supply"})
# A measure word after the figure names it only inside the same phrase ("145 injured", "62 people
# had been killed"); past a comma or preposition it belongs to a later clause ("risen to 144
# after more of the injured died").
_CLAUSE_BREAK_RE = re.compile(r"[,;:()]|\b(after|before|and|but|while|among|including|as|when|"
                              r"than)\b", re.IGNORECASE)
_CLASS_RE = re.compile(r"\b(" + "|".join(sorted(_CLASS_OF, key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)
# What is counted: two figures about different things (gas vs coal, troops vs battalions,
# people vs buildings) are different facts. "people" is compatible with every human class.
_THING_CLASSES = {
    "gas": "gas lng", "oil": "oil crude petroleum barrel", "coal": "coal",
    "electricity": "electricity power", "grain": "grain wheat corn maize barley food foodstuff",
    "personnel": "troop soldier army fighter men man servicemen personnel force",
    "military_units": "battalion brigade division regiment",
    "ships": "ship vessel boat tanker", "buildings": "building structure home house",
    "shells": "shell round", "missiles": "missile rocket", "drones": "drone",
    "containers": "container", "countries": "country nation", "refugees": "refugee",
    "people": "people person resident civilian victim",
    "aid": "aid assistance package funding",
}
_HUMAN = frozenset({"personnel", "refugees", "people"})
# Words that name no particular thing: a measured phrase made only of them is no evidence.
_GENERIC_WORDS = frozenset("people person individual time case unit figure number total share "
                           "percent percentage rate level amount".split())
_THING_OF = {w: c for c, words in _THING_CLASSES.items() for w in words.split()}
_RATE_RE = re.compile(
    r"^\W*(?:(?!in\b|within\b|for\b|over\b|after\b|by\b)\w+\W+){0,3}?"
    r"(?:(?:a|per|each|every)\s+(day|week|month|year|annum)|"
    r"(daily|weekly|monthly|annually|yearly))\b", re.IGNORECASE)
_RATE_NAMES = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year", "annum": "year"}
_PERIOD_RE = re.compile(r"\b(?:in|during|for|of|over)\s+((?:19|20)\d\d)\b")


IDENTICAL_REASON = "same sentence, figure, attribution and date (a copy)"


@dataclass(frozen=True)
class MatchOptions:
    """Tuned numbers of one matching run (defaults: the module constants)."""

    threshold: float = MATCH_THRESHOLD
    cluster_average_min: float = CLUSTER_AVERAGE_MIN
    prune_cutoff: int = PRUNE_CUTOFF
    frame_weight: float = FRAME_WEIGHT
    measured_weight: float = MEASURED_WEIGHT
    entity_weight: float = ENTITY_WEIGHT
    no_shared_country_penalty: float = NO_SHARED_COUNTRY_PENALTY
    precise_value_bonus: float = PRECISE_VALUE_BONUS
    measured_clash_penalty: float = MEASURED_CLASH_PENALTY


_DEFAULT = MatchOptions()

# (i, j) → (score, (frame, measured, entities, shared entities)) for every compatible pair scored
_Scores = dict[tuple[int, int], tuple[float, tuple[float, float, float, frozenset[str]]]]


@dataclass(frozen=True)
class Link:
    """Two claims judged the same, with the score and why."""

    a: str
    b: str
    score: float
    reason: str


@dataclass(frozen=True)
class Cluster:
    """Claims from (usually) different articles stating the same fact."""

    id: str
    claim_ids: tuple[str, ...]
    links: tuple[Link, ...]


# -------------------------------------------------------------------------------------------
# What a figure measures beyond its unit
# -------------------------------------------------------------------------------------------
def rate_period(claim: Claim) -> str | None:
    """'day' for '20,000 shells a day', 'year' for '55 bcm a year', None for a total."""
    unit = claim.quantity.unit.lower()
    if "/" in unit or " per " in unit:
        return unit.split("/")[-1].split(" per ")[-1].strip() or None
    m = _RATE_RE.match(claim.sentence[claim.quantity.end:claim.quantity.end + 40])
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _RATE_NAMES.get(word, word)


def measure_class(claim: Claim) -> str | None:
    """Deaths, injuries, capacity, usage...: the measure word nearest the figure, if any."""
    q = claim.quantity
    best: tuple[float, str] | None = None
    for m in _CLASS_RE.finditer(claim.sentence):
        if q.unit_kind == "percent" and _CLASS_OF[m.group(1).lower()] in _FLOW_CLASSES:
            continue  # "55% of the gas Germany consumed" = "Russia supplied 55%": one share
        if m.end() <= q.start:
            gap = q.start - m.end() + 0.5  # ties go to the word after the figure ("145 injured")
        elif not _CLAUSE_BREAK_RE.search(claim.sentence[q.end:m.start()]):
            gap = max(0, m.start() - q.end)
        else:  # far after the figure: only when nothing comes before
            gap = 1000 + m.start() - q.end
        if best is None or gap < best[0]:
            best = (gap, _CLASS_OF[m.group(1).lower()])
    return best[1] if best else None


def thing_classes(claim: Claim) -> frozenset[str]:
    """Classes of the thing counted (gas, troops, ships...), from the measured phrase and unit."""
    words = re.findall(r"[a-z]+", f"{claim.measured} {claim.quantity.unit}".lower())
    return frozenset(_THING_OF[w] for w in (_singular(w) for w in words) if w in _THING_OF)


def _singular(word: str) -> str:
    if word in _THING_OF or not word.endswith("s"):
        return word
    return word[:-2] if word.endswith("es") and word[:-2] in _THING_OF else word[:-1]


def period_year(claim: Claim) -> str | None:
    """Explicit year the figure covers ('12 million shells used in 2022'), if any."""
    q = claim.quantity
    m = _PERIOD_RE.search(claim.sentence[max(0, q.start - 60):q.end + 60])
    return m.group(1) if m else None


def block_key(claim: Claim) -> tuple[str, str, str, str]:
    """Claims can only match inside the same block: kind, unit, change and rate period."""
    q = claim.quantity
    unit = "" if q.unit_kind == "count" else q.unit.lower()  # count nouns vary: troops/soldiers
    rate = rate_period(claim) or ""
    return q.unit_kind, unit, q.change, "" if rate == "year" else rate


@dataclass(frozen=True)
class Features:
    """What matching reads from a claim beyond its frame, computed once per claim."""

    measure: str | None
    rate: str | None
    year: str | None
    measured: str
    entities: frozenset[str]
    things: frozenset[str]
    bare_unit: bool  # the measured thing is only the unit ("tonnes"): says nothing
    precise: float | None  # the value when it has 3+ significant digits (719,549), else None
    informative: bool  # the measured phrase names a specific thing (not "people", not a unit)
    countries: frozenset[str]  # countries named, or implied by a place ("Moscow" → Russia)


def features(claim: Claim) -> Features:
    """Measure class, rate period, period year, measured text, subject entities, things."""
    return Features(measure_class(claim), rate_period(claim), period_year(claim),
                    utils.default_process(_measured_text(claim)),
                    frozenset(subject_entities(claim.entities, claim.attribution)),
                    thing_classes(claim), _bare_unit(claim), _precise(claim),
                    _informative(claim),
                    _countries(subject_entities(claim.entities, claim.attribution)))


def _informative(claim: Claim) -> bool:
    words = {_singular(w) for w in re.findall(r"[a-z]+", claim.measured.lower())}
    return bool(words - _GENERIC_WORDS) and not _bare_unit(claim)


def _countries(entities: Sequence[str]) -> frozenset[str]:
    places = {PLACE_COUNTRY[e] for e in entities if e in PLACE_COUNTRY}
    return frozenset(set(entities) & COUNTRY_NAMES | places)


def _precise(claim: Claim) -> float | None:
    q = claim.quantity
    if q.low != q.high or not math.isfinite(q.low) or q.low == 0:
        return None
    digits = f"{abs(q.low):.6g}".replace(".", "").replace("-", "").strip("0")
    return abs(q.low) if len(digits) >= PRECISE_DIGITS and "e" not in digits else None


def _bare_unit(claim: Claim) -> bool:
    q = claim.quantity
    if q.unit_kind == "count" or not claim.measured:
        return False
    return {_singular(w) for w in claim.measured.lower().split()} <= \
        {_singular(w) for w in q.unit.lower().split()}


def _things_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & b:
        return False
    return not ((a == {"people"} and b <= _HUMAN) or (b == {"people"} and a <= _HUMAN))


def incompatibility(a: Claim, b: Claim, fa: Features | None = None,
                    fb: Features | None = None) -> str | None:
    """Why two claims in one block still cannot be the same fact, or None."""
    if a.article_id == b.article_id and not _same_interval(a, b) and a.as_of == b.as_of:
        return "same article, different figures: two facts of one text"
    fa, fb = fa or features(a), fb or features(b)
    if fa.measure and fb.measure and fa.measure != fb.measure:
        return f"different measures ({fa.measure} vs {fb.measure})"
    if _things_clash(fa.things, fb.things):
        return f"different things counted ({'/'.join(sorted(fa.things))} vs " \
               f"{'/'.join(sorted(fb.things))})"
    if fa.rate != fb.rate and {fa.rate, fb.rate} != {None, "year"}:
        return f"different rate periods ({fa.rate or 'total'} vs {fb.rate or 'total'})"
    if fa.year and fb.year and fa.year != fb.year:
        return f"different periods ({fa.year} vs {fb.year})"
    return None


def _same_interval(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    return (qa.low, qa.high, qa.unit) == (qb.low, qb.high, qb.unit)


# -------------------------------------------------------------------------------------------
# Scoring
# -------------------------------------------------------------------------------------------
def _measured_text(claim: Claim) -> str:
    unit = claim.quantity.unit if claim.quantity.unit_kind == "count" else ""
    return f"{claim.measured} {unit}".strip()


def _entity_overlap(ea: frozenset[str], eb: frozenset[str]) -> tuple[float, frozenset[str]]:
    if not ea or not eb:
        return NEUTRAL, frozenset()  # one side names nobody: no evidence either way
    shared = ea & eb
    return len(shared) / min(len(ea), len(eb)), shared  # overlap: Jaccard measured worse


def score_pair(a: Claim, b: Claim, frame_sim: float, options: MatchOptions = _DEFAULT
               ) -> tuple[float, str]:
    """Combined similarity in 0..1 and the reason a reviewer reads."""
    score, measured, entities, shared = _score(features(a), features(b), frame_sim, options)
    return score, _reason(a, b, frame_sim, measured, entities, shared)


def _score(fa: Features, fb: Features, frame_sim: float, o: MatchOptions
           ) -> tuple[float, float, float, frozenset[str]]:
    measured = 1.0 if fa.measured == fb.measured else \
        fuzz.token_set_ratio(fa.measured, fb.measured) / 100
    if not fa.measured or not fb.measured or fa.bare_unit or fb.bare_unit:
        measured = max(measured, NEUTRAL)  # "721,449 tonnes" names no thing: no evidence
    if fa.measure and fa.measure == fb.measure:
        measured = max(measured, SAME_CLASS_MEASURED)  # "killed" / "death toll": one measure
    elif fa.things and fa.things == fb.things:
        measured = max(measured, SAME_THING_MEASURED)
    entities, shared = _entity_overlap(fa.entities, fb.entities)
    score = o.frame_weight * frame_sim + o.measured_weight * measured + o.entity_weight * entities
    if fa.informative and fb.informative and measured < MEASURED_CLASH:
        score -= o.measured_clash_penalty  # "inflation" vs "policy rate": two named things
    if fa.precise is not None and fb.precise is not None and \
            abs(fa.precise - fb.precise) <= PRECISE_REL * max(fa.precise, fb.precise):
        score += o.precise_value_bonus  # 719,549 ≈ 721,449 t: such figures rarely meet by chance
    if fa.countries and fb.countries and not fa.countries & fb.countries:
        score -= o.no_shared_country_penalty
    return round(max(0.0, score), 4), measured, entities, shared


def _reason(a: Claim, b: Claim, frame_sim: float, measured: float, entities: float,
            shared: frozenset[str]) -> str:
    return (f"frame {frame_sim:.2f}, measured {measured:.2f} "
            f"('{_measured_text(a)}' / '{_measured_text(b)}'), "
            f"entities {entities:.2f} (shared: {', '.join(sorted(shared)) or 'none'}), "
            f"unit {a.quantity.unit_kind}/{a.quantity.unit or '-'}")


# -------------------------------------------------------------------------------------------
# Candidate pairs: blocking and pruning
# -------------------------------------------------------------------------------------------
def _blocks(claims: Sequence[Claim]) -> list[list[int]]:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[block_key(c)].append(i)
    out: list[list[int]] = []
    for members in by_key.values():
        out.extend(_split_large(claims, members) if len(members) > MAX_BLOCK_ALL_PAIRS
                   else [members])
    return [b for b in out if len(b) > 1]


def _split_large(claims: Sequence[Claim], members: list[int]) -> list[list[int]]:
    """Split an oversized block by measured head word and by entity (a claim may be in several).

    Two claims of one fact that share neither are not compared: the price of not going
    quadratic on a large block (measured with `benchmarks/matching.py --scale`).
    """
    keys: dict[str, list[int]] = defaultdict(list)
    for i in members:
        c = claims[i]
        head = utils.default_process(c.measured).split()[-1:] or [""]
        keys["m:" + head[0]].append(i)
        for e in c.entities:
            keys["e:" + e].append(i)
    return list(keys.values())


def candidate_pairs(claims: Sequence[Claim], prune_cutoff: int = PRUNE_CUTOFF,
                    feats: Sequence[Features] | None = None,
                    options: MatchOptions | None = None) -> dict[tuple[int, int], float]:
    """(i, j) → frame similarity for pairs worth scoring, found block by block.

    Frames and measured phrases are compared all-against-all inside a block with rapidfuzz on
    every core; a pair is kept only when its frame passes `prune_cutoff` and an upper bound of
    its combined score (best case for entities and the precise-value bonus) reaches the
    threshold, so the per-pair Python scoring only sees pairs that can match.
    """
    o = options or _DEFAULT
    feats = feats or [features(c) for c in claims]
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(claims):
        frames = process.cdist([claims[i].frame for i in block], [claims[i].frame for i in block],
                               scorer=fuzz.token_set_ratio, processor=utils.default_process,
                               score_cutoff=prune_cutoff, dtype=np.uint8, workers=-1)
        bf = [feats[i] for i in block]
        approx = o.frame_weight * frames.astype(np.float32) / 100 \
            + o.measured_weight * _measured_bound(bf) + o.entity_weight * _entity_matrix(bf) \
            + o.precise_value_bonus * _precise_matrix(bf)
        keep = np.triu((frames > 0) & (approx >= o.threshold - PRUNE_MARGIN), k=1)
        for r, c in zip(*(a.tolist() for a in np.nonzero(keep)), strict=True):
            i, j = sorted((block[r], block[c]))
            pairs[(i, j)] = float(frames[r, c]) / 100
    return pairs


def _measured_bound(feats: Sequence[Features]) -> np.ndarray:
    """Matrix of the measured similarity each pair can reach (fuzzy, class and neutral rules)."""
    texts = [f.measured for f in feats]
    sim = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                        workers=-1).astype(np.float32) / 100
    classes = np.array([hash(f.measure) if f.measure else 0 for f in feats])
    same = (classes[:, None] == classes[None, :]) & (classes[:, None] != 0)
    sim = np.maximum(sim, same * SAME_CLASS_MEASURED)
    vague = np.array([not f.measured or f.bare_unit for f in feats])
    sim = np.maximum(sim, (vague[:, None] | vague[None, :]) * NEUTRAL)
    return np.maximum(sim, SAME_THING_MEASURED * _shared_things(feats))


def _onehot(sets: Sequence[frozenset[str]]) -> np.ndarray:
    names = {t: k for k, t in enumerate(sorted({t for s in sets for t in s}))}
    out = np.zeros((len(sets), max(1, len(names))), dtype=np.float32)
    for row, s in enumerate(sets):
        for t in s:
            out[row, names[t]] = 1
    return out


def _entity_matrix(feats: Sequence[Features]) -> np.ndarray:
    """Entity overlap of every pair as `_entity_overlap` computes it (neutral when one is empty)."""
    onehot = _onehot([f.entities for f in feats])
    shared = onehot @ onehot.T
    sizes = onehot.sum(axis=1)
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), NEUTRAL).astype(np.float32)


def _precise_matrix(feats: Sequence[Features]) -> np.ndarray:
    """1 where both figures are specific and within PRECISE_REL of each other."""
    values = np.array([f.precise if f.precise is not None else np.nan for f in feats])
    close = np.abs(values[:, None] - values[None, :]) <= \
        PRECISE_REL * np.fmax(values[:, None], values[None, :])
    return np.nan_to_num(close.astype(np.float32))


def _shared_things(feats: Sequence[Features]) -> np.ndarray:
    """1 where two claims count the same class of thing, else 0."""
    names = sorted({t for f in feats for t in f.things})
    if not names:
        return np.zeros((len(feats), len(feats)), dtype=np.float32)
    index = {t: k for k, t in enumerate(names)}
    onehot = np.zeros((len(feats), len(names)), dtype=np.float32)
    for row, f in enumerate(feats):
        for t in f.things:
            onehot[row, index[t]] = 1
    return (onehot @ onehot.T > 0).astype(np.float32)


# -------------------------------------------------------------------------------------------
# Clustering
# -------------------------------------------------------------------------------------------
def match_claims(claims: Sequence[Claim], options: MatchOptions | None = None) -> list[Cluster]:
    """Group claims that state the same fact; singletons are clusters of one.

    Identical claims (a copied sentence stating the same figure) are scored once through one
    representative. Each cluster keeps the links that joined it (a spanning tree, best pairs
    first), each with its score and reason.
    """
    o = options or _DEFAULT
    copies = _identical(claims)
    reps = sorted(copies)
    rep_claims = [claims[r] for r in reps]
    scores: _Scores = {}
    cannot: set[tuple[int, int]] = set()
    feats = [features(c) for c in rep_claims]
    for (i, j), frame_sim in candidate_pairs(rep_claims, o.prune_cutoff, feats, o).items():
        if incompatibility(rep_claims[i], rep_claims[j], feats[i], feats[j]):
            cannot.add((i, j))
            continue
        score, measured, entities, shared = _score(feats[i], feats[j], frame_sim, o)
        scores[(i, j)] = (score, (frame_sim, measured, entities, shared))
    sizes = [len(copies[r]) for r in reps]
    groups, joins = _average_link(len(reps), scores, cannot, o, sizes)
    return [_cluster(claims, reps, copies, members, joins, scores) for members in groups]


def _identical(claims: Sequence[Claim]) -> dict[int, list[int]]:
    """Representative index → indices of the claims identical to it (itself first)."""
    first: dict[tuple[object, ...], int] = {}
    out: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        q = c.quantity
        key = (c.sentence, q.start, q.end, q.low, q.high, q.unit, q.qualifier, q.change,
               c.attribution, c.as_of, c.frame)
        rep = first.setdefault(key, i)
        out.setdefault(rep, []).append(i)
    return out


class _Groups:
    """Clusters being merged, with the summed pair scores and cannot-links between them."""

    def __init__(self, sizes: Sequence[int], scores: _Scores, cannot: set[tuple[int, int]]
                 ) -> None:
        self.group_of = list(range(len(sizes)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(sizes))}
        self.size = dict(enumerate(sizes))
        self.sums: dict[int, dict[int, float]] = defaultdict(dict)
        self.blocked: dict[int, set[int]] = defaultdict(set)
        for (i, j), (score, _) in scores.items():
            self.sums[i][j] = self.sums[j][i] = score * sizes[i] * sizes[j]
        for i, j in cannot:
            self.blocked[i].add(j)
            self.blocked[j].add(i)

    def average(self, g: int, h: int) -> float:
        """Mean pair score between two groups (unscored pairs count 0), -1 if cannot-linked."""
        if h in self.blocked[g]:
            return -1.0
        return self.sums[g].get(h, 0.0) / (self.size[g] * self.size[h])

    def merge(self, g: int, h: int) -> None:
        """Fold the smaller group into the larger, adding up its sums and cannot-links."""
        small, big = sorted((g, h), key=lambda x: (len(self.members[x]), x))
        for k in self.members[small]:
            self.group_of[k] = big
        self.members[big].extend(self.members.pop(small))
        self.size[big] += self.size.pop(small)
        for other, total in self.sums.pop(small, {}).items():
            self.sums[other].pop(small, None)
            if other != big:
                self.sums[big][other] = self.sums[big].get(other, 0.0) + total
                self.sums[other][big] = self.sums[big][other]
        for other in self.blocked.pop(small, set()):
            self.blocked[other].discard(small)
            if other != big:
                self.blocked[big].add(other)
                self.blocked[other].add(big)


def _average_link(n: int, scores: _Scores, cannot: set[tuple[int, int]], o: MatchOptions,
                  sizes: Sequence[int] | None = None
                  ) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Merge along the best pairs first, only while the clusters' mean pair score holds.

    Group-to-group sums are kept up to date on each merge, so a check costs O(1) and the
    whole pass is linear in the number of scored pairs (no member-by-member rescans).
    """
    groups = _Groups(sizes or [1] * n, scores, cannot)
    joins: list[tuple[int, int]] = []
    links = [(s, ij) for ij, (s, _) in scores.items() if s >= o.threshold]
    for _, (i, j) in sorted(links, key=lambda t: (-t[0], t[1])):
        gi, gj = groups.group_of[i], groups.group_of[j]
        if gi != gj and groups.average(gi, gj) >= o.cluster_average_min:
            groups.merge(gi, gj)
            joins.append((i, j))
    return [sorted(m) for m in groups.members.values()], joins


def _cluster(claims: Sequence[Claim], reps: Sequence[int], copies: dict[int, list[int]],
             members: list[int], joins: list[tuple[int, int]], scores: _Scores) -> Cluster:
    """A cluster of the claims behind some representatives, with its links."""
    everyone = [k for m in members for k in copies[reps[m]]]
    ids = tuple(sorted(claims[k].id for k in everyone))
    inside = set(members)
    links = [
        Link(claims[reps[i]].id, claims[reps[j]].id, scores[(i, j)][0],
             _reason(claims[reps[i]], claims[reps[j]], *scores[(i, j)][1]))
        for i, j in joins if i in inside
    ]
    links += [Link(claims[reps[m]].id, claims[k].id, 1.0, IDENTICAL_REASON)
              for m in members for k in copies[reps[m]][1:]]
    return Cluster(id=stable_id("cluster", *ids), claim_ids=ids, links=tuple(links))


def clusters_by_claim(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """Claim id → the cluster it belongs to."""
    return {cid: cl for cl in clusters for cid in cl.claim_ids}


__all__ = ["Cluster", "Features", "Link", "MatchOptions", "block_key", "candidate_pairs",
           "clusters_by_claim", "features", "incompatibility", "match_claims", "measure_class",
           "period_year", "rate_period", "score_pair", "thing_classes"]
