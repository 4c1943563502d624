"""Writers: every format round-trips its columns; a failed write leaves the old file intact."""

from __future__ import annotations

import pandas as pd
import pytest

from litmine import writers
from litmine.errors import OutputError
from litmine.pipeline import mention_files
from litmine.table import MENTION_COLUMNS
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def frame():
    return mention_files([SEEDS / "004_731658e62f6b5a86.txt"]).frame


def test_writers_parquet_keeps_dtypes(tmp_path, frame):
    out = tmp_path / "m.parquet"
    writers.write(frame, str(out), "mentions")
    back = pd.read_parquet(out)
    assert list(back.columns) == list(MENTION_COLUMNS)
    assert str(back["page"].dtype) == "Int64" and str(back["start"].dtype) == "int64"
    assert back.equals(frame)


def test_writers_failed_write_keeps_old_file(tmp_path, frame, monkeypatch):
    out = tmp_path / "m.csv"
    out.write_text("old contents\n", encoding="utf-8")

    def broken(df, path, table):
        path.write_text("half a tab", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(writers.WRITERS, ".csv", broken)
    with pytest.raises(OutputError, match="No space left"):
        writers.write(frame, str(out), "mentions")
    assert out.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.csv"]


def test_writers_unknown_format_and_missing_folder(tmp_path, frame):
    with pytest.raises(OutputError, match="unknown output format"):
        writers.write(frame, str(tmp_path / "m.xlsx"))
    with pytest.raises(OutputError, match="output folder does not exist"):
        writers.write(frame, str(tmp_path / "nope" / "m.csv"))


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".sqlite"])
def test_writers_evidence_round_trip(tmp_path, suffix):
    from litmine.pipeline import extract_files
    from litmine.table import read_table

    ev = extract_files([SEEDS / "000_d005d3bca0b121f2.txt"]).frame
    out = tmp_path / f"ev{suffix}"
    writers.write(ev, str(out), "evidence")
    back = read_table(str(out))
    assert back.shape == ev.shape and list(back.dtypes) == list(ev.dtypes)
    assert back["sentence"].equals(ev["sentence"]) and back["negated"].equals(ev["negated"])
    assert back["region_id"].isna().sum() == ev["region_id"].isna().sum()
