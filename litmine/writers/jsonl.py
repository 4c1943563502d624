"""JSON Lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_jsonl(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """One JSON object per row, UTF-8 kept readable, nulls as null."""
    df.to_json(path, orient="records", lines=True, force_ascii=False)
