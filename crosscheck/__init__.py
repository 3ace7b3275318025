"""crosscheck: cross-check the figures news outlets publish.

The public API, loaded on first use (PEP 562) so that `crosscheck` on the command line starts
without importing pydantic, SQLAlchemy, pandas or Prefect for commands that do not need them:

    from crosscheck import load_sources, ingest_source, parse_quantities, extract_claims
    from crosscheck import find_copies, match_claims, assess, write_report, Store
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # records
    "Article": "crosscheck.models", "Claim": "crosscheck.models",
    "Finding": "crosscheck.models", "Quantity": "crosscheck.models",
    "SkipRecord": "crosscheck.models",
    # errors
    "CrosscheckError": "crosscheck.errors", "ConfigError": "crosscheck.errors",
    "IngestError": "crosscheck.errors", "TransientError": "crosscheck.errors",
    "FetchError": "crosscheck.errors",
    # stages, in order
    "load_sources": "crosscheck.config", "add_source": "crosscheck.config",
    "Source": "crosscheck.config", "SourcesConfig": "crosscheck.config",
    "ingest_source": "crosscheck.ingest", "make_client": "crosscheck.ingest",
    "parse_quantities": "crosscheck.quantities", "extract_claims": "crosscheck.claims",
    "find_copies": "crosscheck.independence", "match_claims": "crosscheck.match",
    "assess": "crosscheck.assess", "write_report": "crosscheck.report",
    "ReportInput": "crosscheck.report",
    # storage
    "Store": "crosscheck.store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
