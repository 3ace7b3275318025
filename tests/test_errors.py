"""The error tree: every error crosscheck defines is a CrosscheckError and says what it concerns."""

from __future__ import annotations

import ast
import inspect
import pickle
import re
from pathlib import Path

import pytest

from crosscheck import errors

PACKAGE = Path(errors.__file__).parent


def test_every_error_class_is_in_the_tree_and_in_the_module_docstring() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, Exception)]
    assert {c.__name__ for c in classes} == set(errors.__all__)
    for cls in classes:
        assert issubclass(cls, errors.CrosscheckError), cls
        assert cls.__name__ in (errors.__doc__ or ""), cls


@pytest.mark.parametrize("cls", [errors.FetchError, errors.StoreError, errors.ReportError])
def test_what_an_error_concerns_survives_pickling(cls: type[errors.CrosscheckError]) -> None:
    # Prefect and Dask carry a task's exception between processes by pickling it.
    exc = cls("it failed; fix it", source_id="news", url="https://example.org/a", stage="ingest",
              setting="db")
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is cls and str(back) == "it failed; fix it"
    assert (back.source_id, back.url, back.stage, back.setting) == (
        "news", "https://example.org/a", "ingest", "db")


def test_no_library_message_names_a_command_line_flag() -> None:
    # Flags belong to cli.py: it leads an error's line with the flag of the error's setting.
    flag = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    offenders = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(PACKAGE.parent / "flows").rglob("*.py")]):
        if path.name == "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Raise) and node.exc is not None:
                texts = [c.value for c in ast.walk(node.exc)
                         if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                offenders += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}" for t in texts
                              if flag.search(t)]
    assert offenders == []
