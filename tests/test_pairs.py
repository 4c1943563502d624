"""Candidate pairs: which occurrences a pair takes, and which mentions are never subjects."""

from __future__ import annotations

from litmine.pairs import make_pairs


def _pairs(processed, article, start):
    p = processed[article]
    s = next(x for x in p.sentences if x.text.startswith(start))
    return s, {(q.subj.text, q.obj.text): q for q in make_pairs(s, p.mentions[s.index])}


def test_pairs_take_the_occurrence_a_cue_links(processed):
    # mTORC1作为细胞状态的感受器，葡萄糖、氨基酸、生长因子、胰岛素等均可激活 mTORC1,…: the sentence's
    # first mTORC1 is closer to 葡萄糖 than the one 激活 governs, but that one is the pair offered.
    s, pairs = _pairs(processed, "002_18e382974de4e15f", "mTORC1作为细胞状态的感受器")
    q = pairs[("葡萄糖", "mTORC1")]
    assert q.obj.start > q.subj.start and s.text[q.obj.start:q.obj.end] == "mTORC1"
    assert "激活" in s.text[q.subj.end:q.obj.start]


def test_cells_are_objects_other_sites_context(processed):
    # 小胶质细胞在神经损伤或炎症时被激活: the cells change (gold: 神经损伤 ↑ 小胶质细胞); in
    # 抑制SNI模型小鼠坐骨神经中TNF-α the sciatic nerve is where TNF-α changes, the pair's region.
    _, pairs = _pairs(processed, "001_e4f3cd9c43015cd5", "小胶质细胞在神经损伤或炎症时被激活")
    assert pairs[("神经损伤", "小胶质细胞")].obj.cls == "cell_type"
    _, pairs = _pairs(processed, "001_e4f3cd9c43015cd5", "例如 , 6周跑台训练能够显著抑制SNI")
    assert not any(o == "坐骨神经" for _, o in pairs)
    assert pairs[("跑台训练", "TNF-α")].region.text == "坐骨神经"
