"""Pattern mentions: molecules the lexicon lacks, found by shape on real corpus sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from litmine.lexicon import fold
from litmine.match import find_mentions
from litmine.patterns import add_pattern_mentions, head_name_spans, ratio_spans, symbol_spans

# (article, text in one of its sentences, symbols the shape rules must find there)
HITS = [
    ("000_d005d3bca0b121f2", "Kv4.2、Cav2.2 和Nav1.7", ["Kv4.2", "Cav2.2", "Nav1.7"]),
    ("000_d005d3bca0b121f2", "激酶使 IκBα 磷酸化", ["IκBα"]),
    ("000_d005d3bca0b121f2", "介导核转录因子 NF-κB (nuclear factor κB)", ["NF-κB"]),
    ("003_e574f4d6fa8d166e", "推测 miR-7a-5p 和 miR-233-3p 的上调", ["miR-7a-5p", "miR-233-3p"]),
    ("003_e574f4d6fa8d166e", "CaMKIIα依赖性可塑性", ["CaMKIIα"]),
    ("003_e574f4d6fa8d166e", "P2X3、P2X4、P2X7和 A1R", ["P2X3", "P2X4", "P2X7", "A1R"]),
]
# (article, sentence text fragment, tokens that must not become pattern mentions)
REJECTS = [
    ("000_d005d3bca0b121f2", "诱导 BV2 小胶质细胞激活的炎症模型中", ["BV2"]),
    ("000_d005d3bca0b121f2", "Thr172 磷酸化", ["Thr172"]),
    ("001_e4f3cd9c43015cd5", "Fig.1 Exercise relieves pain", ["Fig"]),
    ("001_e4f3cd9c43015cd5", "3 times/W, 60-135 min/W 50%-70% HRR SNCV↑ NADI 2019", ["times", "W", "HRR", "NADI", "2019"]),
    ("001_e4f3cd9c43015cd5", "30% 1-RM MNSI↓ NADI 2017", ["RM", "MNSI"]),
    ("004_731658e62f6b5a86", "导致3T下使用MEGA-PRESS扫描丘脑", ["3T", "MEGA", "PRESS", "MEGA-PRESS"]),
]


def _sentence(processed, article: str, fragment: str):
    found = [s for s in processed[article].sentences if fragment in s.text]
    assert found, f"{fragment!r} not in {article}"
    return found[0]


@pytest.mark.parametrize("article,fragment,expected", HITS)
def test_patterns_symbols_found_in_corpus_sentences(processed, article, fragment, expected):
    s = _sentence(processed, article, fragment)
    got = [s.text[a:b] for a, b in symbol_spans(s.text)]
    assert all(e in got for e in expected), got


@pytest.mark.parametrize("article,fragment,bad", REJECTS)
def test_patterns_reject_units_statistics_labels_cell_lines(processed, article, fragment, bad):
    s = _sentence(processed, article, fragment)
    got = {m.text for m in add_pattern_mentions(s.text, [], s.index)}
    assert not got & set(bad)


def test_patterns_metabolite_ratios_replace_their_parts(processed, lex):
    s = _sentence(processed, "004_731658e62f6b5a86", "的ml/Cr水平低于")
    assert [s.text[a:b] for a, b in ratio_spans(s.text)] == ["ml/Cr", "ml/tCr"]
    out = add_pattern_mentions(s.text, find_mentions(s.text, lex, s.index), s.index)
    ratio = [m for m in out if m.text == "ml/Cr"]
    assert ratio and ratio[0].matched_by == "pattern" and ratio[0].entity_id == "litmine:pattern_ml_cr"
    assert not [m for m in out if m.start >= ratio[0].start and m.end <= ratio[0].end and m is not ratio[0]]


def test_patterns_chinese_head_names_and_generic_classes():
    text = "瘦素和脂联素升高，黑素皮质素受体4与磷酸二酯酶，而转录因子、下游激酶、危险因素、蛋白酶体与磷酸化不是"
    assert [text[a:b] for a, b in head_name_spans(text)] == ["瘦素", "脂联素", "黑素皮质素受体4", "磷酸二酯酶"]


def test_patterns_never_override_lexicon_mentions(processed, lex):
    for p in processed.values():
        for s in p.sentences:
            lexicon = {(m.start, m.end) for m in find_mentions(s.text, lex, s.index)}
            ms = p.mentions.get(s.index, [])
            for m in ms:
                if m.matched_by == "pattern":
                    assert (m.start, m.end) not in lexicon
                    assert m.cls == "ratio" or not any(a < m.end and m.start < b for a, b in lexicon)
            spans = sorted((m.start, m.end) for m in ms)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def _without(lex, tmp_path: Path, surfaces: list[str]) -> str:
    """A copy of the shipped lexicon without the concepts that ``surfaces`` name."""
    from litmine.resources import lexicon_dir

    ids = {t.entity_id for w in surfaces for t in lex.terms[fold(w)[0]]}
    assert ids
    for path in lexicon_dir().glob("*.tsv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / path.name).write_text("".join(x for x in lines if x.split("\t")[0] not in ids), encoding="utf-8")
    return str(tmp_path)


def test_patterns_relations_about_molecules_the_lexicon_lacks(processed, lex, tmp_path):
    from litmine.pipeline import Settings, extract_text
    from litmine.relations import PATTERN_CONFIDENCE

    s = _sentence(processed, "000_d005d3bca0b121f2", "Kv4.2、Cav2.2 和Nav1.7")
    with_lexicon = extract_text(s.text)
    without = extract_text(s.text, settings=Settings(lexicons=_without(lex, tmp_path, ["Nav1.7", "Kv4.2", "Cav2.2"])))
    key = ["subject", "direction", "object_text"]
    assert set(map(tuple, with_lexicon[key].values)) == set(map(tuple, without[key].values))
    rows = without[without["object_text"] == "Nav1.7"]
    assert len(rows) and (rows["object_id"] == "litmine:pattern_nav1_7").all()
    lexicon_rows = with_lexicon.set_index(key).loc[[tuple(r) for r in rows[key].values]]
    assert (rows["confidence"].values <= lexicon_rows["confidence"].values * PATTERN_CONFIDENCE + 1e-4).all()
