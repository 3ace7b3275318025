"""Task retries in the nightly flow: transient errors are retried, the rest fail at once."""

from __future__ import annotations

import pytest
from prefect import flow, task

from crosscheck.errors import ConfigError, TransientError
from flows.nightly import TASK

ATTEMPTS: list[str] = []


def _flaky(error: Exception, failures: int) -> str:
    ATTEMPTS.append(type(error).__name__)
    if len(ATTEMPTS) <= failures:
        raise error
    return "done"


def _run_flaky(error: Exception, failures: int):
    """Run a task with the nightly flow's options (no delay) that fails `failures` times."""
    flaky = task(**{**TASK, "retry_delay_seconds": 0})(_flaky)

    @flow
    def one() -> str:
        return flaky(error, failures)

    ATTEMPTS.clear()
    return one(return_state=True)


def test_a_transient_error_is_retried_until_it_passes(prefect_harness):
    state = _run_flaky(TransientError("https://x.example/feed: HTTP 503; retry later"), 2)
    assert state.is_completed() and state.result() == "done"
    assert ATTEMPTS == ["TransientError"] * 3


def test_retries_give_up_after_the_configured_count(prefect_harness):
    state = _run_flaky(TransientError("https://x.example/feed: timed out"), 5)
    assert state.is_failed() and "timed out" in state.message
    assert len(ATTEMPTS) == 1 + TASK["retries"]


@pytest.mark.parametrize("error", [ConfigError("sources.yaml: bad"), KeyError("bug")])
def test_other_errors_are_not_retried(prefect_harness, error):
    state = _run_flaky(error, 1)
    assert state.is_failed()
    assert ATTEMPTS == [type(error).__name__]
