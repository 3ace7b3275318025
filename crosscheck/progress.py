"""Progress of a run, stage by stage, as records on the `crosscheck.progress` logger.

The stages announce themselves (start, batches done, end with their counts) through Python
logging, so the flow needs no reference to whoever shows them: the CLI attaches a handler that
draws one line per stage, and with no handler the records go nowhere (the logger's level is
INFO under a root that Prefect sets to WARNING).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

LOGGER_NAME = "crosscheck.progress"
logger = logging.getLogger(LOGGER_NAME)
EVENT_ATTR = "crosscheck_progress"  # the attribute of a LogRecord that carries the event

START, ADVANCE, END, NOTE = "start", "advance", "end", "note"


@dataclass(frozen=True, slots=True)
class StageEvent:
    """One step of a run: a stage began, moved on, ended (with its counts), or a note."""

    stage: str
    kind: str  # START, ADVANCE, END or NOTE
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float | None = None
    done: int | None = None  # with ADVANCE: units of work done so far, of `total`
    total: int | None = None
    text: str = ""  # with NOTE: what to tell the user


def emit(event: StageEvent) -> None:
    """Hand the event to whoever listens on the progress logger."""
    detail = event.text or describe(event.counts)
    if event.kind == ADVANCE:
        detail = f"{event.done}/{event.total}"
    logger.info("%s %s %s", event.stage, event.kind, detail, extra={EVENT_ATTR: event})


def event_of(record: logging.LogRecord) -> StageEvent | None:
    """The event a progress record carries, or None for any other record."""
    event = getattr(record, EVENT_ATTR, None)
    return event if isinstance(event, StageEvent) else None


def note(stage: str, text: str) -> None:
    """Tell the user something about the run that is not a stage's count."""
    emit(StageEvent(stage, NOTE, text=text))


def advance(stage: str, done: int, total: int) -> None:
    """`done` of `total` units of a long stage are finished."""
    emit(StageEvent(stage, ADVANCE, done=done, total=total))


# How each count reads in a progress line (one, many), in the order shown.
COUNT_WORDS = {
    "sources": ("source", "sources"), "problems": ("problem in sources.yaml",
                                                   "problems in sources.yaml"),
    "articles": ("article", "articles"), "new": ("new or changed", "new or changed"),
    "sources_ok": ("source ok", "sources ok"), "sources_failed": ("failed", "failed"),
    "claims": ("claim", "claims"), "clusters": ("cluster", "clusters"),
    "copies": ("copy", "copies"), "findings": ("finding", "findings"),
    "checks": ("check", "checks"), "check_failures": ("failed", "failed"),
    "files": ("file", "files"),
}


def describe(counts: dict[str, int]) -> str:
    """'15 articles, 15 new or changed': the counts in words, known ones first."""
    order = [k for k in COUNT_WORDS if k in counts] + sorted(set(counts) - set(COUNT_WORDS))
    return ", ".join(f"{counts[k]} {_word(k, counts[k])}" for k in order)


def _word(key: str, n: int) -> str:
    """The word for count `key`, singular for one."""
    one, many = COUNT_WORDS.get(key, (key.replace("_", " "),) * 2)
    return one if n == 1 else many
