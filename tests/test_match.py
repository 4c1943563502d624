"""Lexicon matching: folded variants, scripts, longest match, case-sensitive abbreviations."""

from __future__ import annotations

import pytest

from litmine.match import find_mentions


def entities(text, lex):
    return [(m.text, m.type, m.entity_id) for m in find_mentions(text, lex) if m.type != "direction"]


@pytest.mark.parametrize("variant", ["TNF-α", "TNF-alpha", "TNFα", "TNF-Α", "ＴＮＦ－α"])
def test_match_greek_and_width_variants(lex, variant):
    ids = {e[2] for e in entities(f"电针降低了{variant}的表达。", lex)}
    reference = {e[2] for e in entities("电针降低了TNF-α的表达。", lex)}
    assert ids == reference and len(ids) == 2


def test_match_super_and_subscripts(lex):
    a = entities("Ca2+ influx increased.", lex)
    b = entities("Ca²⁺ influx increased.", lex)
    assert a and [x[2] for x in a] == [x[2] for x in b]
    assert b[0][0] == "Ca²⁺"


def test_match_traditional_script_same_entities(lex):
    trad = entities("電針可降低脊髓背角中TNF-α的表達", lex)
    simp = entities("电针可降低脊髓背角中TNF-α的表达", lex)
    assert [e[2] for e in trad] == [e[2] for e in simp] and len(trad) >= 3
    assert trad[0][0] == "電針"        # reported text keeps its script


def test_match_longest_match_wins(lex):
    found = entities("慢性神经病理性疼痛患者的前扣带回", lex)
    texts = [e[0] for e in found]
    assert "慢性神经病理性疼痛" in texts or "神经病理性疼痛" in texts
    assert "疼痛" not in texts


def test_match_short_abbreviations_are_case_sensitive(lex):
    assert any(e[0] == "ACC" for e in entities("Glu/tCr in the ACC was higher.", lex))
    assert not any(e[0].lower() == "acc" for e in entities("we acc ept this", lex))


def test_match_word_boundaries(lex):
    found = [e[0] for e in entities("IL-10 and IL-1β rose", lex)]
    assert "IL-10" in found and "IL-1" not in found


def test_match_independent_of_segmentation(lex):
    # jieba splits 二甲双胍 differently in different contexts; the automaton does not care.
    for text in ("二甲双胍可激活AMPK", "给予二甲双胍后", "用二甲双胍治疗"):
        assert any(e[0] == "二甲双胍" for e in entities(text, lex)), text


def test_match_cues_and_shadowing(lex):
    found = find_mentions("AMPK 的抑制剂 Compound C 抑制了 AMPK 的激活", lex)
    cues = [(m.text, m.entity, m.cls) for m in found if m.type == "direction"]
    assert ("抑制剂", "down", "agent") in cues and ("抑制", "down", "verb") in cues


def test_match_offsets_slice_back(lex, processed):
    for p in processed.values():
        by_id = {s.index: s for s in p.sentences}
        for sid, ms in p.mentions.items():
            for m in ms:
                assert by_id[sid].text[m.start:m.end] == m.text
