"""Aggregation of evidence rows into unique triples."""

from __future__ import annotations

import pandas as pd
import pytest

from litmine.aggregate import TRIPLE_COLUMNS, aggregate
from litmine.pipeline import extract_files
from tests.conftest import ROOT


@pytest.fixture(scope="session")
def evidence():
    return extract_files([ROOT / "corpora" / "seeds"]).frame


def test_aggregate_counts_every_row_once(evidence):
    triples = aggregate(evidence)
    assert list(triples.columns) == list(TRIPLE_COLUMNS)
    assert triples["n_evidence"].sum() == len(evidence)
    ids = [i for cell in triples["evidence_ids"] for i in cell.split(";")]
    assert len(ids) == len(set(ids)) == len(evidence)
    assert not triples.duplicated(["subject_id", "direction", "object_id", "region_id"]).any()
    assert (triples["max_confidence"] >= triples["mean_confidence"] - 1e-9).all()


def test_aggregate_conflict_flag(evidence):
    row = evidence.iloc[0].copy()
    other = row.copy()
    other["direction"], other["predicate"], other["sentence_id"] = (
        ("↓", "decreases", 999) if row["direction"] == "↑" else ("↑", "increases", 999))
    small = pd.DataFrame([row, other]).astype(evidence.dtypes.to_dict())
    triples = aggregate(small)
    assert len(triples) == 2 and triples["conflict"].all()
    assert not aggregate(small.iloc[:1])["conflict"].any()


def test_aggregate_empty():
    from litmine.table import evidence_frame

    assert list(aggregate(evidence_frame([])).columns) == list(TRIPLE_COLUMNS)
