"""Great-expectations gates on the claims and findings tables (GX 1.x, ephemeral context).

A failed expectation does not stop the run: it is recorded in the run record and shown in the
report, naming the suite, the expectation and the column. great_expectations is imported
lazily here: it costs about 3 s, and the CLI's start-up path must not pay it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pandas as pd

from crosscheck.models import CHANGES, FINDING_KINDS, QUALIFIERS, SEVERITIES, UNIT_KINDS
from crosscheck.report.model import GateResult

CLAIM_COLUMNS = ("id", "article_id", "source_id", "sentence", "low", "high", "unit",
                 "unit_kind", "qualifier", "change")
FINDING_COLUMNS = ("id", "kind", "severity", "explanation", "n_claims", "independent_origins")


def claims_expectations(known_source_ids: Iterable[str]) -> list[Any]:
    """The claims suite: intervals ordered, known sources and vocabularies, real sentences."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnValuesToBeUnique(column="id"),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="high", column_B="low",
                                                    or_equal=True),
        gxe.ExpectColumnValuesToBeInSet(column="source_id", value_set=sorted(known_source_ids)),
        gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=list(QUALIFIERS)),
        gxe.ExpectColumnValuesToBeInSet(column="unit_kind", value_set=list(UNIT_KINDS)),
        gxe.ExpectColumnValuesToBeInSet(column="change", value_set=list(CHANGES)),
        gxe.ExpectColumnValueLengthsToBeBetween(column="sentence", min_value=1),
    ]


def findings_expectations() -> list[Any]:
    """The findings suite: known kinds and severities, an explanation, claims behind each."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnValuesToBeUnique(column="id"),
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=list(FINDING_KINDS)),
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=list(SEVERITIES)),
        gxe.ExpectColumnValueLengthsToBeBetween(column="explanation", min_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="n_claims", min_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="independent_origins", min_value=0),
    ]


def gate_context() -> Any:
    """An ephemeral great-expectations context, quiet: one serves every suite of a run."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    # Progress bars would flood the CLI and the Prefect logs with one line per metric.
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return ctx


def validate(suite_name: str, df: pd.DataFrame, expectations: list[Any],
             ctx: Any = None) -> list[GateResult]:
    """Run one suite over a DataFrame and return a result per expectation."""
    import great_expectations as gx

    ctx = ctx or gate_context()
    batch = (ctx.data_sources.add_pandas(f"{suite_name}_source")
             .add_dataframe_asset(suite_name).add_batch_definition_whole_dataframe("all"))
    suite = ctx.suites.add(gx.ExpectationSuite(name=suite_name))
    for expectation in expectations:
        suite.add_expectation(expectation)
    definition = ctx.validation_definitions.add(
        gx.ValidationDefinition(name=suite_name, data=batch, suite=suite))
    result = definition.run(batch_parameters={"dataframe": df}, result_format="SUMMARY")
    return sorted((_gate_result(suite_name, r) for r in result.results),
                  key=lambda g: (g.success, g.expectation, g.column))


def _gate_result(suite_name: str, r: Any) -> GateResult:
    config = r.expectation_config
    kwargs = config.kwargs
    column = kwargs.get("column") or f"{kwargs.get('column_A')} >= {kwargs.get('column_B')}"
    res = r.result or {}
    partial = res.get("partial_unexpected_list") or []
    detail = f"e.g. {partial[:3]}" if partial else ""
    if r.exception_info and r.exception_info.get("raised_exception"):
        detail = str(r.exception_info.get("exception_message"))[:300]
    return GateResult(suite=suite_name, expectation=config.type, column=str(column),
                      success=bool(r.success),
                      unexpected_count=int(res.get("unexpected_count") or 0), detail=detail)


def check_claims(df: pd.DataFrame, known_source_ids: Iterable[str],
                 ctx: Any = None) -> list[GateResult]:
    """Gate the claims table (one row per claim, CLAIM_COLUMNS at least)."""
    return validate("claims", _with_columns(df, CLAIM_COLUMNS),
                    claims_expectations(known_source_ids), ctx)


def check_findings(df: pd.DataFrame, ctx: Any = None) -> list[GateResult]:
    """Gate the findings table (one row per finding, FINDING_COLUMNS at least)."""
    return validate("findings", _with_columns(df, FINDING_COLUMNS), findings_expectations(), ctx)


def check_run(claims_df: pd.DataFrame, findings_df: pd.DataFrame,
              known_source_ids: Iterable[str]) -> list[GateResult]:
    """Both suites of one run in one great-expectations context."""
    ctx = gate_context()
    return check_claims(claims_df, known_source_ids, ctx) + check_findings(findings_df, ctx)


def _with_columns(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """An empty run still has the columns, so every expectation can be evaluated."""
    missing = [c for c in columns if c not in df.columns]
    if not missing:
        return df
    return df.assign(**{c: pd.Series(dtype="object") for c in missing})
