"""Tables written piece by piece as documents finish, with the bytes the whole-table writers give.

A stream appends each piece to a temporary file beside the target and renames it over the target
when closed without error (see :mod:`litmine.writers.atomic`), so memory stays flat however large
the corpus. CSV and TSV pieces share one header, JSON Lines are concatenated, Parquet pieces are
gathered into row groups of :data:`litmine.writers.parquet.ROW_GROUP_ROWS` rows.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from litmine.errors import OutputError
from litmine.writers.atomic import replacing
from litmine.writers import parquet


class TextSink:
    """Delimited or JSON Lines pieces appended to an open text file."""

    def __init__(self, out: IO[str], fmt: str, empty: pd.DataFrame) -> None:
        self.out, self.fmt, self.empty, self.started = out, fmt, empty, False

    def write(self, piece: pd.DataFrame) -> None:
        """Append the rows of ``piece`` (the header goes before the first piece only)."""
        if piece.empty:
            return
        self._put(piece)

    def _put(self, piece: pd.DataFrame) -> None:
        if self.fmt == ".jsonl":
            self.out.write(piece.to_json(orient="records", lines=True, force_ascii=False))
        else:
            piece.to_csv(self.out, index=False, header=not self.started, sep="\t" if self.fmt == ".tsv" else ",")
        self.started = True

    def close(self) -> None:
        """An input without rows still gets what the whole-table writer writes for an empty table."""
        if not self.started:
            self._put(self.empty)


class ParquetSink:
    """Pieces gathered into row groups of a fixed size, written as each fills."""

    def __init__(self, path: Path, empty: pd.DataFrame) -> None:
        self.rows = parquet.ParquetRows(path, empty)
        self.buffer: list[Any] = []
        self.count = 0

    def write(self, piece: pd.DataFrame) -> None:
        """Buffer ``piece``; write full row groups."""
        if piece.empty:
            return
        self.buffer.append(self.rows.arrow(piece))
        self.count += len(piece)
        while self.count >= parquet.ROW_GROUP_ROWS:
            self.buffer, self.count = self.rows.write_groups(self.buffer)

    def close(self) -> None:
        """Write the last, partial row group and the footer."""
        self.rows.write_groups(self.buffer, final=True)
        self.rows.close()


STREAM_FORMATS = (".csv", ".tsv", ".jsonl", ".parquet")


@contextmanager
def streaming(path: str, empty: pd.DataFrame) -> Iterator[TextSink | ParquetSink]:
    """A sink for pieces of a table shaped like ``empty``; ``-`` streams CSV to stdout.

    The target is replaced only when the block ends without error.
    """
    if path == "-":
        sink = TextSink(sys.stdout, ".csv", empty)
        yield sink
        sink.close()
        return
    fmt = Path(path).suffix.lower()
    if fmt not in STREAM_FORMATS:
        raise OutputError(path, f"cannot stream {fmt or 'this'} output; use one of {', '.join(STREAM_FORMATS)}")
    with replacing(path) as tmp:
        if fmt == ".parquet":
            parquet = ParquetSink(tmp, empty)
            yield parquet
            parquet.close()
            return
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            text = TextSink(out, fmt, empty)
            yield text
            text.close()
