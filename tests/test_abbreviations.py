"""Abbreviations defined in the text (Schwartz & Hearst; Chinese full-name forms)."""

from __future__ import annotations

from litmine.abbreviations import best_long_form, find_definitions, guess_type
from litmine.records import Sentence


def sent(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, "zh")


def test_abbreviations_chinese_with_english_long_form():
    d = find_definitions(sent("腺苷酸活化蛋白激酶 (adenosine monophosphate-activated protein kinase, AMPK) 是关键分子。"))
    assert [(x.short, x.long_en) for x in d] == [("AMPK", "adenosine monophosphate-activated protein kinase")]


def test_abbreviations_english_schwartz_hearst():
    d = find_definitions(sent("Adenosine monophosphate-activated protein kinase (AMPK) is a key molecule."))
    assert d[0].long_en == "Adenosine monophosphate-activated protein kinase"
    assert best_long_form("MFF", "the mitochondrial fission factor") == "mitochondrial fission factor"


def test_abbreviations_short_form_before_parenthesis():
    d = find_definitions(sent("上游的肿瘤抑制因子 LKB1 (liver kinase B1) 和激酶"))
    assert [(x.short, x.long_en) for x in d] == [("LKB1", "liver kinase B1")]


def test_abbreviations_head_word_types():
    assert guess_type("mitochondrial fission factor") == "molecule"
    assert guess_type("chronic constriction injury") == "condition"


def test_abbreviations_link_unknown_term_for_rest_of_document(processed):
    p = processed["000_d005d3bca0b121f2"]
    defined_at = next(s.index for s in p.sentences if "(mitochondrial fission factor, MFF)" in s.text)
    later = [m for sid, ms in p.mentions.items() if sid > defined_at for m in ms if m.text == "MFF"]
    assert later and all(m.type == "molecule" for m in later)
    assert all(m.entity_id == later[0].entity_id for m in later)


def test_abbreviations_not_in_lexicon_get_abbreviation_mentions():
    from litmine.pipeline import process_text

    p = process_text("研究发现泛素样修饰激活因子 (ubiquitin-like modifier activating factor, ULMAF) 参与疼痛。"
                     "二甲双胍可抑制 ULMAF 的表达。")
    later = [m for m in p.mentions[1] if m.text == "ULMAF"]
    assert later and later[0].matched_by == "abbreviation" and later[0].type == "molecule"
    assert later[0].entity == "ubiquitin-like modifier activating factor"
    assert later[0].entity_id == "litmine:abbr_ulmaf"
