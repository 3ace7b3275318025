"""What hostile article text costs: extraction time per character, and one 2 MB article whole.

    python benchmarks/hostile.py [--sizes 2000,4000,8000] [--whole]

For each text shape (figure-dense, abbreviation chains, real prose when ../shared is there),
extracts claims from growing sizes and prints seconds, claims and microseconds per character:
linear extraction keeps the last column flat. `--whole` then puts the 2 MB article of
issue 17 ("1 1 1 ...") through ingestion (which cuts it to MAX_ARTICLE_CHARS) and extraction,
printing the cut, the claims, the time and the peak memory. Figures are printed, never
asserted; the machine's load shows in them, so compare columns of one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crosscheck.claims import extract_claims  # noqa: E402
from crosscheck.config import validate_entry  # noqa: E402
from crosscheck.ingest import ingest_source  # noqa: E402
from crosscheck.models import Article  # noqa: E402
from crosscheck.pipeline import peak_rss_mb  # noqa: E402

SEED = REPO.parent / "shared" / "corpus" / "seeds" / "epoch"
SHAPES = {"figures '1 '": "1 ", "initials 'A. 1 '": "A. 1 ", "units '1 km '": "1 km "}
ISSUE_BYTES = 2 * 1024 * 1024  # the article of issue 17, case 5


def _article(text: str) -> Article:
    return Article(id="bench", source_id="bench", url="https://bench.example/a",
                   canonical_url="https://bench.example/a", title="", text=text,
                   content_hash="bench")


def _row(name: str, text: str) -> None:
    start = time.perf_counter()
    claims, _ = extract_claims(_article(text))
    seconds = time.perf_counter() - start
    print(f"{name:<22} {len(text):>9,} {seconds:>9.2f} {len(claims):>8,} "
          f"{seconds / len(text) * 1e6:>10.1f}")


def shapes(sizes: list[int]) -> None:
    """Extraction over each shape at each size: time per character should stay flat."""
    print(f"{'text':<22} {'chars':>9} {'seconds':>9} {'claims':>8} {'us/char':>10}")
    texts = dict(SHAPES)
    if SEED.is_dir():
        texts["seed prose (epoch)"] = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    else:
        print(f"(no prose row: {SEED} is absent)")
    for name, unit in texts.items():
        for size in sizes:
            _row(name, (unit * (size // len(unit) + 1))[:size])


def whole(folder: Path) -> None:
    """The 2 MB article through ingestion and extraction, as a nightly run would take it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "digits.txt").write_text("Digits\n\n" + "1 " * (ISSUE_BYTES // 2))
    entry = {"id": "bench", "name": "Bench", "kind": "files", "path": str(folder),
             "publisher": {"name": "Bench"}}
    source, problems = validate_entry(entry, folder)
    assert source is not None, problems
    start = time.perf_counter()
    result = ingest_source(source)
    ingested = time.perf_counter() - start
    [article] = result.articles
    for note in result.notes:
        print(f"note: {note.message}")
    start = time.perf_counter()
    claims, _ = extract_claims(article)
    extracted = time.perf_counter() - start
    print(f"2 MB article: ingest {ingested:.2f} s, text kept {len(article.text):,} chars; "
          f"extract {extracted:.1f} s, {len(claims):,} claims; peak memory {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,4000,8000",
                        help="comma-separated text sizes in characters")
    parser.add_argument("--whole", action="store_true",
                        help="also run the 2 MB article through ingest and extract")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp/crosscheck-bench-hostile"),
                        help="folder for the --whole article")
    args = parser.parse_args()
    shapes([int(s) for s in args.sizes.split(",")])
    if args.whole:
        whole(args.tmp)


if __name__ == "__main__":
    main()
