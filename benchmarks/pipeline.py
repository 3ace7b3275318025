"""Scale benchmark: N synthetic articles through every stage, per-stage speed and memory.

    python benchmarks/pipeline.py [--n 20000] [--runners core,default,dask] [--batch-size 200]

The corpus is generated from real sentences (data/demo and ../shared/corpus when present):
each figure sentence seeds many "stories" (its countries swapped, its figures scaled), outlets
report stories in their articles, some state a contradicting figure and some republish another
outlet's article word for word, so clusters, copies and contradictions exist at any N.

`core` runs the stage functions one by one (crosscheck.pipeline, no Prefect, extraction in this
one process) on a fresh SQLite store and prints per stage seconds, articles per second and the
process's peak RSS; `default` and `dask` run the whole nightly flow on that runner (the default
runner extracts in one spawned process per core). After each, the report files' sizes.
Matching is then timed on the claims of a corpus of M and of 2M articles (`--scaling-n`,
default N) to show how it grows.

    python benchmarks/pipeline.py --nights K --per-night N [--runners core|default|dask]

runs K nights of N new articles each into one store instead (benchmarks/nights.py).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

from prefect_env import hermetic_prefect  # noqa: E402  (benchmarks/ is the script's folder)

from crosscheck.pipeline import peak_rss_mb  # noqa: E402  (no Prefect import in the core)

ARTICLES_PER_STORY = 6  # stories = N / 6: about a dozen mentions each, like a busy news week
STORY_POPULARITY = 0.5  # story weight 1/rank**0.5: a few stories run in hundreds of articles
MENTIONS = (1, 3)  # figure sentences per article
FILLER = (8, 16)  # sentences without figures per article: 300-600 words, a usual news length
STORY_WORD_SWAP = 0.35  # share of a story's wording replaced: facts built on one sentence differ
FIGURE_CONTEXT = 3  # words either side of a figure kept as they are (unit, measured thing)
FILLER_WORD_SWAP = 0.3  # share of filler words replaced: real articles share few 5-word runs
CONTRADICT_SHARE = 0.08  # mentions stating a figure 1.6x the story's
CONTRADICT_FACTOR = 1.6  # well outside any tolerance the assessor allows
COPY_SHARE = 0.06  # articles republished word for word by another outlet
OUTLETS, OWNERS = 40, 28  # some outlets share an owner, as in the demo corpus
DAYS = 25  # articles spread over the last 25 days: inside the 30-day report window
COUNTRIES = (
    "Russia", "Ukraine", "Germany", "China", "North Korea", "Poland", "France", "Turkey", "Iran",
    "India", "Japan", "Brazil", "Canada", "Mexico", "Italy", "Spain", "Egypt", "Kenya", "Nigeria",
    "Chile", "Peru", "Sweden", "Norway", "Finland", "Romania", "Hungary", "Greece", "Serbia",
    "Georgia", "Armenia", "Kazakhstan", "Vietnam", "Indonesia", "Pakistan", "Israel", "Jordan",
    "Morocco", "Algeria", "Ethiopia", "Argentina")
_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")\b")
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[—–-]+\s*")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
_DAY_OF_MONTH_RE = re.compile(rf"^\s+(?:{_MONTHS})\b")
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\s+$")
# Outlets word the same fact differently: a lead-in varies the start of a reported sentence.
LEAD_INS = ("", "", "", "On Monday, ", "Officials said that ", "Reports say ",
            "As of this week, ", "It emerged on Friday that ")
_LOWER_FIRST = frozenset("the a an in more about nearly some over at by since on after".split())
# Syllables of invented place names: each story happens somewhere, so stories built on one
# real sentence are still different facts (the place is an entity the matcher compares).
_SYLLABLES = ("kar", "vel", "mor", "ost", "lin", "dra", "sen", "tal", "bru", "gor", "ith", "nav",
              "pel", "rud", "sha", "tor", "ulm", "ves", "zan", "cor", "fen", "hal", "jor", "lum")


# -- corpus generation -------------------------------------------------------------------------
def _article_texts() -> list[str]:
    """Clean text of the demo articles and, when present, the shared seed articles."""
    from crosscheck.config import load_sources
    from crosscheck.ingest import clean_text, ingest_source

    config = load_sources(REPO / "sources.yaml")
    texts = [a.text for s in config.sources if s.enabled for a in ingest_source(s).articles]
    if SHARED_CORPUS.is_dir():
        texts += [clean_text(p.read_text(errors="replace"))[0]
                  for p in sorted(SHARED_CORPUS.glob("seeds/*/*.txt"))]
    return texts


def base_sentences() -> tuple[list[str], list[str]]:
    """Real sentences split into those stating a figure and filler without digits."""
    figures, filler = [], []
    for text in _article_texts():
        for sentence in _SENTENCE_RE.split(text.replace("\n", " ")):
            sentence = _DATELINE_RE.sub("", sentence.strip())
            if not 40 <= len(sentence) <= 400:
                continue
            if any(not _is_year(m.group(1)) for m in _NUMBER_RE.finditer(sentence)):
                figures.append(sentence)
            elif not any(c.isdigit() for c in sentence):  # years only: neither
                filler.append(sentence)
    return figures, filler


def _is_year(token: str) -> bool:
    return token.isdigit() and 1900 <= int(token) <= 2100


def _is_day(sentence: str, m: re.Match[str]) -> bool:
    """'23 August' or 'August 23': a date, not a figure to scale."""
    return bool(_DAY_OF_MONTH_RE.match(sentence[m.end():m.end() + 12])
                or _MONTH_BEFORE_RE.search(sentence[max(0, m.start() - 12):m.start()]))


def _format_like(original: str, value: float) -> str:
    if "." in original:
        return f"{value:.{len(original.split('.')[1])}f}"
    return f"{round(value):,}" if "," in original or value >= 10_000 else str(round(value))


def scale_figures(sentence: str, factor: float) -> str:
    """The sentence with every figure (not years) multiplied by factor, 3 significant digits."""
    def repl(m: re.Match[str]) -> str:
        token = m.group(1)
        if _is_year(token) or _is_day(sentence, m):
            return token
        value = float(token.replace(",", "")) * factor
        return _format_like(token, float(f"{value:.3g}"))
    return _NUMBER_RE.sub(repl, sentence)


@dataclass(frozen=True, slots=True)
class Story:
    """One fact many outlets report: a real sentence with other countries and figures."""

    template: str
    countries: dict[str, str]
    factor: float
    place: str

    def sentence(self, contradict: bool = False, lead_in: str = "") -> str:
        text = _COUNTRY_RE.sub(lambda m: self.countries.get(m.group(1), m.group(1)),
                               self.template).rstrip(" .")
        text = scale_figures(text, self.factor * (CONTRADICT_FACTOR if contradict else 1.0))
        first, _, rest = text.partition(" ")
        if lead_in and first.lower() in _LOWER_FIRST:
            first = first.lower()
        return f"{lead_in}{first} {rest}, according to figures published in {self.place}."


def place_name(rng: random.Random) -> str:
    """An invented place name ('Karvelost')."""
    return "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))).title()


def reword(rng: random.Random, sentence: str, vocabulary: list[str]) -> str:
    """Swap some lower-case words for others, keeping names and the words around figures."""
    words = sentence.split()
    near = {k + d for k, w in enumerate(words) if any(c.isdigit() for c in w)
            for d in range(-FIGURE_CONTEXT, FIGURE_CONTEXT + 1)}
    return " ".join(rng.choice(vocabulary) if k not in near and w.isalpha() and w.islower()
                    and rng.random() < STORY_WORD_SWAP else w for k, w in enumerate(words))


def make_stories(rng: random.Random, figures: list[str], vocabulary: list[str],
                 count: int) -> list[Story]:
    """`count` stories, cycling over the figure sentences with fresh words, countries, scales."""
    stories = []
    for i in range(count):
        template = reword(rng, figures[i % len(figures)], vocabulary)
        found = sorted(set(_COUNTRY_RE.findall(template)))
        swapped = dict(zip(found, rng.sample(COUNTRIES, len(found)), strict=True))
        stories.append(Story(template, swapped, round(rng.uniform(0.5, 3.0), 2),
                             place_name(rng)))
    return stories


@dataclass(slots=True)
class Corpus:
    """Generated articles per outlet, as JSON-lines records."""

    outlets: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.outlets.values())


def generate(n: int, seed: int = 7, night: int | None = None, nights: int = 1) -> Corpus:
    """N articles over N/ARTICLES_PER_STORY stories, with contradictions and copies.

    With `night` (1..nights) the articles are that night's: dated within the day that ends
    `nights - night` days before today's midnight, with their own URLs, drawn from the same
    stories every night (a desk follows its stories for weeks).
    """
    rng = random.Random(seed)
    figures, filler = base_sentences()
    vocabulary = sorted({w for f in filler for w in f.split() if w.isalpha() and w.islower()})
    stories = make_stories(rng, figures, vocabulary, max(20, n // ARTICLES_PER_STORY))
    weights = [1 / (rank + 1) ** STORY_POPULARITY for rank in range(len(stories))]
    # dates count back from today's midnight (UTC): the same N and seed give the same corpus
    # all day, so runs of different runners, or of two commits, read the same articles
    now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    days, prefix = DAYS, ""
    if night is not None:
        rng = random.Random(f"{seed}-night-{night}")
        now, days, prefix = now - timedelta(days=nights - night), 1, f"n{night}/"
    corpus = Corpus({f"outlet_{k:02d}": [] for k in range(OUTLETS)})
    written: list[tuple[str, dict[str, str]]] = []
    for i in range(n):
        outlet = f"outlet_{rng.randrange(OUTLETS):02d}"
        if written and rng.random() < COPY_SHARE:
            record = _copy_of(rng, written, f"{prefix}{i}")
        else:
            record = _article(rng, f"{prefix}{i}", stories, weights, filler, now, days)
        corpus.outlets[outlet].append(record)
        written.append((outlet, record))
    return corpus


def _article(rng: random.Random, i: str, stories: list[Story], weights: list[float],
             filler: list[str], now: datetime, days: float) -> dict[str, str]:
    picked = rng.choices(stories, weights, k=rng.randint(*MENTIONS))
    sentences = [s.sentence(rng.random() < CONTRADICT_SHARE, rng.choice(LEAD_INS))
                 for s in picked]
    sentences += [_vary(rng, f) for f in rng.sample(filler, rng.randint(*FILLER))]
    rng.shuffle(sentences)
    paragraphs = ["\n\n".join(sentences[j:j + 2]) for j in range(0, len(sentences), 2)]
    published = now - timedelta(days=rng.uniform(0, days))
    title = f"{picked[0].sentence()[:70].rsplit(' ', 1)[0]} ({i})"
    return {"url": f"https://bench.example/{i}", "title": title,
            "published": published.isoformat(), "text": "\n\n".join(paragraphs)}


def _vary(rng: random.Random, sentence: str) -> str:
    """A filler sentence with some of its words swapped for others of the same sentence."""
    words = sentence.split()
    pool = [w for w in words if w.isalpha() and w.islower()] or words
    return " ".join(w if k == 0 or rng.random() >= FILLER_WORD_SWAP else rng.choice(pool)
                    for k, w in enumerate(words))


def _copy_of(rng: random.Random, written: list[tuple[str, dict[str, str]]],
             i: str) -> dict[str, str]:
    _, original = rng.choice(written)
    return {**original, "url": f"https://bench.example/{i}",
            "published": (datetime.fromisoformat(original["published"])
                          + timedelta(hours=rng.uniform(1, 30))).isoformat()}


def write_corpus(corpus: Corpus, folder: Path) -> Path:
    """One .jsonl per outlet and a sources.yaml naming them; returns the sources file."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for k, (outlet, records) in enumerate(sorted(corpus.outlets.items())):
        (folder / f"{outlet}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
        sources.append({"id": outlet, "name": outlet.replace("_", " ").title(), "kind": "jsonl",
                        "path": f"{outlet}.jsonl", "publisher": {
                            "name": outlet, "owner": f"owner_{k % OWNERS:02d}",
                            "media_type": "news", "credibility": round(0.3 + 0.6 * (k % 7) / 6, 2),
                            "rating_source": "benchmark"}})
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, sort_keys=False))
    return path


# -- measuring -----------------------------------------------------------------------------------
def print_stages(title: str, stages: dict[str, dict[str, float]], n: int) -> None:
    """Per stage: seconds, articles per second, and the process's peak RSS by its end."""
    print(f"\n{title}")
    print(f"{'stage':<22} {'seconds':>9} {'articles/s':>11} {'peak RSS MB':>12}")
    for name, row in stages.items():
        secs = row["seconds"]
        rate = f"{n / secs:,.0f}" if secs > 0 else "-"
        print(f"{name:<22} {secs:>9.2f} {rate:>11} {row['peak_rss_mb']:>12.0f}")
    total = sum(r["seconds"] for r in stages.values())
    print(f"{'total':<22} {total:>9.2f} {n / total if total else 0:>11,.0f}")


def run_core(sources_path: Path, work: Path, batch_size: int, n: int, db: Path | None = None,
             report: Path | None = None, cold: bool = False
             ) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Every stage as plain functions on a SQLite store (fresh unless `db`), timed one by one.

    `cold`: match and assess the whole window, not only the blocks the new articles touch."""
    from crosscheck import pipeline as p
    from crosscheck.match import match_claims
    from crosscheck.store import Store

    db_url = f"sqlite:///{db or work / 'core.db'}"
    report = report or work / "core-report"
    store, run_id, t = Store(db_url), p.new_run_id(), p.StageClock()
    store.begin_run(run_id, str(sources_path))
    with t.stage("load sources"):
        config = p.load_stage(store, sources_path)
    with t.stage("ingest + store"):
        outcome = p.ingest_stage(store, run_id, list(config.sources))
    with t.stage("extract + store"):
        for batch in p.batches(outcome.changed_ids, batch_size):
            p.extract_stage(db_url, batch)
    with t.stage("read window"):
        articles, claims = p.window_stage(store, p.DEFAULT_WINDOW_DAYS)
    with t.stage("copies (MinHash)"):
        copies = p.copies_stage(store, articles, cold)
    with t.stage("match claims"):
        plan = p.plan_stage(store, articles, claims, config.sources, copies, cold)
        clusters = match_claims(plan.claims)
    with t.stage("assess"):
        night = p.night_stage(plan, articles, config.sources, clusters, copies, run_id)
        findings = night.findings
    with t.stage("gates (GX)"):
        gates = p.gate_stage(p.claims_frame(claims, {a.id: a for a in articles}),
                             p.findings_frame(findings), [s.id for s in config.sources])
    with t.stage("store results"):
        p.save_night(store, run_id, night)
    with t.stage("report"):
        ctx = p.RunContext(run_id, datetime.now(UTC), p.RunOptions(
            sources_path, report, db_url), config, outcome, [])
        inp = p.build_report_input(store, ctx, articles, claims, findings, gates)
        p.report_stage(inp, report)
    store.finish_run(run_id, "completed", {"stages": t.stages}, {})
    store.close()
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return t.stages, {"articles": len(outcome.changed_ids), "claims": len(claims),
                      "copies": len(copies), "clusters": len(night.cluster_rows),
                      "findings": kinds, "run_id": run_id, "cold": plan.cold,
                      "blocks": {"touched": len(plan.touched), "kept": len(plan.kept),
                                 "claims": len(plan.claims)}}


def run_flow(runner: str, sources_path: Path, work: Path, batch_size: int) -> tuple[float, dict]:
    """The whole nightly flow on one runner, on its own fresh store; seconds and its stats."""
    from flows.nightly import with_runner

    start = time.perf_counter()
    result = with_runner(runner)(sources=str(sources_path), out=str(work / f"{runner}-report"),
                                 db=f"sqlite:///{work / (runner + '.db')}", batch_size=batch_size)
    return time.perf_counter() - start, result["stats"]


def claims_of(corpus: Corpus, work: Path, name: str) -> list[Any]:
    """Claims of a generated corpus, extracted with the core functions (no store)."""
    from crosscheck.config import load_sources
    from crosscheck.ingest import ingest_source
    from crosscheck.pipeline import extract_batch

    config = load_sources(write_corpus(corpus, work / name))
    articles = [a for s in config.sources for a in ingest_source(s).articles]
    return extract_batch(articles)[0]


def match_scaling(m: int, work: Path, seed: int) -> None:
    """Matching time on the claims of M and of 2M articles, and the ratio."""
    from crosscheck.match import match_claims

    rows = []
    for size in (m, 2 * m):
        claims = claims_of(generate(size, seed + size), work, f"scaling-{size}")
        gc.collect()
        start = time.perf_counter()
        clusters = match_claims(claims)
        rows.append((size, len(claims), time.perf_counter() - start, len(clusters)))
    print("\nmatching growth")
    for size, n_claims, secs, n_clusters in rows:
        print(f"  {size:>7,} articles  {n_claims:>7,} claims  {secs:8.2f} s  "
              f"{n_clusters:,} clusters")
    (_, c1, s1, _), (_, c2, s2, _) = rows
    print(f"  time ratio 2M/M = {s2 / s1:.2f}  (claims ratio {c2 / c1:.2f}; linear 2.0, "
          f"N log N {2 * (1 + math.log(2) / math.log(max(c1, 2))):.2f}, quadratic 4.0)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles to generate")
    parser.add_argument("--runners", default="core",
                        help="comma list of core, default, dask (default: core)")
    parser.add_argument("--batch-size", type=int, default=200, help="articles per extract task")
    parser.add_argument("--scaling-n", type=int, default=None,
                        help="M for the matching growth check (default N; 0 skips it)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="folder to keep the outputs in")
    parser.add_argument("--nights", type=int, default=0,
                        help="K nights of --per-night new articles into one store, then a "
                             "cold run (benchmarks/nights.py); one runner")
    parser.add_argument("--per-night", type=int, default=2000, help="new articles per night")
    parser.add_argument("--one-night", action="store_true",
                        help="(used by --nights) run one night into --db, print its figures")
    parser.add_argument("--sources", type=Path, help="with --one-night: the sources file")
    parser.add_argument("--db", type=Path, help="with --one-night: the SQLite store")
    parser.add_argument("--report", type=Path, help="with --one-night: the report folder")
    parser.add_argument("--cold", action="store_true",
                        help="with --one-night: match and assess the whole window")
    args = parser.parse_args(argv)
    hermetic_prefect()
    if args.one_night:
        from nights import one_night

        one_night(args.runners, args.sources, args.db, args.report, args.batch_size, args.cold)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    if args.nights:
        from nights import run_nights

        print(f"{args.nights} nights of {args.per_night:,} new articles on the {args.runners} "
              f"runner, each night in its own process; working in {work}", flush=True)
        run_nights(args.nights, args.per_night, args.runners, args.seed, args.batch_size, work)
        return
    _measure(args, work)


def _measure(args: argparse.Namespace, work: Path) -> None:
    start = time.perf_counter()
    corpus = generate(args.n, args.seed)
    sources_path = write_corpus(corpus, work / "corpus")
    print(f"generated {corpus.size:,} articles from {OUTLETS} outlets in "
          f"{time.perf_counter() - start:.1f} s; working in {work}")
    runners = [r.strip() for r in args.runners.split(",") if r.strip()]
    for runner in runners:
        _run_one(runner, sources_path, work, args.batch_size, args.n)
    if len(runners) > 1:
        _compare_reports(work, runners)
    scaling = args.n if args.scaling_n is None else args.scaling_n
    if scaling:
        match_scaling(scaling, work, args.seed)


def _findings(report: Path) -> list[tuple[str, str]]:
    return sorted((f["id"], f["kind"]) for f in json.loads((report / "findings.json").read_text()))


def _compare_reports(work: Path, runners: list[str]) -> None:
    """Say whether every runner's report has the same findings (ids and kinds) as the first."""
    reports = {r: work / f"{r}-report" for r in runners}
    first, *others = runners
    base = _findings(reports[first])
    for runner in others:
        same = _findings(reports[runner]) == base
        print(f"findings of {runner} {'identical to' if same else 'DIFFER from'} {first}'s "
              f"({len(base)} findings)")


def print_report_sizes(report: Path) -> None:
    """Each report file's size in MB, as a reader would download or open it."""
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB"
                      for p in sorted(report.iterdir()) if p.is_file() and p.suffix != ".log")
    print(f"report files: {sizes}")


def _run_one(runner: str, sources_path: Path, work: Path, batch_size: int, n: int) -> None:
    if runner == "core":
        stages, figures = run_core(sources_path, work, batch_size, n)
        print_stages(f"core stages (no Prefect), batch {batch_size}: {figures}", stages, n)
        print_report_sizes(work / "core-report")
        return
    secs, stats = run_flow(runner, sources_path, work, batch_size)
    print_stages(f"nightly flow on the {runner} runner, its stages (peak RSS of the flow's "
                 f"process; Dask workers are other processes)", stats["stages"], n)
    print(f"whole flow run {secs:.1f} s, {n / secs:,.0f} articles/s, peak RSS "
          f"{peak_rss_mb():.0f} MB; claims {stats['claims']}, findings {stats['findings']}")
    print_report_sizes(work / f"{runner}-report")

if __name__ == "__main__":
    main()
