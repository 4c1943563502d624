"""Language and script of sentences; traditional text is matched through a simplified view."""

from __future__ import annotations

from litmine.pipeline import process_text
from litmine.script import detect_lang, simplified_view


def test_script_detect_lang():
    assert detect_lang("電針可降低脊髓背角中TNF-α的表達") == "zh-Hant"
    assert detect_lang("电针可降低脊髓背角中TNF-α的表达") == "zh"
    assert detect_lang("Electroacupuncture reduced TNF-α in the spinal dorsal horn.") == "en"


def test_script_simplified_view_keeps_length():
    text = "電針可降低脊髓背角中TNF-α的表達"
    assert len(simplified_view(text)) == len(text)


def test_script_traditional_document_keeps_its_text():
    trad = process_text("電針可降低脊髓背角中TNF-α的表達。")
    simp = process_text("电针可降低脊髓背角中TNF-α的表达。")
    t_ms, s_ms = trad.mentions[0], simp.mentions[0]
    assert [m.entity_id for m in t_ms] == [m.entity_id for m in s_ms]
    assert trad.sentences[0].lang == "zh-Hant" and t_ms[0].text == "電針"


def test_script_ideograph_pattern_is_is_cjk():
    # script_of and detect_lang count ideographs with one regex; it must accept exactly is_cjk's set.
    from litmine.layout import IDEOGRAPH, is_cjk

    everything = "".join(map(chr, range(0x20, 0x30000)))
    assert IDEOGRAPH.findall(everything) == [c for c in everything if is_cjk(c)]
