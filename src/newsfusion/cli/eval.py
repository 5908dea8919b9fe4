"""``newsfusion eval``: newsfusion scored on public benchmarks, next to published results."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import emit_json, main


@main.command("eval")
@click.argument("name", type=click.Choice(["muc4", "wikievents", "polnear", "ecbplus", "re3d", "devset", "seeds", "all"]))
@click.option("--split", type=click.Choice(["train", "dev", "test", "all", "gold"]), default=None,
              help="Split to score [default: the benchmark's reporting split, usually test].")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding the benchmarks [default: $NEWSFUSION_BENCHMARKS or ../shared/benchmarks].")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N documents (smoke runs).")
@click.option("--json", "as_json", is_flag=True, help="Print the result records as JSON.")
@click.option("--readme", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Also rewrite the results block of this README (between its results markers).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the markdown results table to FILE (e.g. docs/results.md).")
@click.option("--results", "results_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the JSON records [default: results/ in the project root].")
@click.option("--no-references", is_flag=True, help="Do not re-score the reference systems' stored predictions.")
def eval_cmd(name: str, split: str | None, data: Path | None, limit: int | None, as_json: bool,
             report: Path | None, results_dir: Path | None, no_references: bool, readme: Path | None) -> None:
    """Score newsfusion on a benchmark in its own metric, next to published results.

    Each benchmark reads its data from ../shared/benchmarks/<name>/ (or
    --data), prints precision, recall and F1, and writes a JSON record to
    results/<name>_<split>.json. 'all' runs every benchmark on its reporting
    split (or on --split where the benchmark has it), sharing one pipeline. A
    benchmark whose data are absent is skipped with a message.

    \b
    Examples:
      newsfusion eval muc4 --split dev --limit 20
      newsfusion eval ecbplus --json
      newsfusion eval all --report docs/results.md
    """
    from ..eval import BENCHMARKS, EvalContext, default_data_dir, default_results_dir, run_benchmark
    from ..eval.base import now_utc
    from ..eval.report import markdown_report, text_summary, write_record

    from ..eval import benchmark

    names = list(BENCHMARKS) if name == "all" else [name]
    ctx = EvalContext(data=data or default_data_dir(), split=split, limit=limit, references=not no_references)
    out_dir = results_dir or default_results_dir()
    results = []
    for n in names:
        if name == "all":  # a split a benchmark lacks falls back to its reporting split
            ctx.split = split if split in benchmark(n).SPLITS else None
        res = run_benchmark(n, ctx)
        results.append(res)
        if not res.skipped:
            write_record(res, out_dir)
        if not as_json:
            click.echo(text_summary(res))
    if as_json:
        recs = [r.as_record() for r in results]
        emit_json(recs[0] if len(recs) == 1 else recs)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(markdown_report(results, now_utc()), encoding="utf-8")
        if not as_json:
            click.echo(f"report written to {report}")
    if readme is not None:
        from ..eval.report import update_readme

        if update_readme(readme, results, now_utc()) and not as_json:
            click.echo(f"results table written to {readme}")
    if all(r.skipped for r in results):
        sys.exit(1)
