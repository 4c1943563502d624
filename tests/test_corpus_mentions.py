"""Hand-checked mentions each bundled article must yield (some only findable after cleaning)."""

from __future__ import annotations

import pytest

EXPECTED = {
    "000_d005d3bca0b121f2": [
        ("AMPK", "molecule"), ("二甲双胍", "intervention"), ("NF-κB", "molecule"), ("DRG", "brain_region"),
        ("脊髓", "brain_region"), ("TNF-α", "molecule"), ("IL-1β", "molecule"), ("白藜芦醇", "intervention"),
        ("腺苷酸活化蛋白激酶", "molecule"),     # split over a line break in the raw text
        ("mTOR", "molecule"), ("抑制", "direction"),  # 可 通 过 抑 制: spaced out in the raw text
        ("CGRP", "molecule"), ("三叉神经痛", "condition"), ("小胶质细胞", "brain_region"),
        ("Compound C", "intervention"), ("MFF", "molecule"),
    ],
    "001_e4f3cd9c43015cd5": [
        ("神经性疼痛", "condition"), ("运动", "intervention"), ("BDNF", "molecule"), ("CCI", "condition"),
        ("neuropathic pain", "condition"), ("exercise", "intervention"), ("GABA", "molecule"),
        ("SNCV", "condition"), ("↑", "direction"), ("↓", "direction"), ("小胶质细胞", "brain_region"),
    ],
    "002_18e382974de4e15f": [
        ("mTORC1", "molecule"), ("胰岛素抵抗", "condition"), ("TNF-α", "molecule"),  # TNF-琢 in the raw text
        ("IL-6", "molecule"), ("瘦素", "molecule"), ("脂联素", "molecule"), ("CKD", "condition"),
        ("2型糖尿病", "condition"), ("肌肉", "brain_region"), ("脂肪组织", "brain_region"),
        ("雷帕霉素", "intervention"),
    ],
    "003_e574f4d6fa8d166e": [
        ("针刺", "intervention"), ("电针", "intervention"), ("ATP", "molecule"), ("P2X3", "molecule"),
        ("5-羟色胺", "molecule"), ("脊髓背角边缘层", "brain_region"), ("P 物质", "molecule"),
        ("γ-氨基丁酸", "molecule"), ("acupuncture analgesia", "intervention"),
    ],
    "004_731658e62f6b5a86": [
        ("ACC", "brain_region"), ("Glu", "molecule"), ("NAA", "molecule"), ("GABA", "molecule"),
        ("丘脑", "brain_region"), ("慢性腰痛", "condition"), ("前扣带回", "brain_region"),
        ("三叉神经痛", "condition"), ("纤维肌痛", "condition"), ("chronic pain", "condition"),
    ],
}


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_corpus_mentions_found(processed, article):
    found = {(m.text, m.type) for ms in processed[article].mentions.values() for m in ms}
    missing = [e for e in EXPECTED[article] if e not in found]
    assert missing == []


def test_corpus_no_mentions_in_front_matter(processed):
    for p in processed.values():
        front = {s.index for s in p.sentences if s.kind == "front"}
        assert not any(p.mentions.get(i) for i in front)
