"""Apache Parquet (pyarrow), dtypes kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_parquet(df: pd.DataFrame, path: Path, table: str = "evidence") -> None:
    """Columnar file with the table's declared dtypes."""
    df.to_parquet(path, index=False, engine="pyarrow")
