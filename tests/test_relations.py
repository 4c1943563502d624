"""The shipped classifier: loads once, says how to rebuild it, matches the training data it records."""

from __future__ import annotations

import json

import pytest

from litmine.errors import ModelError
from litmine.relations import META_FILE, MODEL_FILE, Classifier, load_model, threshold_f1
from litmine.resources import model_dir


def test_relations_shipped_model_matches_the_corpus():
    from litmine.train import data_hash

    meta = json.loads((model_dir() / META_FILE).read_text(encoding="utf-8"))
    assert meta["data_hash"] == data_hash(), "gold changed: run `litmine train`"
    assert (model_dir() / MODEL_FILE).stat().st_size < 5_000_000
    assert 0 < meta["threshold"] < 1


def test_relations_missing_or_foreign_model(tmp_path):
    with pytest.raises(ModelError, match="litmine train"):
        load_model(str(tmp_path))
    (tmp_path / MODEL_FILE).write_bytes(b"junk")
    (tmp_path / META_FILE).write_text(json.dumps({"sklearn": "0.1.0"}), encoding="utf-8")
    with pytest.raises(ModelError, match="built with scikit-learn 0.1.0"):
        load_model(str(tmp_path))


def test_relations_probabilities_and_threshold():
    clf = load_model()
    assert isinstance(clf, Classifier)
    assert clf.label({"up": 0.1, "down": 0.05, "none": 0.85}) == ("none" if clf.threshold > 0.15 else "up")
    assert clf.label({"up": 0.2, "down": 0.7, "none": 0.1}) == "down"


def test_relations_threshold_search():
    labels = ["up", "none", "down", "none"]
    probs = [{"up": 0.9, "down": 0.0}, {"up": 0.2, "down": 0.1}, {"up": 0.1, "down": 0.6}, {"up": 0.0, "down": 0.1}]
    cut, f1 = threshold_f1(labels, probs)
    assert f1 == 1.0 and 0.3 < cut <= 0.7
