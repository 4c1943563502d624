"""Whole corpora: duplicate inputs skipped, documents extracted in worker processes, order kept."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from litmine import readers
from litmine.engines import ordered_map
from litmine.errors import LitmineError
from litmine.pipeline import BatchResult, Settings, evidence_of, lexicon_for, model_for, process, warm_up
from litmine.table import evidence_frame

ERROR_COLUMNS = ("path", "stage", "reason")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input gave: its evidence rows, or the stage and reason it failed."""

    path: str
    rows: list[dict[str, Any]]
    stage: str | None = None
    reason: str | None = None


def extract_one(path: str, settings: Settings, read_from: str | None = None) -> Outcome:
    """Read and extract one input (from ``read_from`` when given, named ``path``); never raises for a bad input."""
    try:
        doc = readers.read(read_from or path)
        if read_from is not None:
            doc = replace(doc, source=path)
    except LitmineError as exc:
        return Outcome(path, [], "read", exc.problem)
    except Exception as exc:  # a reader library's own failure on a strange file must not end a batch
        return Outcome(path, [], "read", f"{type(exc).__name__}: {exc}")
    try:
        lex = lexicon_for(settings)
        rows = evidence_of(process(doc, lex), lex, model_for(settings))
    except LitmineError as exc:
        return Outcome(path, [], "extract", exc.problem)
    except Exception as exc:  # one document's failure must not end a batch
        return Outcome(path, [], "extract", f"{type(exc).__name__}: {exc}")
    return Outcome(path, rows)


def unique_inputs(paths: Iterable[str | Path]) -> list[str]:
    """Input files in walk order, each distinct content once (same bytes under two names: first wins)."""
    seen: set[str] = set()
    out = []
    for path in readers.walk(list(paths)):
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            digest = f"unreadable:{path}"   # reported when it is read
        if digest not in seen:
            seen.add(digest)
            out.append(str(path))
    return out


@dataclass(frozen=True, slots=True)
class Engine:
    """Where documents are extracted: ``local`` processes (``jobs``; 1: this process) or ``dask``.

    With ``dask`` and no ``scheduler`` a LocalCluster of ``jobs`` workers runs on loopback.
    """

    name: str = "local"
    jobs: int = 1
    scheduler: str | None = None


def outcomes(files: list[str], settings: Settings, engine: Engine = Engine()) -> Iterator[Outcome]:
    """Outcomes in input order, one task per document on the engine."""
    if engine.name != "dask":
        yield from ordered_map(extract_one, files, settings, engine=engine.name, jobs=engine.jobs,
                               before_fork=partial(_warm_up_quietly, settings))
        return
    # Dask workers run in their own folders: they read absolute paths, rows keep the names given
    located = [(f, os.path.abspath(f)) for f in files]
    yield from ordered_map(extract_located, located, settings, engine="dask", jobs=engine.jobs,
                           scheduler=engine.scheduler)


def _warm_up_quietly(settings: Settings) -> None:
    """Load resources once before the pool forks, so workers inherit them instead of each loading them."""
    try:
        warm_up(settings)
    except Exception:  # noqa: BLE001 - a broken lexicon or model is reported per document, as with one job
        pass


def extract_located(item: tuple[str, str], settings: Settings) -> Outcome:
    """:func:`extract_one` of ``(name, absolute path)``."""
    return extract_one(item[0], settings, read_from=item[1])


def read_journal(journal: Path) -> dict[str, Outcome]:
    """Finished documents of an interrupted run, by input path (a torn last line is ignored)."""
    done: dict[str, Outcome] = {}
    if not journal.is_file():
        return done
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        done[rec["path"]] = Outcome(rec["path"], rec["rows"], rec.get("stage"), rec.get("reason"))
    return done


def _journaled(files: list[str], settings: Settings, engine: Engine, journal: Path | None,
               resume: bool) -> Iterator[Outcome]:
    """Outcomes in input order; finished ones are appended to ``journal`` and reused on resume."""
    if journal is None:
        yield from outcomes(files, settings, engine)
        return
    done = read_journal(journal) if resume else {}
    todo = [f for f in files if f not in done]
    fresh = outcomes(todo, settings, engine)
    with open(journal, "a" if resume else "w", encoding="utf-8") as log:
        for f in files:
            if f in done:
                yield done[f]
                continue
            outcome = next(fresh)
            log.write(json.dumps({"path": outcome.path, "rows": outcome.rows, "stage": outcome.stage,
                                  "reason": outcome.reason}, ensure_ascii=False, default=str) + "\n")
            log.flush()
            yield outcome


@dataclass
class Tally:
    """What a batch did: documents extracted, one error and one error row per failed input."""

    documents: int = 0
    errors: list[LitmineError] = field(default_factory=list)
    error_rows: list[dict[str, str]] = field(default_factory=list)

    def count(self, outcome: Outcome) -> bool:
        """Record ``outcome``; True when it has rows to keep."""
        if outcome.stage is None:
            self.documents += 1
            return True
        self.errors.append(LitmineError(outcome.path, outcome.reason or outcome.stage))
        self.error_rows.append({"path": outcome.path, "stage": outcome.stage, "reason": outcome.reason or ""})
        return False


def _run(files: list[str], settings: Settings, engine: Engine, journal: Path | None, resume: bool,
         on_document: Callable[[Outcome], None] | None, tally: Tally) -> Iterator[list[dict[str, Any]]]:
    """Rows of each good document in input order, counting the failures in ``tally``."""
    for outcome in _journaled(files, settings, engine, journal, resume):
        if tally.count(outcome):
            yield outcome.rows
        if on_document is not None:
            on_document(outcome)


def extract_corpus(files: list[str], settings: Settings = Settings(), jobs: int = 1,
                   on_document: Callable[[Outcome], None] | None = None, journal: Path | None = None,
                   resume: bool = False, engine: Engine | None = None) -> tuple[BatchResult, list[dict[str, str]]]:
    """The evidence table of the inputs (see :func:`unique_inputs`) and one error row per failed input.

    The table is the same whatever ``jobs`` or ``engine`` (default: local processes) is: rows come
    in input order. With a ``journal`` every finished document is recorded as it completes;
    ``resume`` reuses those of an interrupted run.
    """
    tally = Tally()
    rows = [row for doc_rows in _run(files, settings, engine or Engine("local", jobs), journal, resume,
                                     on_document, tally) for row in doc_rows]
    return BatchResult(evidence_frame(rows), tally.errors, tally.documents), tally.error_rows


def extract_to_file(files: list[str], output: str, settings: Settings = Settings(), engine: Engine = Engine(),
                    on_document: Callable[[Outcome], None] | None = None, journal: Path | None = None,
                    resume: bool = False) -> Tally:
    """Stream the evidence table of the inputs to ``output`` (.csv .tsv .jsonl .parquet, ``-``).

    Each document's rows are appended as it finishes, so memory does not grow with the corpus; the
    file has the bytes :func:`litmine.writers.write` gives for the whole table and replaces
    ``output`` only when every input has been handled.
    """
    from litmine.writers.stream import streaming

    tally = Tally()
    with streaming(output, evidence_frame([])) as sink:
        for doc_rows in _run(files, settings, engine, journal, resume, on_document, tally):
            sink.write(evidence_frame(doc_rows))
    return tally
