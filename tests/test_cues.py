"""Rules: direction composition, double negatives, passives, negation and hedging."""

from __future__ import annotations

import pytest

from litmine.cues import is_hedged, is_negated, is_passive, rule_direction
from litmine.match import find_mentions


def reading(text, lex, subj, obj):
    ms = find_mentions(text, lex)
    s = next(m for m in ms if m.text == subj)
    o = next(m for m in ms if m.text == obj)
    cues = [m for m in ms if m.type == "direction"]
    return s, o, cues, ms


@pytest.mark.parametrize("text,subj,obj,direction", [
    ("二甲双胍可激活 AMPK", "二甲双胍", "AMPK", "up"),
    ("AMPK 可抑制 NF-κB 活化", "AMPK", "NF-κB", "down"),
    ("电针逆转了 TNF-α 的升高", "电针", "TNF-α", "down"),
    ("运动减轻了 BDNF 的降低", "运动", "BDNF", "up"),
    ("Metformin activates AMPK.", "Metformin", "AMPK", "up"),
    ("AMPK inhibits NF-κB.", "AMPK", "NF-κB", "down"),
    ("运动后 IL-6 水平降低", "运动", "IL-6", "down"),
])
def test_cues_rule_direction(lex, text, subj, obj, direction):
    s, o, cues, _ = reading(text, lex, subj, obj)
    assert rule_direction(text, s, o, cues) == direction


def test_cues_passive(lex):
    text = "NF-κB 被 AMPK 抑制"
    s, o, cues, _ = reading(text, lex, "AMPK", "NF-κB")
    assert is_passive(text, s, o)


def test_cues_negation_and_hedging(lex):
    for text, neg, hedge in [("电针未见明显降低 TNF-α", True, False),
                             ("AMPK 可能抑制 NF-κB", False, True),
                             ("Metformin did not activate AMPK.", True, False),
                             ("AMPK 抑制 NF-κB", False, False)]:
        ms = find_mentions(text, lex)
        cues = [m for m in ms if m.type == "direction"]
        assert is_negated(text, (0, len(text)), cues, lex) is neg, text
        assert is_hedged(text, (0, len(text)), lex) is hedge, text
