"""Accuracy and speed of the quantity engine against quantulum3 on the same sentences.

    python benchmarks/quantities.py                      # both, on ../shared/newsquant
    python benchmarks/quantities.py --speed-only --passes 3
    python benchmarks/quantities.py --gold path/to/NewsQuant.json

Accuracy: writes the engine's predictions for the gold file and runs the shared scorer
(`score_newsquant.py --protocol strict --sorted-ranges`). Speed: parses every sentence with
crosscheck and with quantulum3 (the `bench` extra) in one process, on one core, and prints
sentences per second for each and the ratio; the two run interleaved chunk by chunk so a
change of load on a shared machine hits both alike. quantulum3 is imported here only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.quantities import convert_file, parse_quantities

SHARED = Path(__file__).resolve().parents[2] / "shared" / "newsquant"
DEFAULT_GOLD = SHARED / "NewsQuant.dev.json"
SCORER = SHARED / "score_newsquant.py"
# Both engines parse the same chunk of sentences back to back, chunk after chunk, so a change
# of load on this shared machine hits both alike. quantulum3 parses a chunk once (~15 sentences
# take ~0.06 s at its ~270 sentences/s); ours repeats it so its timing stays above clock noise.
CHUNK = 15
OURS_REPEAT = 20


def load_sentences(gold: Path) -> list[str]:
    """The `text` of every row of a NewsQuant-format file."""
    rows = json.loads(gold.read_text(encoding="utf-8"))
    return [row["text"] for row in rows]


def _seconds(parse, chunk: list[str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for s in chunk:
            parse(s)
    return time.perf_counter() - start


def time_both(sentences: list[str], passes: int) -> tuple[float, float]:
    """Sentences per second for crosscheck and quantulum3, interleaved chunk by chunk."""
    from quantulum3 import parser  # benchmark-only dependency (the `bench` extra)

    parser.parse(sentences[0])  # loads quantulum3's classifier outside the timing
    parse_quantities(sentences[0])
    ours = theirs = 0.0
    for _ in range(passes):
        for k in range(0, len(sentences), CHUNK):
            chunk = sentences[k:k + CHUNK]
            ours += _seconds(parse_quantities, chunk, OURS_REPEAT) / OURS_REPEAT
            theirs += _seconds(parser.parse, chunk, 1)
    n = passes * len(sentences)
    return n / ours, n / theirs


def score(gold: Path) -> str:
    """The shared scorer's report for our predictions on gold."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.json"
        convert_file(gold, pred)
        cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--protocol", "strict",
               "--sorted-ranges"]
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--passes", type=int, default=1, help="passes over the sentences")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--accuracy-only", action="store_true")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"{args.gold}: gold file not found; pass --gold or mount ../shared", file=sys.stderr)
        return 2
    if not args.speed_only:
        print(score(args.gold), end="")
    if not args.accuracy_only:
        if hasattr(os, "sched_setaffinity"):  # one core, as the issue measures
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        ours, theirs = time_both(load_sentences(args.gold), args.passes)
        print(f"crosscheck  {ours:10.0f} sentences/s")
        print(f"quantulum3  {theirs:10.0f} sentences/s")
        print(f"speed ratio {ours / theirs:10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
