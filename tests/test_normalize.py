"""Cleaning of PDF-extraction artefacts, with the offset map back to the raw text."""

from __future__ import annotations

import pytest

from litmine.normalize import clean


def sentences_of(raw: str) -> list[str]:
    from litmine.sentences import split_sentences

    text, blocks = clean(raw)
    return [s.text for s in split_sentences(text, blocks)]


def test_normalize_greek_mojibake_in_corpus(seed_text):
    text, _ = clean(seed_text["002_18e382974de4e15f"])
    assert "TNF-琢" not in text.text
    assert text.text.count("TNF-α") >= 2       # one of them was split across a line break


def test_normalize_mojibake_only_in_latin_context():
    text, _ = clean("TNF-琢的表达升高，琢磨不透，IL-1茁 增加。")
    assert "TNF-α的表达" in text.text and "琢磨" in text.text and "IL-1β" in text.text


def test_normalize_spaces_inside_chinese(seed_text):
    text, _ = clean(seed_text["000_d005d3bca0b121f2"])
    assert "AMPK 可 通 过 抑 制 mTOR" in seed_text["000_d005d3bca0b121f2"]
    assert "AMPK 可通过抑制 mTOR" in text.text


def test_normalize_joins_broken_chinese_lines(seed_text):
    text, _ = clean(seed_text["000_d005d3bca0b121f2"])
    assert "腺苷酸活化蛋白激酶 (adenosine monophosphate-activated protein kinase, AMPK)" in text.text


def test_normalize_hyphenation(seed_text):
    text, _ = clean(seed_text["001_e4f3cd9c43015cd5"])
    assert "International Association for the Study of Pain" in text.text   # Associa-/tion
    assert "has been proven effective" in text.text                         # prov-/en
    clean_000, _ = clean(seed_text["000_d005d3bca0b121f2"])
    assert "monophosphate-activated" in clean_000.text                       # a real hyphen stays


def test_normalize_drops_running_headers_and_page_numbers(seed_text):
    text, _ = clean(seed_text["001_e4f3cd9c43015cd5"])
    assert "3348 · 综述 ·" not in text.text
    assert "• 特约综述 •" not in clean(seed_text["000_d005d3bca0b121f2"])[0].text


def test_normalize_full_width_forms():
    text, _ = clean("ＡＭＰＫ可抑制ｍＴＯＲ，ＩＬ－６降低。")
    assert text.text == "AMPK可抑制mTOR，IL-6降低。"


def test_normalize_front_matter_blocks(seed_text):
    text, blocks = clean(seed_text["000_d005d3bca0b121f2"])
    kinds = {text.text[b.start:b.end][:6]: b.kind for b in blocks}
    assert blocks[0].kind == "title"
    assert any(k.startswith("张") and v == "front" for k, v in kinds.items())
    assert any(b.kind == "abstract" for b in blocks)


@pytest.mark.parametrize("name", ["000_d005d3bca0b121f2", "001_e4f3cd9c43015cd5", "002_18e382974de4e15f",
                                  "003_e574f4d6fa8d166e", "004_731658e62f6b5a86"])
def test_normalize_offset_map_points_into_raw(seed_text, name):
    raw = seed_text[name]
    text, _ = clean(raw)
    assert len(text.raw_offsets) == len(text.text)
    assert all(0 <= o < len(raw) for o in text.raw_offsets)
    same = sum(1 for c, o in zip(text.text, text.raw_offsets) if raw[o] == c)
    assert same / len(text.text) > 0.97
