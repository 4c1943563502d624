"""Output formats: one writer per suffix; every file is written atomically."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from litmine.errors import OutputError
from litmine.writers.atomic import replacing
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
