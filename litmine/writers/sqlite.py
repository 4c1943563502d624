"""SQLite: the table goes into a table named after it (replaced on each write)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

TABLE_NAMES = {"evidence", "mentions", "triples"}


def write_sqlite(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """Write ``df`` as table ``table`` (a fixed name, never from input text)."""
    if table not in TABLE_NAMES:
        raise ValueError(f"unknown table {table!r}")
    with sqlite3.connect(path) as con:
        df.to_sql(table, con, if_exists="replace", index=False)
        if "doc_id" in df.columns:
            con.execute(f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table}(doc_id)")
    con.close()
