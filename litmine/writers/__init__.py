"""Output formats: one writer per suffix; every file is written atomically."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from litmine.errors import OutputError
from litmine.writers.atomic import replacing, replacing_folder
from litmine.writers.graph import EXPORTERS
from litmine.writers.delimited import write_csv, write_tsv
from litmine.writers.jsonl import write_jsonl
from litmine.writers.parquet import write_parquet
from litmine.writers.sqlite import write_sqlite

WRITERS: dict[str, Callable[[pd.DataFrame, Path, str], None]] = {
    ".csv": write_csv, ".tsv": write_tsv, ".jsonl": write_jsonl, ".parquet": write_parquet,
    ".sqlite": write_sqlite, ".db": write_sqlite,
}


def writer_for(path: str) -> Callable[[pd.DataFrame, Path, str], None]:
    """The writer for an output path's suffix; OutputError for an unknown one."""
    writer = WRITERS.get(Path(path).suffix.lower())
    if writer is None:
        raise OutputError(path, f"unknown output format; use one of {', '.join(WRITERS)} or - for stdout")
    return writer


def write(df: pd.DataFrame, path: str, table: str = "evidence") -> None:
    """Write ``df`` to ``path`` (``-``: CSV on stdout) through a temporary file and a rename."""
    if path == "-":
        df.to_csv(sys.stdout, index=False)
        return
    writer = writer_for(path)
    with replacing(path, keep_existing=Path(path).suffix.lower() in (".sqlite", ".db")) as tmp:
        writer(df, tmp, table)


def export(evidence: pd.DataFrame, fmt: str, path: str) -> None:
    """Write an evidence table as a graph export (neo4j folder, GraphML or INDRA JSON), atomically."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise OutputError(path, f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    if fmt == "neo4j":
        with replacing_folder(path) as tmp:
            exporter(evidence, tmp)
    else:
        with replacing(path) as tmp:
            exporter(evidence, tmp)
