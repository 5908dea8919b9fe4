"""``newsfusion ingest`` and ``newsfusion rebuild``: fill the knowledge base."""

from __future__ import annotations

import signal
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

import click

from ..errors import NewsfusionError
from .common import db_option, main
from .output import console, echo_err, open_kb

if TYPE_CHECKING:  # the store is imported when a command runs, not for --help
    from ..kb import IngestReport, Progress

# Print the duplicates one by one up to this many, then a count.
MAX_DUPLICATE_LINES = 10
# Without a terminal, print a plain progress line on runs at least this long.
PLAIN_PROGRESS_MIN = 100


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ..kb import check_date

    try:
        return check_date(value)
    except NewsfusionError as e:
        raise click.BadParameter(f"{e.message} ({e.fix})") from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="DATE", callback=_date, help="Publication date (YYYY-MM-DD) for every article read.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every article read.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes for the document stages (one writer stores the results in input order).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the document stages run: this machine's processes, or Ray tasks (extra newsfusion[ray]).")
@click.option("--ray-address", metavar="ADDRESS", help="Ray cluster to use with --engine ray (default: start a local Ray with --workers CPUs).")
@db_option
def ingest(paths: tuple[str, ...], published: str | None, outlet: str | None, db: str, workers: int = 1,
           engine: str = "local", ray_address: str | None = None) -> None:
    """Read articles into the knowledge base.

    PATHS are files, folders (read recursively) or - for stdin: plain text,
    HTML, JSON/JSONL records and RSS/Atom feeds. Inputs are read a batch at a
    time and each batch is stored in one transaction, so an interrupted run
    keeps every batch it finished; content already stored is skipped and
    reported as such. Afterwards the
    corpus steps (entity resolution, event fusion, contradictions, grades)
    run over everything stored.

    Exits 0 when something was ingested or everything was already stored,
    1 when nothing could be ingested, 130 when interrupted.

    \b
    Example:
      newsfusion ingest examples/articles/
      newsfusion ingest --workers 2 examples/articles/
      newsfusion ingest --engine ray --workers 2 examples/articles/
      newsfusion ingest --published 2024-03-15 --outlet "Sahel Post" report.txt
      cat article.txt | newsfusion ingest -
    """
    from ..kb import IngestInterrupted

    kb = open_kb(db, create=True)
    try:
        with _sigterm_as_interrupt(), _progress() as progress:
            report = kb.ingest(list(paths), published=published, outlet=outlet, progress=progress, workers=workers,
                                engine=engine, ray_address=ray_address)
    except IngestInterrupted as e:
        _report(e.report)
        echo_err(f"interrupted: the {len(e.report.added)} articles stored before it are kept; run the same command again to finish")
        sys.exit(130)
    finally:
        kb.close()
    _report(report)
    sys.exit(0 if report.ok else 1)


def _report(report: IngestReport) -> None:
    """One line per problem on stderr, the summary on stdout."""
    for err in report.failed:
        echo_err(str(err))
    for err in report.skipped:
        echo_err(f"warning: {err}")
    for label, doc_id in report.duplicates[:MAX_DUPLICATE_LINES]:
        echo_err(f"{label}: already stored as {doc_id} (nothing to do)")
    if len(report.duplicates) > MAX_DUPLICATE_LINES:
        echo_err(f"... and {len(report.duplicates) - MAX_DUPLICATE_LINES} more already stored")
    for w in report.warnings:
        echo_err(f"warning: {w}")
    click.echo(report.summary())


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (kill) stops an ingest as cleanly as Ctrl-C does."""

    def handler(signum, frame):  # pragma: no cover - exercised in a subprocess test
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextmanager
def _progress() -> Iterator[Progress]:
    """A rich progress bar on a terminal; plain lines on long runs without one; else nothing."""
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        bar = Bar(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=console(stderr=True), transient=True)
        task = bar.add_task("ingest", total=None, rate="")
        t0 = time.perf_counter()

        def update(done: int, total: int | None) -> None:
            elapsed = time.perf_counter() - t0
            rate = f"{done / elapsed:.1f} articles/s" if done and elapsed > 0 else ""
            bar.update(task, completed=done, total=total, rate=rate)

        with bar:
            yield update
        return
    yield _plain_progress()


def _plain_progress() -> Progress:
    t0 = time.perf_counter()
    last = [-1]

    def update(done: int, total: int | None) -> None:
        if done == 0 or (total is not None and total < PLAIN_PROGRESS_MIN):
            return
        if total is None:  # not known before reading (records, feeds, stdin): a line every 100
            step, before = PLAIN_PROGRESS_MIN, max(last[0], 0)
        else:
            step, before = max(1, total // 10), last[0]
        if done // step != before // step or done == total:
            last[0] = done
            rate = done / max(time.perf_counter() - t0, 1e-9)
            of = f"/{total}" if total is not None else ""
            click.echo(f"newsfusion: {done}{of} articles ({rate:.1f} articles/s)", err=True)

    return update


@main.command()
@db_option
def rebuild(db: str) -> None:
    """Re-run the corpus steps over every stored article.

    Entity resolution, event fusion, contradictions and grades are rebuilt
    from the stored documents, the analyst's merge/split decisions and the
    source ratings. ``ingest`` does this by itself; use rebuild after
    upgrading newsfusion or when ``status`` says the knowledge base is stale.

    \b
    Example:
      newsfusion rebuild --db newsfusion.db
    """
    kb = open_kb(db)
    try:
        warnings = kb.rebuild(incremental=False)  # the full corpus steps: after an upgrade, every decision again
        for w in warnings:
            echo_err(f"warning: {w}")
        st = kb.status()
    finally:
        kb.close()
    c = st.counts
    click.echo(f"rebuilt: {c['entities']} entities, {c['events']} events, {c['contradictions']} contradictions, {c['grades']} grades from {c['documents']} documents")
