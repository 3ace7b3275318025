"""Where the demo run's wall time goes, and the README's demo command timed against a baseline.

    python benchmarks/startup.py [--repeat 3] [--baseline DIR]

Part 1 times the pieces of start-up, each in a fresh Python process: importing the CLI,
Prefect with the flow, great-expectations; a temporary Prefect server until it answers (on a
fresh PREFECT_HOME, as after install, and on the same home again); and the gates with one
great-expectations context per suite against one per run.

Part 2 runs `crosscheck run` on the bundled demo, as README's first command does after install
(a fresh PREFECT_HOME, store and report folder each time), for this checkout and, with
`--baseline DIR`, for another checkout of the project (e.g. `git worktree add /tmp/base
64ee8b3`), alternating the two so that both see the same load. It prints each wall time and
how many lines each printed, and how many of those were Prefect or great-expectations logs.
Figures are printed, never asserted; the machine is shared, so quote runs made side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HERMETIC = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
            "GX_ANALYTICS_ENABLED": "false"}
# A Prefect or great-expectations log line as their console handlers print it.
LIBRARY_LINE = re.compile(r"\|\s*(INFO|WARNING|DEBUG)\s*\||great_expectations")
GATE_ROWS = 100  # claims rows for the gate timing: the demo's 26, rounded up
PHASE_TIMEOUT = 300  # seconds any one measured process may take before the benchmark gives up


def clean_env(home: Path, pythonpath: Path | None = None) -> dict[str, str]:
    """The environment of a new user's shell: own Prefect home, no server configured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(HERMETIC, PREFECT_HOME=str(home))
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """Wall seconds of a command and what it printed (stdout and stderr)."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=PHASE_TIMEOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds, done.stdout + done.stderr


def python_seconds(code: str, home: Path) -> float:
    """Wall seconds of `python -c code` in a fresh process."""
    return timed([sys.executable, "-c", code], clean_env(home), REPO)[0]


SERVER_CODE = """
import sys, time
from pathlib import Path
from flows.temporary_server import TemporaryServer
start = time.perf_counter()
with open(sys.argv[1], "ab") as log:
    server = TemporaryServer.start(log, Path(sys.argv[1]))
    server.wait_ready()
    print(time.perf_counter() - start)
    server.stop()
"""

GATES_CODE = """
import sys, time
import pandas as pd
from checks import gates
claims = pd.DataFrame({"id": [f"c{i}" for i in range(ROWS)], "article_id": "a", "source_id": "s",
                       "sentence": "x", "low": 1.0, "high": 2.0, "unit": "", "unit_kind": "count",
                       "qualifier": "exact", "change": "none"})
findings = pd.DataFrame()
gates.check_run(claims, findings, ["s"])  # warm: imports and first-call caches
start = time.perf_counter()
gates.check_claims(claims, ["s"]) + gates.check_findings(findings)
per_suite = time.perf_counter() - start
start = time.perf_counter()
gates.check_run(claims, findings, ["s"])
print(per_suite, time.perf_counter() - start)
""".replace("ROWS", str(GATE_ROWS))


def phases(tmp: Path) -> None:
    """Print the start-up pieces, each measured in a fresh process."""
    home = tmp / "phases-home"
    rows = [
        ("import crosscheck.cli", "import crosscheck.cli"),
        ("import prefect + flows.nightly", "import flows.nightly"),
        ("import great_expectations", "import great_expectations, great_expectations.expectations"),
    ]
    for label, code in rows:
        print(f"  {label:<44} {python_seconds(code, home):6.2f} s", flush=True)
    server_home = tmp / "server-home"
    for label in ("temporary server, fresh PREFECT_HOME", "temporary server, same home again"):
        out = timed([sys.executable, "-c", SERVER_CODE, str(tmp / "server.log")],
                    clean_env(server_home), REPO)[1]
        print(f"  {label:<44} {float(out.split()[0]):6.2f} s", flush=True)
    per_suite, per_run = map(float, timed([sys.executable, "-c", GATES_CODE],
                                          clean_env(home), REPO)[1].split()[-2:])
    print(f"  {'gates, a GX context per suite':<44} {per_suite:6.3f} s")
    print(f"  {'gates, one GX context per run':<44} {per_run:6.3f} s", flush=True)


def demo_run(checkout: Path, tmp: Path, tag: str) -> tuple[float, list[str]]:
    """README's `crosscheck run` on the demo in `checkout`, as right after install."""
    work = Path(tempfile.mkdtemp(prefix=f"{tag}-", dir=tmp))
    argv = [sys.executable, "-c", "from crosscheck.cli import main; main()", "run",
            "--sources", str(checkout / "sources.yaml"), "--out", str(work / "reports"),
            "--db", f"sqlite:///{work / 'crosscheck.db'}"]
    seconds, printed = timed(argv, clean_env(work / "prefect-home", checkout), checkout)
    return seconds, printed.splitlines()


def compare(repeat: int, baseline: Path | None, tmp: Path) -> None:
    """Alternate this checkout and the baseline; print each run and the medians."""
    variants = [("this checkout", REPO)] + ([("baseline", baseline)] if baseline else [])
    walls: dict[str, list[float]] = {name: [] for name, _ in variants}
    for i in range(repeat):
        for name, checkout in variants:
            seconds, lines = demo_run(checkout, tmp, name.replace(" ", "-"))
            library = sum(bool(LIBRARY_LINE.search(line)) for line in lines)
            walls[name].append(seconds)
            print(f"  run {i + 1} {name:<14} {seconds:6.1f} s wall, {len(lines):3d} lines "
                  f"printed, {library:3d} of them Prefect/GX logs", flush=True)
    for name, values in walls.items():
        print(f"  median {name:<14} {statistics.median(values):6.1f} s "
              f"(min {min(values):.1f}, max {max(values):.1f}, {len(values)} runs)")


def main(argv: list[str] | None = None) -> None:
    """Parse options, print the phases, then the side-by-side demo runs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout of crosscheck to time the same way")
    parser.add_argument("--skip-phases", action="store_true")
    args = parser.parse_args(argv)
    with os.popen("uptime") as up:
        print(f"machine: {os.cpu_count()} cores; {up.read().strip()}")
    with tempfile.TemporaryDirectory(prefix="crosscheck-startup-") as tmp:
        if not args.skip_phases:
            print("start-up pieces (each in a fresh process):")
            phases(Path(tmp))
        print("README demo command (`crosscheck run`, fresh PREFECT_HOME, store and out):")
        compare(args.repeat, args.baseline.resolve() if args.baseline else None, Path(tmp))


if __name__ == "__main__":
    main()
