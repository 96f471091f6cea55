"""Many reports in one run: the per-report jobs of `build` and `validate`, and their summary.

Each job turns one report into an `Outcome` — plain data that can travel back from a worker
process — and never raises in a batch: an unreadable file or an internal error becomes that
report's failure, and the others go on. A single report keeps the old behaviour: its
exceptions reach the command line (an unreadable file is a usage error there).
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from gencli.base import oserrors
from gencli.checking.diagnostics import ERROR, Diagnostic
from gencli.loading.sources import Source
from gencli.operations.parallel import ordered_map

T = TypeVar("T")  # what a job returns: an Outcome, or aggregate's Read


@dataclass
class Outcome:
    """What became of one report. A failure that is not a finding in the report (it could not
    be read, or gencli failed on it) is an error at 1:1, with the traceback in `detail`."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    failed: bool = False
    detail: str = ""
    pending: dict[str, bytes] = field(default_factory=dict)  # --to pdf: written after the PDFs
    pdf_target: str = ""
    pdf_source: bytes = b""


@dataclass(frozen=True)
class BuildTask:
    source: Source
    out: Path | None
    formats: tuple[str, ...]
    templates: Path | None = None
    guarded: bool = True
    strict: bool = False


@dataclass(frozen=True)
class CheckTask:
    path: Path
    previous: dict | None = None
    strict: bool = False
    guarded: bool = True


def contained(path: Path, guarded: bool, work: Callable[[], Outcome]) -> Outcome:
    """Run one report's work; in a batch (`guarded`) its failure becomes its Outcome instead
    of stopping the others (import's jobs use it too)."""
    if not guarded:
        return work()
    try:
        return work()
    except OSError as error:
        return _failure(path, f"无法读取 {path}：{oserrors.chinese(error)}")
    except Exception as error:  # noqa: BLE001 - one report's crash must not stop the others
        return _failure(
            path, f"gencli 内部错误：{type(error).__name__}: {error}", traceback.format_exc()
        )


def _failure(path: Path, message: str, detail: str = "") -> Outcome:
    return Outcome(
        str(path), [Diagnostic(str(path), 1, 1, ERROR, message)], failed=True, detail=detail
    )


def build_job(task: BuildTask) -> Outcome:
    """Check and build one report (see `build.build_file`)."""

    def work() -> Outcome:
        from gencli.operations import build

        path = task.source.path
        built = build.build_file(
            path, task.source.outdir(task.out), list(task.formats), task.templates, task.strict
        )
        return Outcome(
            str(path),
            built.checked.diagnostics,
            [str(p) for p in built.written],
            failed=not built.ok,
            pending={str(p): data for p, data in built.pending.items()},
            pdf_target=str(built.pdf[0]) if built.pdf else "",
            pdf_source=built.pdf[1] if built.pdf else b"",
        )

    return contained(task.source.path, task.guarded, work)


def check_job(task: CheckTask) -> Outcome:
    """Check one report (see `validation.check_file`)."""

    def work() -> Outcome:
        from gencli.checking import validation

        checked = validation.check_file(task.path, previous=task.previous)
        failed = bool(checked.errors or (task.strict and checked.warnings))
        return Outcome(str(task.path), checked.diagnostics, failed=failed)

    return contained(task.path, task.guarded, work)


class _Progress:
    """A progress bar on stderr when a person is watching (a terminal), otherwise nothing."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = None
        if total > 1 and sys.stderr.isatty():
            import click

            self.bar = click.progressbar(
                length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True
            )
            self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def run(
    job: Callable[[Any], T], tasks: Sequence, jobs: int, label: str, show: Callable[[T], None]
) -> tuple[list[T], float]:
    """Every task's outcome in order, and the seconds taken. `show` prints each outcome: as it
    comes, or after the run while a progress bar holds the terminal."""
    start = time.perf_counter()
    progress = _Progress(len(tasks), label)
    outcomes: list[T] = []
    try:
        for outcome in ordered_map(job, tasks, jobs):
            outcomes.append(outcome)
            progress.advance()
            if progress.bar is None:
                show(outcome)
    finally:
        progress.close()
    if progress.bar is not None:
        for outcome in outcomes:
            show(outcome)
    return outcomes, time.perf_counter() - start


def timing(outcomes: list[Outcome], seconds: float, jobs: int) -> str:
    """How long the run took and how: 用时 0.52 秒（2 个进程并行）."""
    workers = min(jobs, len(outcomes))
    how = f"{workers} 个进程并行" if workers > 1 else "单进程"
    return f"用时 {seconds:.2f} 秒（{how}）"


def failures(outcomes: list[Outcome], undone: str, debug: bool = False) -> list[str]:
    """The reports that failed, each named once with how many findings stopped it: its errors
    are already listed above the summary, so they are counted here, not printed again."""
    failed = [outcome for outcome in outcomes if outcome.failed]
    if not failed:
        return []
    lines = [f"{undone}的报告："]
    for outcome in failed:
        errors = sum(1 for d in outcome.diagnostics if d.is_error)
        counted = f"错误 {errors} 处" if errors else f"警告 {len(outcome.diagnostics)} 处"
        lines.append(f"  {outcome.path}（{counted}）")
        if debug and outcome.detail:
            lines.extend("    " + line for line in outcome.detail.rstrip().split("\n"))
    return lines
