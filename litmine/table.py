"""The evidence and mention tables of SCHEMA.md: column names and exact dtypes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

SCHEMA_VERSION = 1
_STR, _INT, _NINT, _BOOL, _FLOAT = "string", "int64", "Int64", "bool", "float64"

EVIDENCE_COLUMNS: dict[str, str] = {
    "doc_id": _STR, "source": _STR, "page": _NINT, "sentence_id": _INT, "sentence": _STR, "lang": _STR,
    "subject": _STR, "subject_id": _STR, "subject_type": _STR, "subject_text": _STR,
    "subject_start": _INT, "subject_end": _INT, "predicate": _STR, "direction": _STR,
    "object": _STR, "object_id": _STR, "object_type": _STR, "object_text": _STR,
    "object_start": _INT, "object_end": _INT,
    "region": _STR, "region_id": _STR, "region_text": _STR, "condition": _STR,
    "negated": _BOOL, "hedged": _BOOL, "confidence": _FLOAT, "method": _STR,
    "citations": _STR, "section": _STR, "schema_version": _INT,
}

MENTION_COLUMNS: dict[str, str] = {
    "doc_id": _STR, "source": _STR, "page": _NINT, "sentence_id": _INT, "lang": _STR, "type": _STR,
    "text": _STR, "start": _INT, "end": _INT, "entity": _STR, "entity_id": _STR, "matched_by": _STR,
}


def frame(rows: Iterable[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in order and their dtypes, even when empty."""
    rows = list(rows)
    # each column is built with its dtype: half the time of a frame cast afterwards, once per document
    return pd.DataFrame({name: pd.array([row.get(name) for row in rows], dtype=dtype)
                         for name, dtype in columns.items()}, columns=list(columns))


def evidence_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The evidence table."""
    return frame(rows, EVIDENCE_COLUMNS)


def mention_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The mention table."""
    return frame(rows, MENTION_COLUMNS)


def read_table(path: str, columns: dict[str, str] = EVIDENCE_COLUMNS, table: str = "evidence") -> pd.DataFrame:
    """Read a table litmine wrote (.csv .tsv .jsonl .parquet .sqlite/.db) back with its dtypes."""
    import sqlite3
    from pathlib import Path

    from litmine.errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            df = pd.read_csv(p, keep_default_na=False, na_values=[""])
        elif suffix == ".tsv":
            df = pd.read_csv(p, sep="\t", keep_default_na=False, na_values=[""])
        elif suffix == ".jsonl":
            df = pd.read_json(p, lines=True, dtype=False)
        elif suffix == ".parquet":
            df = pd.read_parquet(p)
        elif suffix in (".sqlite", ".db"):
            with sqlite3.connect(p) as con:
                df = pd.read_sql_query(f"SELECT * FROM {table}", con)  # fixed name, never input
        else:
            raise InputError(path, "unknown table format; use .csv .tsv .jsonl .parquet .sqlite")
    except InputError:
        raise
    except Exception as exc:  # pandas raises many types for a damaged file
        raise InputError(path, f"cannot read table ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(path, f"not a litmine {table} table (missing {', '.join(missing[:5])})")
    return df[list(columns)].astype(columns)
