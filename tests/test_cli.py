"""The CLI through a runner: documented commands, clear errors, exit codes, a light start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app

from .conftest import REPO

runner = CliRunner()

GOOD = """\
# my outlets
sources:
  - id: ledger
    name: The Ledger
    kind: files
    path: articles
    publisher: {name: Ledger Media, credibility: 0.8}  # rated by us
"""

BAD = """\
sources:
  - id: ledger
    name: The Ledger
    kind: files
    path: articles
    colour: blue
    publisher: {name: Ledger Media, credibility: 1.7}
  - id: wire
    name: Wire
    kind: rss
    url: ftp://wire.example/feed
    publisher: {name: Wire}
"""


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names: list[str] = []
    for name, cmd in getattr(group, "commands", {}).items():
        subs = getattr(cmd, "commands", None)
        names.extend(f"{name} {sub}" for sub in subs) if subs else names.append(name)
    return names


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    missing = [n for n in command_names() if f"crosscheck {n}" not in readme]
    assert missing == []


def test_validate_prints_every_problem_with_its_key_path(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(BAD)
    result = runner.invoke(app, ["sources", "validate", str(path)])
    assert result.exit_code == 2
    out = result.output
    assert "id=ledger" in out and "colour" in out
    assert "publisher.credibility" in out and "1.7" in out
    assert "id=wire" in out and "url" in out


def test_validate_accepts_a_good_file(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    result = runner.invoke(app, ["sources", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 source(s), no problems" in result.output


def test_validate_warns_when_a_path_leaves_the_sources_folder(tmp_path: Path):
    path = tmp_path / "conf" / "sources.yaml"
    path.parent.mkdir()
    path.write_text("sources:\n"
                    "  - {id: etc, name: Etc, kind: files, path: /etc, publisher: {name: E}}\n"
                    "  - {id: up, name: Up, kind: files, path: ../.., publisher: {name: U}}\n"
                    "  - {id: here, name: Here, kind: files, path: a, publisher: {name: H}}\n")
    result = runner.invoke(app, ["sources", "validate", str(path)])
    assert result.exit_code == 0, result.output  # a warning: the folder may be meant
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert [w.split(":")[1].strip() for w in warnings] == ["sources[0] (id=etc)",
                                                           "sources[1] (id=up)"]
    assert f'path = "{tmp_path.parent}": leaves the folder of the sources file' in warnings[1]
    assert "3 source(s), no problems, 2 warning(s)" in result.output


def test_missing_sources_file_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["sources", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml" in result.output
    result = runner.invoke(app, ["run", "--sources", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such sources file" in result.output


def test_malformed_yaml_names_the_file(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [\n  - id: x\n    name: 'unclosed\n")
    result = runner.invoke(app, ["sources", "validate", str(path)])
    assert result.exit_code == 2
    assert "sources.yaml" in result.output


def test_sources_add_appends_and_keeps_comments(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    result = runner.invoke(app, [
        "sources", "add", "--file", str(path), "--id", "wire", "--name", "Wire",
        "--kind", "rss", "--url", "https://wire.example/feed.xml", "--publisher", "Wire Co",
        "--credibility", "0.7", "--country", "GB"])
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert "# my outlets" in text and "# rated by us" in text
    listed = runner.invoke(app, ["sources", "list", str(path)])
    assert "ledger" in listed.output and "wire" in listed.output and "0.70" in listed.output


def test_sources_add_rejects_a_duplicate_id(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    result = runner.invoke(app, [
        "sources", "add", "--file", str(path), "--id", "ledger", "--name", "Again",
        "--kind", "files", "--path", "articles", "--publisher", "X"])
    assert result.exit_code == 2
    assert "ledger" in result.output
    assert path.read_text() == GOOD


def test_review_of_an_unknown_finding_is_a_clear_error(tmp_path: Path):
    from crosscheck.store import Store

    db = f"sqlite:///{tmp_path / 'x.db'}"
    Store(db).close()
    result = runner.invoke(app, ["review", "nope", "--verdict", "dismissed", "--db", db])
    assert result.exit_code == 2
    assert "no finding 'nope'" in result.output
    result = runner.invoke(app, ["review", "nope", "--verdict", "maybe", "--db", db])
    assert result.exit_code == 2 and "confirmed" in result.output


@pytest.mark.parametrize("module", ["prefect", "great_expectations"])
def test_cli_start_up_does_not_import_heavy_libraries(module: str):
    code = f"import sys, crosscheck.cli; print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_sources_add_html_source_with_options(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    result = runner.invoke(app, [
        "sources", "add", "--file", str(path), "--id", "pages", "--name", "Pages",
        "--kind", "html", "--urls", "https://p.example/a1", "--urls", "https://p.example/a2",
        "--publisher", "Pages Ltd", "--max-articles", "5", "--timeout", "7.5",
        "--exclude", r"/video/", "--disabled"])
    assert result.exit_code == 0, result.output
    from crosscheck.config import load_sources

    added = load_sources(path).get("pages")
    assert added is not None and not added.enabled
    assert list(added.urls) == ["https://p.example/a1", "https://p.example/a2"]
    assert (added.max_articles, added.timeout, list(added.exclude)) == (5, 7.5, ["/video/"])


def test_serve_without_a_prefect_server_is_a_clear_error(tmp_path: Path):
    # A subprocess with its own Prefect home: the session's test server must not be visible.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    code = ("from crosscheck.cli import app; "
            f"app(['serve', '--sources', {str(REPO / 'sources.yaml')!r}])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 2
    assert "PREFECT_API_URL" in out.stderr


def test_serve_rejects_a_bad_timezone():
    result = runner.invoke(app, ["serve", "--sources", str(REPO / "sources.yaml"),
                                 "--timezone", "Mars/Olympus"])
    assert result.exit_code == 2 and "--timezone: 'Mars/Olympus' is not an IANA" in result.output


def test_run_with_an_unknown_runner_is_a_clear_error():
    result = runner.invoke(app, ["run", "--sources", str(REPO / "sources.yaml"),
                                 "--runner", "spark"])
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())  # the error box wraps lines
    assert "Invalid value for '--runner'" in said and "'spark' is not one of 'default', 'dask'" \
        in said


def test_every_option_and_argument_has_help() -> None:
    import typer.main

    def params(command: Any, path: str) -> Iterator[tuple[str, Any]]:
        for name, sub in (getattr(command, "commands", None) or {}).items():
            yield from params(sub, f"{path} {name}".strip())
        for param in command.params:
            yield path, param

    missing = [f"{path} {param.name}" for path, param in params(typer.main.get_command(app), "")
               if not getattr(param, "help", None)]
    assert missing == []


def test_the_runner_choices_are_the_flows_runners() -> None:
    from crosscheck.cli import Runner
    from crosscheck.runs import RUNNERS

    assert tuple(r.value for r in Runner) == RUNNERS
