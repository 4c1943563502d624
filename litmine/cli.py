"""Command line: thin typer wrappers around plain functions that do the work."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from litmine import __version__
from litmine.errors import LitmineError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Mine Chinese and English biomedical reviews for directional mechanism evidence.")
lexicon_app = typer.Typer(no_args_is_help=True, help="Check, count, learn and extend the lexicon files.")
app.add_typer(lexicon_app, name="lexicon")

LexiconOpt = Annotated[Optional[str], typer.Option("--lexicons", help="Lexicon folder (default: the shipped one).")]
OutOpt = Annotated[str, typer.Option("--output", "-o", help="Output file; format by extension (.csv .tsv .jsonl .parquet .sqlite), - for CSV on stdout.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .md, .pdf; folders recursively).")]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(f"litmine: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Mine Chinese and English biomedical reviews for directional mechanism evidence."""


def _report(errors: list[LitmineError]) -> int:
    """Print one line per failed input; exit status 1 when any failed."""
    for err in errors:
        typer.echo(f"litmine: {err}", err=True)
    return 1 if errors else 0


@app.command("extract")
def extract_cli(paths: PathsArg,
                output: Annotated[Optional[str], typer.Option("--output", "-o", help="Output file; format by extension (.csv .tsv .jsonl .parquet; .sqlite/.db: normalized database), - for CSV on stdout.")] = None,
                db: Annotated[Optional[str], typer.Option("--db", help="Load into a database URL, e.g. postgresql://user@host/db (needs litmine[postgres]).")] = None,
                lexicons: LexiconOpt = None,
                model: Annotated[Optional[str], typer.Option("--model", help="Model folder (default: the shipped one).")] = None,
                jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
                quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
                resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run, skipping documents it finished.")] = False,
                engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or dask (needs litmine\\[dask]; see README).")] = "local",
                scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster of --jobs workers).")] = None,
                report: Annotated[Optional[Path], typer.Option("--report", help="Also write the HTML report of the table (see `litmine report`).")] = None) -> None:
    """Evidence table: one row per directional relation.

    Each row carries its sentence, offsets, region, condition, citations and confidence.

    A failed input is reported on stderr and in OUT's errors file (OUT.errors.csv: path, stage,
    reason); the others are written and the exit status is 1.
    """
    from litmine.batch import Engine
    from litmine.engines import ENGINES
    from litmine.pipeline import Settings, extract_to_database, load_database
    from litmine.writers import writer_for

    settings = Settings(lexicons=lexicons, model=model)
    if output is None and db is None:
        fail("extract needs --output/-o FILE or --db URL")
    if report is not None and output == "-" and db is None:
        fail("--report needs the table in a file (-o FILE), not on stdout")
    if engine not in ENGINES:
        fail(f"--engine: unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        fail("--scheduler needs --engine dask")
    if engine == "dask" and (db is not None or Path(output or "").suffix.lower() in (".sqlite", ".db")):
        fail("--engine dask writes tables (.csv .tsv .jsonl .parquet); databases are loaded in this process")
    try:
        if output not in (None, "-"):
            writer_for(output)
        if db is not None:
            result = load_database(paths, db, settings)
        if output is not None and Path(output).suffix.lower() in (".sqlite", ".db"):
            result = extract_to_database(paths, output, settings)
        elif output is not None:
            journal = None if output == "-" else Path(output).with_name(f".{Path(output).name}.journal.jsonl")
            run_on = Engine(engine, jobs or os.cpu_count() or 1, scheduler)
            result = _extract_with_progress(paths, output, settings, run_on, quiet, journal, resume)
            _write_errors(output, result.error_rows)
            if journal is not None:
                journal.unlink(missing_ok=True)
        if report is not None:
            from litmine.report import report as write_html
            from litmine.table import read_table

            frame = getattr(result, "frame", None)     # streamed tables are read back from OUT
            write_html(read_table(output) if frame is None else frame, report, settings)
    except LitmineError as exc:
        fail(str(exc))
    raise typer.Exit(_report(result.errors))


def _extract_with_progress(paths: list[Path], output: str, settings, engine, quiet: bool,  # type: ignore[no-untyped-def]
                           journal: Optional[Path] = None, resume: bool = False):
    """Stream the batch to ``output``, with a progress bar (documents/s, ETA) when stderr is a terminal."""
    import time

    from litmine.batch import extract_to_file, unique_inputs

    files = unique_inputs(paths)
    if quiet or not sys.stderr.isatty():
        return extract_to_file(files, output, settings, engine, journal=journal, resume=resume)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    start = time.monotonic()
    with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extract", total=len(files), rate="")

        def tick(_: object) -> None:
            n = bar.tasks[0].completed + 1
            bar.update(task, advance=1, rate=f"{n / max(time.monotonic() - start, 1e-6):.1f} docs/s")

        return extract_to_file(files, output, settings, engine, tick, journal=journal, resume=resume)


def _write_errors(output: str, error_rows: list[dict[str, str]]) -> None:
    """``OUT.errors.csv`` next to the table (path, stage, reason); removed when all inputs were read."""
    from litmine.writers.atomic import write_lines

    if output == "-":
        return
    target = Path(str(Path(output).with_suffix("")) + ".errors.csv")
    if not error_rows:
        target.unlink(missing_ok=True)      # an errors file of an earlier run would mislead
        return
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["path", "stage", "reason"], lineterminator="\n")
    w.writeheader()
    w.writerows(error_rows)
    write_lines(buf.getvalue().splitlines(), str(target))


@app.command("classify-pairs")
def classify_pairs_cli(input: Annotated[Path, typer.Argument(help="JSONL: id, text, subj and obj spans.")],
                       output: OutOpt, lexicons: LexiconOpt = None) -> None:
    """Classify given entity pairs as up, down or none.

    Each output line is the input plus pred and score (the probability of pred).
    """
    from litmine.pipeline import Settings, classify_records
    from litmine.writers.atomic import write_lines

    try:
        records = _read_jsonl(input)
        out = classify_records(records, Settings(lexicons=lexicons))
        write_lines((json.dumps(r, ensure_ascii=False) for r in out), output)
    except LitmineError as exc:
        fail(str(exc))


def _read_jsonl(path: Path) -> list[dict]:
    """Records of a JSONL file; a bad line is an error naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LitmineError(path, f"cannot read: {exc}") from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            _ = (rec["text"], rec["subj"]["start"], rec["subj"]["end"], rec["obj"]["start"], rec["obj"]["end"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise LitmineError(f"{path}:{n}", f"not a pair record ({type(exc).__name__}: {exc})") from exc
        out.append(rec)
    return out


@app.command("train")
def train_cli(output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Model folder (default: the package's).")] = None,
              feedback: Annotated[Optional[list[Path]], typer.Option("--feedback", help="Curators' judgements exported from the HTML report (CSV); repeatable.")] = None,
              lexicons: LexiconOpt = None) -> None:
    """Rebuild the shipped relation model from corpora/.

    Trains on corpora/annotations and corpora/direction-en (plus curators' judgements given with
    --feedback) and writes the model with its metadata.
    """
    from litmine.pipeline import Settings
    from litmine.train import feedback_examples, train

    try:
        settings = Settings(lexicons=lexicons)
        extra = [e for path in feedback or [] for e in feedback_examples(path, settings)]
        meta = train(output, settings, extra, feedback_files=[str(p) for p in feedback or []])
    except LitmineError as exc:
        fail(str(exc))
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2))


@app.command("evaluate")
def evaluate_cli(part: Annotated[str, typer.Option("--part", help="articles (leave one article out), direction-en, or all.")] = "all",
                 lexicons: LexiconOpt = None) -> None:
    """Print the quality figures of docs/quality.md.

    Triples per language leaving one article out, and direction-en macro-F1 held out by pmid.
    """
    from litmine.evaluate import evaluate
    from litmine.pipeline import Settings

    try:
        result = evaluate(part, Settings(lexicons=lexicons))
    except LitmineError as exc:
        fail(str(exc))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


@app.command("report")
def report_cli(evidence: Annotated[str, typer.Argument(help="An evidence table litmine wrote (any of its formats).")],
               output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
               title: Annotated[Optional[str], typer.Option("--title", help="Page title.")] = None,
               lexicons: LexiconOpt = None) -> None:
    """One self-contained HTML page for curators.

    Highlighted evidence per document, the sortable and filterable table, the triple network and
    buttons to mark rows correct or wrong; the judgements export to a CSV for `train --feedback`.
    """
    from litmine.pipeline import Settings
    from litmine.report import report_file

    try:
        report_file(evidence, output, Settings(lexicons=lexicons), title)
    except LitmineError as exc:
        fail(str(exc))


@app.command("mentions")
def mentions_cli(paths: PathsArg, output: OutOpt, lexicons: LexiconOpt = None) -> None:
    """Mention table: entities and direction cues of the inputs."""
    from litmine.pipeline import Settings, mention_files
    from litmine.writers import write, writer_for

    try:
        if output != "-":
            writer_for(output)
        result = mention_files(paths, Settings(lexicons=lexicons))
        write(result.frame, output, "mentions")
    except LitmineError as exc:
        fail(str(exc))
    raise typer.Exit(_report(result.errors))


@app.command("aggregate")
def aggregate_cli(evidence: Annotated[str, typer.Argument(help="An evidence table litmine wrote.")],
                  output: OutOpt) -> None:
    """Unique triples with their support and conflicts."""
    from litmine.pipeline import aggregate_file
    from litmine.writers import write, writer_for

    try:
        if output != "-":
            writer_for(output)
        write(aggregate_file(evidence), output, "triples")
    except LitmineError as exc:
        fail(str(exc))


@app.command("export")
def export_cli(evidence: Annotated[str, typer.Argument(help="An evidence table litmine wrote.")],
               output: Annotated[str, typer.Option("--output", "-o", help="Output folder (neo4j) or file.")],
               fmt: Annotated[str, typer.Option("--format", "-f", help="neo4j, graphml or indra.")] = "graphml") -> None:
    """Graph exports: neo4j CSVs, GraphML or INDRA JSON."""
    from litmine.table import read_table
    from litmine.writers import export

    try:
        export(read_table(evidence), fmt, output)
    except LitmineError as exc:
        fail(str(exc))


@app.command("text")
def text_cli(path: Annotated[Path, typer.Argument(help="A text, Markdown or PDF file.")],
             as_json: Annotated[bool, typer.Option("--jsonl", help="One JSON object per sentence.")] = False) -> None:
    """Print the cleaned sentences litmine reads.

    One sentence per line with its number, kind, language and section.
    """
    from litmine.pipeline import clean_sentences

    try:
        sentences = clean_sentences(path)
    except LitmineError as exc:
        fail(str(exc))
    for s in sentences:
        if as_json:
            typer.echo(json.dumps({"sentence_id": s.index, "kind": s.kind, "section": s.section,
                                   "lang": s.lang, "page": s.page, "citations": s.citations,
                                   "text": s.text}, ensure_ascii=False))
        else:
            typer.echo(f"[{s.index}] <{s.kind}|{s.lang}|{s.section or '-'}> {s.text}")


@lexicon_app.command("validate")
def lexicon_validate_cli(lexicons: LexiconOpt = None) -> None:
    """Check every lexicon file; one line per malformed row or conflicting synonym."""
    from litmine.lexicon import validate
    from litmine.resources import lexicon_dir

    try:
        problems = validate(lexicon_dir(lexicons))
    except LitmineError as exc:
        fail(str(exc))
    for p in problems:
        typer.echo(str(p))
    typer.echo(f"{len(problems)} problems" if problems else "ok", err=bool(problems))
    raise typer.Exit(1 if problems else 0)


@lexicon_app.command("stats")
def lexicon_stats_cli(lexicons: LexiconOpt = None) -> None:
    """Count lexicon entries by type and language."""
    from litmine.lexicon import load, stats
    from litmine.resources import lexicon_dir

    try:
        counts = stats(load(lexicon_dir(lexicons)))
    except LitmineError as exc:
        fail(str(exc))
    for (kind, what), n in sorted(counts.items()):
        typer.echo(f"{kind}\t{what}\t{n}")


@lexicon_app.command("learn")
def lexicon_learn_cli(paths: PathsArg,
                      output: Annotated[str, typer.Option("--output", "-o", help="Candidates TSV (- for stdout).")],
                      lexicons: LexiconOpt = None) -> None:
    """Propose lexicon entries from definitions and molecule shapes in the inputs.

    One row per candidate: accept (yes/no, a proposal for the curator), status (new, or known with
    its known_id), type, class, name, zh, abbreviation, count, source and evidence.
    Edit the accept column, then run `litmine lexicon add`.
    """
    from litmine.learn import candidate_lines, learn
    from litmine.pipeline import Settings
    from litmine.writers.atomic import write_lines

    try:
        cands, errors = learn(paths, Settings(lexicons=lexicons))
        write_lines(candidate_lines(cands), output)
    except LitmineError as exc:
        fail(str(exc))
    raise typer.Exit(_report(errors))


@lexicon_app.command("add")
def lexicon_add_cli(candidates: Annotated[Path, typer.Argument(help="A candidates TSV from `litmine lexicon learn`.")],
                    lexicons: LexiconOpt = None) -> None:
    """Append the accepted candidates to the lexicon files, after validating them.

    New ids are litmine:learned_<name>; each entry goes to the file holding its type and class.
    """
    from litmine.learn import add_candidates
    from litmine.resources import lexicon_dir

    try:
        added = add_candidates(candidates, lexicon_dir(lexicons))
    except LitmineError as exc:
        fail(str(exc))
    for name, n in sorted(added.items()):
        typer.echo(f"{name}\t+{n}")
    typer.echo(f"added {sum(added.values())} entries" if added else "nothing accepted", err=not added)
