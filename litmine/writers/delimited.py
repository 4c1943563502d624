"""CSV and TSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_csv(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """Comma-separated, UTF-8, header row."""
    df.to_csv(path, index=False, encoding="utf-8")


def write_tsv(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """Tab-separated, UTF-8, header row."""
    df.to_csv(path, index=False, sep="\t", encoding="utf-8")
