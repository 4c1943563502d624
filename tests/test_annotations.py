"""The gold annotations and the second annotation keep to the record format of docs/annotation.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOLDER = ROOT / "corpora" / "annotations"
FILES = sorted(p for p in [*FOLDER.glob("*.jsonl"), *(FOLDER / "second").glob("*.jsonl")]
               if not p.stem.endswith(".sentences"))
SUBJECTS = {"intervention", "molecule", "condition"}
OBJECTS = {"molecule", "condition", "phenotype", "brain_region"}


def _sentences(path: Path) -> dict[int, str]:
    lines = (FOLDER / f"{path.stem}.sentences.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["sentence_id"]: rec["text"] for rec in map(json.loads, lines)}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem[:3]}")
def test_annotations_spans_slice_back_and_types_are_valid(path):
    sentences = _sentences(path)
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert records
    for rec in records:
        text = rec["sentence"]
        assert sentences.get(rec["sentence_id"]) == text, (path.name, rec["sentence_id"])
        for rel in rec["relations"]:
            assert rel["subject"]["type"] in SUBJECTS and rel["object"]["type"] in OBJECTS
            assert rel["direction"] in {"up", "down"}
            assert all(isinstance(rel[k], bool) for k in ("negated", "hedged", "indirect"))
            for key in ("subject", "object", "region", "cue"):
                span = rel.get(key)
                if span:
                    assert text[span["start"]:span["end"]] == span["text"], (path.name, rec["sentence_id"], span)


def test_annotations_second_covers_whole_articles():
    """The second annotation has a record for every sentence, so its negatives are explicit."""
    second = sorted((FOLDER / "second").glob("*.jsonl"))
    assert len(second) == 3
    for path in second:
        ids = [json.loads(x)["sentence_id"] for x in path.read_text(encoding="utf-8").splitlines()]
        assert ids == sorted(_sentences(path))
