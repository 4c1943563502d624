"""Apache Parquet (pyarrow), dtypes kept, in row groups of a fixed size.

The whole-table writer and the streaming one (:mod:`litmine.writers.stream`) both cut row groups
every :data:`ROW_GROUP_ROWS` rows, so they write the same bytes for the same rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 65_536   # bounds what a stream holds before writing; small enough for flat memory
COMPRESSION = "snappy"    # pandas' default, so files match what DataFrame.to_parquet wrote


class ParquetRows:
    """A Parquet file being written: Arrow tables in, row groups of ROW_GROUP_ROWS rows out."""

    def __init__(self, path: Path, like: pd.DataFrame) -> None:
        self.schema = pa.Schema.from_pandas(like, preserve_index=False)
        self.writer = pq.ParquetWriter(str(path), self.schema, compression=COMPRESSION)
        self.written = False

    def arrow(self, df: pd.DataFrame) -> Any:
        """``df`` as an Arrow table of the file's schema."""
        return pa.Table.from_pandas(df, preserve_index=False, schema=self.schema)

    def write_groups(self, tables: list[Any], final: bool = False) -> tuple[list[Any], int]:
        """Write every full row group of ``tables`` (all of them when ``final``); returns the rest."""
        table = pa.concat_tables(tables) if tables else self.schema.empty_table()
        full = len(table) if final else len(table) - len(table) % ROW_GROUP_ROWS
        if full or (final and not self.written):     # an empty table is one empty row group, as pyarrow writes it
            self.writer.write_table(table.slice(0, full), row_group_size=ROW_GROUP_ROWS)
            self.written = True
        rest = table.slice(full)
        return ([rest] if len(rest) else []), len(rest)

    def close(self) -> None:
        """Write the footer."""
        self.writer.close()


def write_parquet(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """Columnar file with the table's declared dtypes."""
    rows = ParquetRows(path, df)
    rows.write_groups([rows.arrow(df)], final=True)
    rows.close()
