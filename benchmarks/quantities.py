"""Accuracy and speed of the quantity engine, on two NewsQuant folds, other gold and vs quantulum3.

    python benchmarks/quantities.py                      # every figure below
    python benchmarks/quantities.py --accuracy-only
    python benchmarks/quantities.py --speed-only --passes 3
    python benchmarks/quantities.py --errors 20          # value+unit errors of fold A only

Accuracy (F1, the shared scorer `score_newsquant.py --protocol strict --sorted-ranges`):
- NewsQuant's development half split in two fixed folds by sentence index parity
  (`crosscheck.quantities.newsquant_fold`): fold A (even) is the one changes are made from,
  fold B (odd) is only scored, so a gain on A that loses on B shows up as tuning;
- the two Recognizers-Text sets in ../shared/newsquant (currencies; dimensions);
- quantulum3's own test suite (`quantulum3/_lang/en_US/tests/quantities.json`), as recall of
  the quantities that have a unit: bare "dimensionless" numbers (years, model numbers, counts
  without a noun) are left out, and a range counts by its midpoint, as that suite writes it.
Speed: every NewsQuant sentence parsed by crosscheck and by quantulum3 in one process on one
core, interleaved chunk by chunk so a change of load on a shared machine hits both alike.
quantulum3 (the `bench` extra) is imported here only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from importlib import util
from pathlib import Path

# Run as a script from benchmarks/, whose crosscheck.py would shadow the package: the
# repository root goes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck.quantities import FOLDS, convert_file, newsquant_fold, parse_quantities  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "newsquant"
DEFAULT_GOLD = SHARED / "NewsQuant.dev.json"
SCORER = SHARED / "score_newsquant.py"
RECOGNIZERS = {"currency": SHARED / "currency-model.json",
               "dimension": SHARED / "dimension-model.json"}
LEVELS = ("value", "value+unit", "value+change")
# Both engines parse the same chunk of sentences back to back, chunk after chunk, so a change
# of load on this shared machine hits both alike. quantulum3 parses a chunk once (~15 sentences
# take ~0.06 s at its ~270 sentences/s); ours repeats it so its timing stays above clock noise.
CHUNK = 15
OURS_REPEAT = 20
SUITE_RTOL = 1e-5  # the shared scorer's default value tolerance
# quantulum3's unit names where ours differ only in spelling (1 ml is 1 cubic centimetre).
SUITE_UNIT_NAMES = {"degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
                    "cubic centimetre": "millilitre"}


def load_rows(gold: Path) -> list[dict]:
    """The rows of a NewsQuant-format file."""
    return json.loads(gold.read_text(encoding="utf-8"))


def score_rows(rows: list[dict], errors: int = 0) -> tuple[dict[str, float], str]:
    """Strict F1 per level of our predictions on rows, and the scorer's error listing."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.json", Path(tmp) / "pred.json"
        gold.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        convert_file(gold, pred)
        cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--protocol", "strict",
               "--sorted-ranges", "--errors", str(errors)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    scores = {line.split()[1]: float(line.split("F1=")[1]) for line in out.splitlines()
              if line.startswith("strict")}
    return scores, out


def suite_path() -> Path | None:
    """quantulum3's own English test suite, when quantulum3 is installed."""
    spec = util.find_spec("quantulum3")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "_lang" / "en_US" / "tests" / "quantities.json"


def _midpoint(low: float, high: float) -> float:
    return low if math.isinf(high) else high if math.isinf(low) else (low + high) / 2


def suite_recall(path: Path) -> tuple[int, int, int]:
    """(value hits, value+unit hits, quantities) on quantulum3's suite, bare numbers left out."""
    hits = unit_hits = total = 0
    for case in json.loads(path.read_text(encoding="utf-8")):
        found = [(_midpoint(q.low, q.high), q.unit) for q in parse_quantities(case["req"])]
        for gold in case["res"]:
            if gold["unit"] == "dimensionless":
                continue
            total += 1
            want = SUITE_UNIT_NAMES.get(gold["unit"].lower(), gold["unit"].lower())
            same = [f for f in found if math.isclose(f[0], gold["value"], rel_tol=SUITE_RTOL)]
            if same:
                hits += 1
                best = next((f for f in same if f[1] == want), same[0])
                unit_hits += best[1] == want
                found.remove(best)
    return hits, unit_hits, total


def _seconds(parse, chunk: list[str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for s in chunk:
            parse(s)
    return time.perf_counter() - start


def time_both(sentences: list[str], passes: int) -> tuple[float, float]:
    """Sentences per second for crosscheck and quantulum3, interleaved chunk by chunk."""
    from quantulum3 import parser  # benchmark-only dependency (the `bench` extra)

    for s in sentences:  # one-off work outside the timing: quantulum3's classifier and
        parser.parse(s)  # ours' base-unit table (built from pint on the first physical unit)
        parse_quantities(s)
    ours = theirs = 0.0
    for _ in range(passes):
        for k in range(0, len(sentences), CHUNK):
            chunk = sentences[k:k + CHUNK]
            ours += _seconds(parse_quantities, chunk, OURS_REPEAT) / OURS_REPEAT
            theirs += _seconds(parser.parse, chunk, 1)
    n = passes * len(sentences)
    return n / ours, n / theirs


def _line(name: str, rows: list[dict], scores: dict[str, float], levels=LEVELS) -> str:
    n = sum(len(r["quantities"]) for r in rows)
    figures = "  ".join(f"{lvl} {scores[lvl]:5.1f}" for lvl in levels)
    return f"{name:<24} {len(rows):4d} sentences {n:4d} gold   {figures}"


def accuracy(gold: Path, errors: int) -> None:
    """Print F1 on both folds and the Recognizers-Text sets, recall on quantulum3's suite."""
    rows = load_rows(gold)
    for fold in FOLDS:
        part = newsquant_fold(rows, fold)
        scores, out = score_rows(part, errors if fold == "A" else 0)
        print(_line(f"NewsQuant fold {fold}", part, scores))
        if errors and fold == "A":
            listing = out.split("\n", 5)[5:]
            print("".join(listing))
    for name, path in RECOGNIZERS.items():
        if path.exists():
            part = load_rows(path)
            print(_line(f"Recognizers {name}", part, score_rows(part)[0], LEVELS[:2]))
    suite = suite_path()
    if suite is None or not suite.exists():
        print("quantulum3 suite: not found; pip install -e '.[bench]'")
        return
    hits, unit_hits, total = suite_recall(suite)
    print(f"{'quantulum3 suite':<24} {total:4d} quantities with a unit   value recall "
          f"{100 * hits / total:5.1f} ({hits} of {total})  value+unit recall "
          f"{100 * unit_hits / total:5.1f} ({unit_hits} of {total})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--passes", type=int, default=1, help="passes over the sentences")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--accuracy-only", action="store_true")
    ap.add_argument("--errors", type=int, default=0,
                    help="list the first N value+unit errors of fold A (fold B is never listed)")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"{args.gold}: gold file not found; pass --gold or mount ../shared", file=sys.stderr)
        return 2
    if not args.speed_only:
        accuracy(args.gold, args.errors)
    if not args.accuracy_only:
        if hasattr(os, "sched_setaffinity"):  # one core, as the issue measures
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        sentences = [row["text"] for row in load_rows(args.gold)]
        ours, theirs = time_both(sentences, args.passes)
        print(f"crosscheck  {ours:10.0f} sentences/s")
        print(f"quantulum3  {theirs:10.0f} sentences/s")
        print(f"speed ratio {ours / theirs:10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
