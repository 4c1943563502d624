"""Sentence splitting on cases taken from the corpus."""

from __future__ import annotations

import pytest

from litmine.sentences import split_spans

CASES = [
    ("Wang et al. found that AMPK was activated. It was 2.5 times higher.", 2),
    ("Exercise, e.g. swimming, reduced pain vs. controls. Next.", 2),
    ("3.1 前扣带回前扣带皮层(ACC)是边缘系统的一个组成部分。", 1),
    ("钙离子 (Ca2+) 可调节神经递质的释放。线粒体是钙离子缓冲的重要细胞器。", 2),
    ("抑制 TNF-α 和 IL-1β 的过量 [10~13]。另外 [9-10,12]；还有。", 3),
    ("Pain is the fifth vital sign.[45] Adenosine monophosphate-activated protein kinase (AMPK) is key.", 2),
]


@pytest.mark.parametrize("text,n", CASES)
def test_sentences_split_cases(text, n):
    spans = split_spans(text)
    assert len(spans) == n, [text[a:b] for a, b in spans]


def test_sentences_citation_stays_with_sentence():
    text = "Pain is the fifth vital sign.[45] Next one [46]."
    first = text[slice(*split_spans(text)[0])]
    assert first.endswith("[45]")


def test_sentences_table_rows_and_captions_are_units(processed):
    p = processed["000_d005d3bca0b121f2"]
    rows = [s for s in p.sentences if s.kind == "row"]
    assert any(s.text.startswith("二甲双胍") and "NF-κB" in s.text and s.citations == "45" for s in rows)
    caption = [s for s in p.sentences if s.kind == "table"]
    assert caption and caption[0].text.startswith("表 1")
    figures = [s for s in processed["001_e4f3cd9c43015cd5"].sentences if s.kind == "figure"]
    assert any(s.text.startswith("图1") or s.text.startswith("Fig.1") for s in figures)


def test_sentences_sentence_resumes_after_table(processed):
    texts = [s.text for s in processed["000_d005d3bca0b121f2"].sentences]
    assert any("小胶质细胞和星形胶质细胞的活化及其炎症因子的产生" in t and "[48]" in t for t in texts)


def test_sentences_sections_and_languages(processed):
    p = processed["000_d005d3bca0b121f2"]
    assert p.sentences[0].section == "title"
    assert {s.lang for s in p.sentences if s.section == "abstract"} == {"zh", "en"}
    assert any(s.section == "AMPK 的结构与功能" for s in p.sentences)


def test_sentences_spans_slice_back(processed):
    for p in processed.values():
        for s in p.sentences:
            assert p.clean.text[s.start:s.end] == s.text


@pytest.mark.parametrize("name", ["000_d005d3bca0b121f2", "001_e4f3cd9c43015cd5", "002_18e382974de4e15f",
                                  "003_e574f4d6fa8d166e", "004_731658e62f6b5a86"])
def test_sentences_match_the_annotated_sentences(name):
    """The gold was annotated on these sentences: a change to cleaning or splitting must keep them."""
    import json

    from typer.testing import CliRunner

    from litmine.cli import app
    from tests.conftest import ROOT, SEEDS

    out = CliRunner().invoke(app, ["text", "--jsonl", str(SEEDS / f"{name}.txt")]).stdout
    expected = (ROOT / "corpora" / "annotations" / f"{name}.sentences.jsonl").read_text(encoding="utf-8")
    assert [json.loads(x) for x in out.splitlines()] == [json.loads(x) for x in expected.splitlines()]


def test_sentences_single_line_text_is_split():
    from litmine.pipeline import process_text

    p = process_text("二甲双胍可激活 AMPK。AMPK 可抑制 NF-κB。")
    assert [s.text for s in p.sentences] == ["二甲双胍可激活 AMPK。", "AMPK 可抑制 NF-κB。"]
