"""Pair features: what extraction reads of a pair no cue governs is what the full features say."""

from __future__ import annotations

from litmine.features import features_of
from litmine.pipeline import pairs_of
from tests.conftest import ARTICLES


def test_governed_only_features_equal_full_ones_for_governed_pairs(processed, lex):
    pairs = pairs_of(processed[ARTICLES[2]])
    full, light = features_of(pairs, lex), features_of(pairs, lex, governed_only=True)
    governed = [i for i, f in enumerate(full) if f["rule"] != "none"]
    assert 0 < len(governed) < len(pairs)
    assert all(light[i] == full[i] for i in governed)
    for i in set(range(len(pairs))) - set(governed):
        assert light[i]["rule"] == "none" and "between" not in light[i]
        assert light[i]["symbolic"] == {k: full[i]["symbolic"][k] for k in ("negated", "hedged")}
