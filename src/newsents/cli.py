"""The ``newsents`` command line: process folders of articles, evaluate models, re-link, build graphs,
write the offline explorer (``newsents view``).

Exit status: 0 when every readable article was processed, 1 when some inputs failed (listed in
``errors.jsonl``), 2 on usage errors (missing input, unusable output folder, unknown model), 74 when
the output could not be written (a full disk; ``--resume`` continues), 130 after Ctrl-C, 143 after SIGTERM.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="German news: entities, name variants, claims and co-mention graphs.")
console = Console(stderr=True)
#: Exit status of a run whose output could not be written (ENOSPC, EFBIG, EIO; sysexits' EX_IOERR).
EXIT_WRITE_FAILED = 74


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    if quiet:  # Dask's scheduler, nannies and workers log INFO lines and a shutdown traceback
        # importing distributed resets its loggers from Dask's config: quiet there too (and in its workers)
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
        for name in ("distributed", "tornado", "asyncio"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@app.command()
def process(
    inputs: list[Path] = typer.Argument(..., help="Files or folders: .txt, .json, .jsonl, .html"),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder"),
    model: str = typer.Option("auto", help="Pipeline name or path; auto: $NEWSENTS_MODEL, de_core_news_lg, shipped"),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes for spaCy"),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Texts per batch (also bounded by characters)"),
    resume: bool = typer.Option(False, "--resume", metavar="", help="Continue an interrupted run in OUT"),
    overwrite: bool = typer.Option(False, "--overwrite", metavar="", help="Replace existing output in OUT"),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Alias table (CSV) for entity linking"),
    engine: str = typer.Option("local", help="local (this machine, --n-process) or dask"),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler (tcp://host:8786); default: a LocalCluster"),
    partition_size: int = typer.Option(64, "--partition-size", min=1, help="Input files per Dask partition"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, or parquet (also writes DIR/parquet/ tables)"),
    max_chars: int = typer.Option(2_000_000, "--max-chars", min=1000,
                                  help="Longer articles are cut at a paragraph boundary before this many characters "
                                       "(the cut is recorded in the article's 'removed')"),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", help="No progress bar, summary or INFO logs"),
) -> None:
    """Analyse articles into OUT: articles.jsonl, entities.jsonl, graph.graphml, errors.jsonl, manifest.json."""
    from .io.output import FolderLocked, OutputError
    from .linking.linker import AliasTableError
    from .pipeline.model import ModelNotFoundError
    from .runtime.runner import FORMATS, RunOptions

    _setup_logging(quiet)
    if resume and overwrite:
        _fail("--resume and --overwrite exclude each other")
    if fmt not in FORMATS:
        _fail(f"--format must be {' or '.join(FORMATS)}, not {fmt!r}")
    runner, unreachable = _engine(engine)
    options = RunOptions(inputs, out, model=model, n_process=n_process, batch_size=batch_size, max_chars=max_chars,
                         resume=resume, overwrite=overwrite, aliases=aliases, fmt=fmt, quiet=quiet,
                         scheduler=scheduler, partition_size=partition_size)
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"input does not exist: {', '.join(missing)}")
    show = not quiet and console.is_terminal
    from .runtime.signals import EXIT_TERMINATED, Terminated, sigterm_stops_run

    try:
        with sigterm_stops_run():
            summary = _run_with_progress(options, runner, show)
    except (OutputError, FolderLocked, ModelNotFoundError, FileNotFoundError, AliasTableError, *unreachable) as err:
        _fail(str(err))
    except OSError as err:  # the output cannot be written (a full disk): what is finished stays, resumable
        where = f" ({err.filename})" if err.filename else ""
        _fail(f"cannot write the output{where}: {err.strerror or err}; what is finished is kept in {out}: "
              f"free space and continue with --resume", EXIT_WRITE_FAILED)
    except (Terminated, KeyboardInterrupt) as err:
        code = EXIT_TERMINATED if isinstance(err, Terminated) else 130
        console.print(f"[bold yellow]stopped[/] ({'SIGTERM' if code == EXIT_TERMINATED else 'interrupted'}): "
                      f"what is finished is in {out}; continue with --resume")
        raise typer.Exit(code) from None
    if not quiet:
        _print_summary(summary, out)
    raise typer.Exit(0 if summary.ok else 1)


def _engine(name: str):
    """The engine called ``name`` and the errors that mean its scheduler is unreachable."""
    if name not in ("local", "dask"):
        _fail(f"--engine must be local or dask, not {name!r}")
    if name == "local":
        from .runtime.batch import LocalEngine

        return LocalEngine(), ()
    try:
        from .runtime.distributed import DaskEngine, SchedulerUnreachable
    except ImportError as err:
        _fail(f"--engine dask needs Dask: pip install 'newsents[dask]' ({err})")
    return DaskEngine(), (SchedulerUnreachable,)


def _run_with_progress(options, engine, show: bool):
    """Run ``options`` on ``engine``, with a progress bar on a terminal."""
    from .runtime.runner import execute

    if not show:
        return execute(options, engine)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(bar_width=None), TextColumn("{task.completed} articles"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("processing", total=None, rate="")

        def tick(n: int) -> None:
            bar.advance(task, n)
            t = bar.tasks[0]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f}/s")

        return execute(options, engine, progress=tick)


def _print_summary(summary, out: Path) -> None:
    table = Table(title=f"newsents process -> {out}", show_header=False)
    for key, value in (("articles", summary.articles + summary.resumed), ("  new in this run", summary.articles),
                       ("entities", summary.entities), ("mentions", summary.mentions),
                       ("claims", summary.claims), ("skipped (not articles)", summary.skipped),
                       ("failed (see errors.jsonl)", summary.failed), ("time", f"{summary.seconds:.1f} s")):
        table.add_row(key, str(value))
    Console().print(table)


@app.command("evaluate-ner")
def evaluate_ner_cmd(
    model: str = typer.Option("auto", help="Pipeline name or path"),
    split: str = typer.Option("test", help="GermEval 2014 split: dev or test"),
    data: Optional[Path] = typer.Option(None, help="Folder holding germeval2014/ (default ../shared/data)"),
    limit: int = typer.Option(0, help="Score only the first N sentences"),
    kb: bool = typer.Option(False, "--kb", help="Score with the knowledge-base ruler (newsents_kb) after the NER"),
) -> None:
    """Score a pipeline on GermEval 2014: outer PER/LOC/ORG/MISC, exact spans, micro and per label."""
    from .evaluation.data import DataNotFound, find_data
    from .evaluation.ner_ud import evaluate_ner, with_kb_ruler
    from .pipeline.model import ModelNotFoundError, load

    _setup_logging(True)
    try:
        folder = find_data(data, "germeval2014")
        nlp = load(model, components=False)
        if kb:
            with_kb_ruler(nlp)
        result = evaluate_ner(nlp, folder, split, limit)
    except (ModelNotFoundError, DataNotFound) as err:
        _fail(str(err))
    result["model"] = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    result["kb_ruler"] = kb
    typer.echo(json.dumps(result, indent=2))


@app.command("evaluate-ud")
def evaluate_ud_cmd(
    model: str = typer.Option("auto", help="Pipeline name or path"),
    treebank: str = typer.Option("gsd-test", help="gsd-dev, gsd-test or pud-test"),
    data: Optional[Path] = typer.Option(None, help="Folder holding ud_german_* (default ../shared/data)"),
) -> None:
    """Score sentence boundaries, lemmas and verb mood (Mood=Sub) on UD German."""
    from .evaluation.data import DataNotFound, find_data
    from .evaluation.ner_ud import evaluate_ud
    from .pipeline.model import ModelNotFoundError, load

    _setup_logging(True)
    try:
        folder = find_data(data, "ud_german_pud" if treebank.startswith("pud") else "ud_german_gsd")
        nlp = load(model, components=False)
        result = evaluate_ud(nlp, treebank, folder)
    except (ModelNotFoundError, DataNotFound) as err:
        _fail(str(err))
    typer.echo(json.dumps(result, indent=2))


@app.command()
def link(
    out_dir: Path = typer.Argument(..., help="Output folder of `newsents process`"),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Alias table (CSV: name,label,aliases,qid)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", help="Print nothing but errors"),
) -> None:
    """Re-link entities in an existing output (e.g. after editing the alias table); no NLP is re-run."""
    from .io.lock import FolderLock, FolderLocked
    from .linking.linker import AliasTableError
    from .runtime.batch import finalize

    _setup_logging(quiet)
    if not (out_dir / "articles.jsonl").exists():
        _fail(f"{out_dir} holds no articles.jsonl (run `newsents process` first)")
    if aliases is not None and not aliases.is_file():
        _fail(f"alias table {aliases} does not exist")
    try:
        with FolderLock(out_dir):
            n = finalize(out_dir, aliases=aliases)
    except (AliasTableError, FolderLocked) as err:
        _fail(str(err))
    if not quiet:
        typer.echo(f"{n} entities -> {out_dir / 'entities.jsonl'}")


@app.command()
def graph(
    out_dir: Path = typer.Argument(..., help="Output folder of `newsents process`"),
    level: str = typer.Option("article", help="article, sentence or paragraph"),
    min_weight: int = typer.Option(1, "--min-weight", min=1, help="Keep edges with at least this weight"),
    labels: Optional[str] = typer.Option(None, help="Comma-separated labels, e.g. PER,ORG"),
    fmt: str = typer.Option("graphml", "--format", help="graphml, gexf, json or csv"),
    out: Optional[Path] = typer.Option(None, "--out", help="Output file (default OUT_DIR/graph_<level>.<format>)"),
    date_from: Optional[str] = typer.Option(None, "--date-from", help="Only articles from this day on (YYYY-MM-DD)"),
    date_to: Optional[str] = typer.Option(None, "--date-to", help="Only articles on or before this day (YYYY-MM-DD)"),
) -> None:
    """Build the co-mention graph from an existing output without re-running NLP."""
    from .graph import GraphFilter, graph_from_output

    _setup_logging(True)
    if level not in ("article", "sentence", "paragraph"):
        _fail(f"--level must be article, sentence or paragraph, not {level!r}")
    if fmt not in ("graphml", "gexf", "json", "csv"):
        _fail(f"--format must be graphml, gexf, json or csv, not {fmt!r}")
    if not (out_dir / "articles.jsonl").exists():
        _fail(f"{out_dir} holds no articles.jsonl (run `newsents process` first)")
    for name, value in (("--date-from", date_from), ("--date-to", date_to)):
        if value is not None and not _is_day(value):
            _fail(f"{name} must be a day as YYYY-MM-DD, not {value!r}")
    filters = GraphFilter(level=level, labels=labels, min_weight=min_weight, date_from=date_from, date_to=date_to)
    path = graph_from_output(out_dir, filters, fmt=fmt, out_path=out)
    typer.echo(str(path))


def _is_day(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) == 10


@app.command("evaluate-claims")
def evaluate_claims_cmd(
    model: Optional[str] = typer.Option(None, help="Pipeline name or path (default: shipped model)"),
    split: str = typer.Option("test", help="german_news_quotation_2024 split: dev or test"),
    data: Optional[Path] = typer.Option(None, help="The german_news_quotation_2024 folder (default: shared/data)"),
    which: str = typer.Option("quotation", "--set", help="quotation (GermEval 2023 scoring and the resolution "
                              "figure), speakers (newsents' own resolution set) or all"),
    anonymous_speakers: str = typer.Option("keep", help="keep or drop anonymous speakers"),
    errors: bool = typer.Option(False, "--errors", help="List the speakers resolved wrongly (speakers set)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Score claims (message, speaker, type, speaker resolution) on German news quotations and on
    newsents' own speakers set."""
    from .evaluation.claims import main as claims_main

    argv = ["--split", split, "--set", which, "--anonymous-speakers", anonymous_speakers]
    if model:
        argv += ["--model", model]
    if data:
        argv += ["--data", str(data)]
    argv += ["--errors"] if errors else []
    argv += ["--json"] if as_json else []
    raise typer.Exit(claims_main(argv) or 0)


@app.command("evaluate-entities")
def evaluate_entities_cmd(
    model: str = typer.Option("auto", help="Pipeline name or path"),
    split: str = typer.Option("dev", help="newsents' own news set: dev (for tuning) or test (for reporting)"),
    kb: bool = typer.Option(True, "--kb/--no-kb", help="With the knowledge-base ruler (newsents_kb) or without"),
    errors: bool = typer.Option(False, "--errors", help="List missed and spurious mentions per article"),
) -> None:
    """Score entity mentions (P/R/F1 per label) and agency credits on newsents' own news set."""
    from .evaluation.entities import evaluate_entities
    from .pipeline.model import ModelNotFoundError, load

    _setup_logging(True)
    if split not in ("dev", "test"):
        _fail(f"--split must be dev or test, not {split!r}")
    try:
        nlp = load(model)
    except ModelNotFoundError as err:
        _fail(str(err))
    if not kb and "newsents_kb" in nlp.pipe_names:
        nlp.remove_pipe("newsents_kb")
    result = evaluate_entities(nlp, split, errors=errors)
    result["pipeline"] = nlp.pipe_names
    typer.echo(json.dumps(result, indent=2, ensure_ascii=False))


@app.command("kb")
def kb_cmd(
    path: Optional[Path] = typer.Option(None, "--path", help="Folder of knowledge-base *.tsv files (default shipped)"),
    lookup: Optional[list[str]] = typer.Option(None, "--lookup", help="Look names up instead (repeatable)"),
    as_json: bool = typer.Option(False, "--json", help="Coverage counts as JSON"),
) -> None:
    """Validate the knowledge base and print its coverage (or look names up in it)."""
    from .knowledge.kb import KBError, KnowledgeBase, coverage_report

    try:
        base = KnowledgeBase.from_dir(path)
    except KBError as err:
        _fail(str(err), code=1)
    if lookup:
        found = {name: [{"id": e.id, "label": e.label, "kind": e.kind, "name": e.name, "qid": e.qid or None,
                         "ambiguous": name in e.ambiguous} for e in base.lookup(name)] for name in lookup}
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
    elif as_json:
        typer.echo(json.dumps({"entities": len(base), **base.coverage()}, indent=2, ensure_ascii=False))
    else:
        typer.echo(coverage_report(base))


@app.command()
def view(
    out_dir: Path = typer.Argument(..., help="Output folder of `newsents process`"),
    html: Optional[Path] = typer.Option(None, "--html", help="Page to write (default OUT_DIR/explorer.html)"),
    level: str = typer.Option("article", help="Co-mentions per article, sentence or paragraph"),
    min_weight: int = typer.Option(1, "--min-weight", min=1, help="Least co-mentions of an edge"),
    top: int = typer.Option(300, "--top", min=1, help="Entities in the graph (most mentioned)"),
    max_mb: float = typer.Option(4.5, "--max-mb", min=0.1, help="Page size that article texts are fitted into"),
) -> None:
    """Write one self-contained HTML explorer (graph, entities, claims, articles) that opens offline."""
    from .explorer import ExplorerInputError, write_html

    try:
        path = write_html(out_dir, html, level=level, min_weight=min_weight, top=top, max_mb=max_mb)
    except ExplorerInputError as e:
        _fail(str(e))
    typer.echo(str(path))


@app.command()
def info(model: str = typer.Option("auto", help="Pipeline name or path")) -> None:
    """Show which pipeline ``newsents.load`` picks and what it contains."""
    from .pipeline.model import ModelNotFoundError, load

    _setup_logging(True)
    try:
        nlp = load(model)
    except ModelNotFoundError as err:
        _fail(str(err))
    meta = nlp.meta
    typer.echo(json.dumps({"model": f"{meta.get('lang')}_{meta.get('name')}", "version": meta.get("version"),
                           "source": meta.get("newsents", {}).get("source"), "pipeline": nlp.pipe_names},
                          indent=2))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
