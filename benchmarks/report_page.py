"""How fast Debian's chromium makes a report.html usable: load, first paint, a filter's answer.

    python benchmarks/report_page.py PATH/report.html [PATH2/report.html ...] [--repeat 3]

Each page is opened from file:// in a fresh browser context (Playwright driving
/usr/bin/chromium, never a downloaded browser). Printed per page and run: its size, the
navigation timings (DOM interactive, DOMContentLoaded, load), first contentful paint, when
the page's script had counted the findings (the filters answer from then on; cards past the
first page are built from the page's data block when shown), and how long
picking a kind in the filter takes until the next frame is painted.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
READY = "document.getElementById('f-count') && document.documentElement.className.includes('js')"
TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {interactive: nav.domInteractive, dom_content_loaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd, first_paint: paint ? paint.startTime : null,
          count: document.getElementById('f-count').textContent,
          shown: document.querySelectorAll('article.finding:not([hidden])').length};
}"""
FILTER = """async () => {
  const kind = document.getElementById('f-kind');
  const start = performance.now();
  kind.value = kind.options[kind.options.length > 1 ? 1 : 0].value;
  kind.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""


def measure(browser, path: Path) -> dict[str, float]:
    """One fresh load of the page and one filter change, in milliseconds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    figures = page.evaluate(TIMINGS)
    figures["filter_ms"] = page.evaluate(FILTER)
    context.close()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in args.pages:
            print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
            for run in range(1, args.repeat + 1):
                f = measure(browser, path)
                paint = f"{f['first_paint']:.0f}" if f["first_paint"] is not None else "-"
                print(f"  run {run}: interactive {f['interactive']:.0f} ms, DOMContentLoaded "
                      f"{f['dom_content_loaded']:.0f} ms, load {f['load']:.0f} ms, first paint "
                      f"{paint} ms; {f['shown']} cards shown ({f['count']}); a filter "
                      f"answered in {f['filter_ms']:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
