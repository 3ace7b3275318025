"""Cross-checking accuracy on real multi-outlet reporting, scored the way the product is judged.

    python benchmarks/crosscheck.py [--half A|B|both] [-v] [--keep DIR]

The development data are restated real articles with a gold file each: the shared set
(../shared/crosscheck-dev, 51 articles on 7 stories, with the scorer `score.py`) and this
project's own sets (benchmarks/data/crossdev/*/, same format). Stories are split into two fixed
halves by their gold letter: half A is the one rules are developed on, half B is only scored
(its floors are pinned in tests/test_crosscheck_gate.py). For each half the whole pipeline runs
on that half's articles (the stage functions of crosscheck.pipeline on a fresh SQLite store, no
Prefect), and the shared scorer prints its line: contradiction precision and recall, figures
read, unsupported findings per article, revisions found.

The scorer and the gold are read at run time from ../shared and never copied into the
repository: the half's articles and a merged gold are written to a temporary folder beside a
temporary copy of score.py (whose copy "twins" are rebuilt from the merged gold's copies).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "crosscheck-dev"
OWN_SETS = REPO / "benchmarks" / "data" / "crossdev"
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]  # the package first: this file's name
# is the package's, and Python puts this folder first when it runs the file

# Fixed split by story letter (each set's README lists its letters). Half A, developed on:
# the shared set's China's warheads (W), Maui fire toll (M), Sudan war toll (S), China's
# defence budget (B); set1's Crocus attack toll (C) and Black Sea grain (G); set2's Titan
# submersible (T) and Kakhovka dam (D); set3's Turkey-Syria earthquakes (E) and Iran's attack on
# Israel (I); set4's Nagorno-Karabakh blast and exodus (V) and Baltimore bridge collapse (Y);
# set5's Lebanon pager and walkie-talkie blasts (Z) and Valencia floods (b); set6's Jajarkot
# earthquake in Nepal (d); set7's Mandalay earthquake in Myanmar (f); set8's Belgrade protest
# crowd (h); set9's Kumbh Mela crush toll (j); set10's Hurricane Otis toll (m); set11's
# Odisha triple train crash (n); set13's Herat earthquakes (p).
# Half B, only scored: Derna flood (L), Hajj heat deaths (H), Russian losses (R); Wagner mutiny
# (P), Russian artillery (A), Nord Stream 2 (N); Pylos shipwreck (K), the 7 October toll (O),
# Niger's uranium (U); set3's al-Ahli hospital blast (F) and Morocco earthquake (J); set4's
# Kursk incursion (X) and North Korean troops in Russia (Q); set5's Eternity C sinking in the
# Red Sea (a) and Kerch bridge attacks (c); set6's Enga landslide in Papua New Guinea (e);
# set7's Kunar earthquake in Afghanistan (g); set8's cost of the Los Angeles fires (i); set9's
# French pension-reform protest crowds (k); set10's Hathras stampede toll (l); set12's
# Kanjuruhan stadium crush (o); set14's Jerusalem rally crowd (q).
# Set 5's letters were given their halves before it was written; sets 6 to 14 were first
# scored whole, as reporting no rule had seen, and their stories were then split one to each
# half. Both halves hold contradictions and revisions.
HALF_A = frozenset("WMSB" + "CG" + "TD" + "EI" + "VY" + "Zb" + "d" + "f" + "h" + "j" + "m" + "n"
                   + "p")
HALF_B = frozenset("LHR" + "PAN" + "KOU" + "FJ" + "XQ" + "ac" + "e" + "g" + "i" + "k" + "l" + "o"
                   + "q")
TARGET_FLAGS = ["--min-recall", "0.9", "--min-precision", "0.9", "--min-read", "0.97",
                "--max-unsupported-per-article", "0.25", "--min-revisions", "1"]
_LINE_RE = re.compile(
    r"contradictions P (?P<precision>[\d.]+) R (?P<recall>[\d.]+) \(tp (?P<tp>\d+), fp (?P<fp>\d+)"
    r".*figures read (?P<read>\d+)/(?P<figures>\d+); unsupported (?P<uns_found>\d+)/"
    r"(?P<uns_expected>\d+), wrong (?P<uns_wrong>\d+), (?P<uns_all>\d+) in all "
    r"\((?P<per_article>[\d.]+) per article\); revisions (?P<rev_found>\d+)/(?P<rev_all>\d+)")


@dataclass
class DevSet:
    """One development set: its articles and gold, read from disk."""

    name: str
    articles: list[dict[str, Any]]
    gold: dict[str, Any]


@dataclass
class HalfScore:
    """The scorer's figures for one half."""

    half: str
    line: str
    values: dict[str, float] = field(default_factory=dict)
    verbose: str = ""


def dev_sets() -> list[DevSet]:
    """The shared set (when ../shared is present) and every set of this project's own."""
    folders = [SHARED_DEV] if (SHARED_DEV / "gold.yaml").exists() else []
    folders += sorted(p for p in OWN_SETS.glob("*") if (p / "gold.yaml").exists())
    return [DevSet(f.name, [json.loads(line) for line in (f / "articles.jsonl").open()
                            if line.strip()], yaml.safe_load((f / "gold.yaml").read_text()))
            for f in folders]


def story(figure_id: str) -> str:
    """The story letter of a gold figure id (the scorer's convention)."""
    return figure_id[0]


def merged_gold(sets: list[DevSet], letters: frozenset[str]) -> tuple[dict, list[dict]]:
    """One gold file and article list for the stories of `letters`, across sets."""
    gold: dict[str, Any] = {"figures": {}, "contradict": [], "families": {}, "compatible": [],
                            "unsupported": {"expected": [], "never": []}, "copies": [],
                            "revisions": []}
    articles: list[dict[str, Any]] = []
    for s in sets:
        keep = {fid for fid in s.gold["figures"] if story(fid) in letters}
        arts = {v[0] for k, v in s.gold["figures"].items() if k in keep}
        articles += [a for a in s.articles if a["id"] in arts]
        gold["figures"].update({k: v for k, v in s.gold["figures"].items() if k in keep})
        for key in ("contradict", "compatible", "revisions"):
            gold[key] += [p for p in s.gold.get(key) or [] if set(p) <= keep]
        for name, ids in (s.gold.get("families") or {}).items():
            if ids and set(ids) <= keep:
                gold["families"][f"{s.name}:{name}"] = ids
        for key in ("expected", "never"):
            gold["unsupported"][key] += [x for x in s.gold["unsupported"].get(key) or []
                                         if x in keep]
        gold["copies"] += [g for g in s.gold.get("copies") or [] if set(g) <= arts]
    return gold, articles


def twins_of(gold: dict[str, Any]) -> dict[str, str]:
    """Figures that are one figure in two copied articles (the scorer's `twins`)."""
    by_article: dict[str, list[str]] = {}
    for fid, (art, *_rest) in gold["figures"].items():
        by_article.setdefault(art, []).append(fid)
    twins: dict[str, str] = {}
    for group in gold["copies"]:
        for a in group:
            for b in group:
                if a == b:
                    continue
                for fa in by_article.get(a, []):
                    for fb in by_article.get(b, []):
                        if gold["figures"][fa][1:] == gold["figures"][fb][1:]:
                            twins.setdefault(fa, fb)
    return twins


def write_half(folder: Path, sets: list[DevSet], letters: frozenset[str]) -> int:
    """The half's articles as JSONL sources, a merged gold and a scorer beside it."""
    gold, articles = merged_gold(sets, letters)
    inp = folder / "in"
    inp.mkdir(parents=True)
    by_source: dict[str, list[dict[str, Any]]] = {}
    for a in articles:
        by_source.setdefault(a["source_id"], []).append(a)
    sources = []
    for sid, items in sorted(by_source.items()):
        with (inp / f"{sid}.jsonl").open("w") as f:
            for a in items:
                f.write(json.dumps({k: a[k] for k in ("url", "title", "published", "text")},
                                   ensure_ascii=False) + "\n")
        sources.append({"id": sid, "name": items[0]["publisher"]["name"], "kind": "jsonl",
                        "path": f"{sid}.jsonl", "publisher": items[0]["publisher"]})
    (inp / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, sort_keys=False,
                                                     allow_unicode=True))
    (inp / "urls.json").write_text(json.dumps({a["id"]: a["url"] for a in articles}))
    scorer = folder / "scorer"
    scorer.mkdir()
    (scorer / "gold.yaml").write_text(yaml.safe_dump(gold, sort_keys=False, allow_unicode=True))
    text = (SHARED_DEV / "score.py").read_text()
    text = re.sub(r"^twins = \{.*\}$", f"twins = {twins_of(gold)!r}", text, count=1, flags=re.M)
    (scorer / "score.py").write_text(text)
    return len(articles)


def run_half(half: str, work: Path, verbose: bool = False) -> HalfScore:
    """Run the pipeline on one half and score it with the shared scorer."""
    from pipeline import run_core  # benchmarks/pipeline.py: every stage, no Prefect

    letters = HALF_A if half == "A" else HALF_B
    folder = work / f"half-{half}"
    write_half(folder, dev_sets(), letters)
    run_core(folder / "in" / "sources.yaml", folder, batch_size=200, n=0)
    out = folder / "core-report"
    cmd = [sys.executable, str(folder / "scorer" / "score.py"), str(folder / "in"), str(out)]
    result = subprocess.run(cmd + TARGET_FLAGS + (["-v"] if verbose else []),
                            capture_output=True, text=True, check=False)
    lines = result.stdout.strip().splitlines()
    line = lines[-1] if lines else result.stderr.strip()
    m = _LINE_RE.search(line)
    values = {k: float(v) for k, v in m.groupdict().items()} if m else {}
    return HalfScore(half, line, values, "\n".join(lines[:-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=["A", "B", "both"], default="both")
    parser.add_argument("-v", action="store_true", help="list misses and false findings "
                        "(look at half A only: half B is the check)")
    parser.add_argument("--keep", type=Path, help="keep the inputs and reports in this folder")
    args = parser.parse_args(argv)
    if not (SHARED_DEV / "score.py").exists():
        print(f"{SHARED_DEV} is absent: the scorer lives in ../shared/crosscheck-dev")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="crosscheck-dev-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    for half in (["A", "B"] if args.half == "both" else [args.half]):
        score = run_half(half, work, args.v)
        if args.v and score.verbose:
            print(score.verbose)
        print(f"half {half}: {score.line}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
