"""Every name in crosscheck.__all__ resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import crosscheck


def test_every_public_name_resolves():
    for name in crosscheck.__all__:
        assert getattr(crosscheck, name) is not None, name


def test_importing_the_package_loads_no_heavy_library():
    code = ("import sys, crosscheck; heavy = ['pandas', 'sqlalchemy', 'prefect', "
            "'great_expectations', 'pydantic']; print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
