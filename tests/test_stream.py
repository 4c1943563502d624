"""Streamed output: the bytes of the whole-table writers, one document at a time, replaced atomically."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from litmine.batch import extract_corpus, extract_to_file, unique_inputs
from litmine.cli import app
from litmine.table import evidence_frame
from litmine.writers import parquet, write
from litmine.writers.stream import streaming
from tests.conftest import SEEDS

FILES = [str(SEEDS / "004_731658e62f6b5a86.txt"), str(SEEDS / "003_e574f4d6fa8d166e.txt"),
         str(SEEDS / "000_d005d3bca0b121f2.txt")]


@pytest.fixture(scope="module")
def documents():
    """Evidence rows of three corpus articles, one list per document."""
    from litmine.batch import extract_one
    from litmine.pipeline import Settings

    docs = [extract_one(f, Settings()).rows for f in FILES]
    assert all(docs) and sum(map(len, docs)) > 200
    return docs + [[]]          # a document without relations writes nothing


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_stream_bytes_match_whole_table_writer(tmp_path, monkeypatch, documents, suffix):
    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 50)     # several row groups, cut inside documents
    whole, streamed = tmp_path / f"whole{suffix}", tmp_path / f"streamed{suffix}"
    write(evidence_frame([r for doc in documents for r in doc]), str(whole))
    with streaming(str(streamed), evidence_frame([])) as sink:
        for doc in documents:
            sink.write(evidence_frame(doc))
    assert streamed.read_bytes() == whole.read_bytes()
    if suffix == ".parquet":
        assert pq.ParquetFile(streamed).num_row_groups == -(-sum(map(len, documents)) // 50)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_stream_empty_table_matches(tmp_path, suffix):
    whole, streamed = tmp_path / f"whole{suffix}", tmp_path / f"streamed{suffix}"
    write(evidence_frame([]), str(whole))
    with streaming(str(streamed), evidence_frame([])) as sink:
        sink.write(evidence_frame([]))
    assert streamed.read_bytes() == whole.read_bytes() and whole.stat().st_size > 0


def test_stream_interrupted_leaves_target_untouched(tmp_path, documents):
    out = tmp_path / "ev.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), streaming(str(out), evidence_frame([])) as sink:
        sink.write(evidence_frame(documents[0]))
        raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["ev.csv"]


def test_stream_extract_to_file_matches_api_table(tmp_path):
    files = unique_inputs(FILES)
    table, _ = extract_corpus(files)
    whole, streamed = tmp_path / "whole.parquet", tmp_path / "streamed.parquet"
    write(table.frame, str(whole))
    tally = extract_to_file(files, str(streamed))
    assert tally.documents == 3 and tally.errors == []
    assert streamed.read_bytes() == whole.read_bytes()
    res = CliRunner().invoke(app, ["extract", *FILES, "-o", "-", "-j", "1"])
    assert res.exit_code == 0 and res.stdout == table.frame.to_csv(index=False)
    assert len(pd.read_parquet(streamed)) == len(table.frame)
