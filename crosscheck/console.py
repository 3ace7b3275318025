"""What `crosscheck run` shows on the terminal: a line per stage, and libraries' logs kept out.

Stage progress arrives as records on the `crosscheck.progress` logger (crosscheck.progress);
`ProgressLines` prints one plain line per finished stage, `RichProgress` draws a live display
when the output is a terminal. `LogRouting` sends everything else that is logged (Prefect,
great-expectations, warnings) to the run's log file, and off the terminal unless asked.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import IO, Any

from crosscheck import progress

STAGE_WIDTH = 15  # the longest stage name, "store results", plus two spaces
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def stage_line(event: progress.StageEvent) -> str:
    """'  ingest          15 articles, 15 new or changed  0.3 s': one finished stage."""
    counts = progress.describe(event.counts)
    seconds = f"{event.seconds:.1f} s" if event.seconds is not None else ""
    return f"  {event.stage:<{STAGE_WIDTH}} {counts}  {seconds}".rstrip()


class ProgressLines(logging.Handler):
    """One plain line per finished stage (and each note), for logs and pipes."""

    def __init__(self, stream: IO[str]):
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        """Print finished stages and notes; starts and batch advances stay silent."""
        event = progress.event_of(record)
        if event is None or event.kind in (progress.START, progress.ADVANCE):
            return
        line = stage_line(event) if event.kind == progress.END else f"  note: {event.text}"
        self.stream.write(line + "\n")
        self.stream.flush()


class RichProgress(logging.Handler):
    """A live display on a terminal: a spinner on the stage under way, a bar for batches."""

    def __init__(self, stream: IO[str]):
        super().__init__(logging.INFO)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.display = Progress(SpinnerColumn(finished_text="[green]✓"),
                                TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(file=stream))
        self.tasks: dict[str, Any] = {}
        self.display.start()

    def emit(self, record: logging.LogRecord) -> None:
        """Move the display on by one event."""
        event = progress.event_of(record)
        if event is None:
            return
        if event.kind == progress.NOTE:
            self.display.console.print(f"  note: {event.text}", markup=False, highlight=False)
        elif event.kind == progress.START:
            self.tasks[event.stage] = self.display.add_task(event.stage, total=None)
        elif event.stage in self.tasks:
            self._update(event)

    def _update(self, event: progress.StageEvent) -> None:
        """A batch done, or the stage finished with its counts."""
        task = self.tasks[event.stage]
        if event.kind == progress.ADVANCE:
            self.display.update(task, total=event.total, completed=event.done)
            return
        line = stage_line(event).strip()
        self.display.update(task, description=line, total=1, completed=1)

    def close(self) -> None:
        """Leave the finished display on the screen."""
        self.display.stop()
        super().close()


def attach_progress(stream: IO[str] | None = None) -> logging.Handler:
    """Show stage progress on `stream` (stdout): live on a terminal, plain lines otherwise."""
    stream = stream or sys.stdout
    handler: logging.Handler = RichProgress(stream) if stream.isatty() else ProgressLines(stream)
    progress.logger.addHandler(handler)
    progress.logger.setLevel(logging.INFO)
    progress.logger.propagate = False  # shown here; the log file gets it from LogRouting
    return handler


def detach_progress(handler: logging.Handler) -> None:
    """Stop showing progress; the progress logger is silent again."""
    progress.logger.removeHandler(handler)
    progress.logger.setLevel(logging.NOTSET)
    progress.logger.propagate = True
    handler.close()


class QuietFileHandler(logging.FileHandler):
    """A log file that drops what it cannot write (a full disk) instead of printing an error."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Drop the record: the run's own messages say what failed."""


class LogRouting:
    """Every log record to a file; the terminal keeps library logs only when verbose."""

    def __init__(self, log_path: Path, verbose: bool):
        self.file = QuietFileHandler(log_path, mode="a", encoding="utf-8")
        self.file.setFormatter(logging.Formatter(LOG_FORMAT))
        self.verbose = verbose
        self.removed: list[tuple[logging.Logger, logging.Handler]] = []

    def apply(self) -> None:
        """Route what is configured now (call after Prefect has set up its logging)."""
        logging.captureWarnings(True)
        for logger in _configured_loggers():
            consoles = [h for h in logger.handlers if _writes_to_terminal(h)]
            if not self.verbose:
                for handler in consoles:
                    logger.removeHandler(handler)
                    self.removed.append((logger, handler))
            if logger is logging.getLogger() or (consoles and not logger.propagate):
                logger.addHandler(self.file)
        progress.logger.addHandler(self.file)

    def restore(self) -> None:
        """Put the terminal handlers back and close the file."""
        for logger in [logging.getLogger(), progress.logger, *_configured_loggers()]:
            logger.removeHandler(self.file)
        for logger, handler in self.removed:
            logger.addHandler(handler)
        self.removed.clear()
        logging.captureWarnings(False)
        self.file.close()


def _configured_loggers() -> list[logging.Logger]:
    """The root logger and every named logger created so far."""
    named = [lg for lg in logging.Logger.manager.loggerDict.values()
             if isinstance(lg, logging.Logger)]
    return [logging.getLogger(), *named]


def _writes_to_terminal(handler: logging.Handler) -> bool:
    """True for a handler that prints to stdout or stderr (not a file)."""
    if isinstance(handler, logging.FileHandler) or not isinstance(handler,
                                                                   logging.StreamHandler):
        return False
    return handler.stream in (sys.stderr, sys.stdout, sys.__stderr__, sys.__stdout__)
