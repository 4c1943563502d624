"""The optimised path (issue 6) gives exactly what the straightforward path gives.

The reference is tests/reference_path.py (per-pair spaCy tokenization, term-by-term cue scans),
scikit-learn's own TF-IDF transform and the model scoring every candidate pair; features,
matrices and evidence tables must be equal.
"""

from __future__ import annotations

import pytest

from litmine import features, relations
from litmine.pipeline import Settings, evidence_of, model_for, pairs_of
from litmine.table import evidence_frame
from tests import reference_path
from tests.conftest import ARTICLES


@pytest.mark.parametrize("name", ARTICLES)
def test_speed_features_identical_to_reference(processed, lex, name):
    pairs = pairs_of(processed[name])
    assert len(pairs) > 100
    fast = features.features_of(pairs, lex)
    slow = [reference_path.pair_features(p, lex) for p in pairs]
    diffs = [(p.sentence.index, p.subj.text, p.obj.text) for p, a, b in zip(pairs, fast, slow) if a != b]
    assert diffs == []


def test_speed_evidence_table_identical_to_reference(processed, lex, monkeypatch):
    clf = model_for(Settings())
    fast = [evidence_frame(evidence_of(processed[n], lex, clf)) for n in ARTICLES]
    # the reference scores every pair, also those no cue governs (which extraction skips)
    monkeypatch.setattr(relations, "features_of",
                        lambda pairs, lex, governed_only=False: [reference_path.pair_features(p, lex) for p in pairs])
    monkeypatch.setattr(relations, "predict_governed", lambda clf, feats: clf.predict(feats))
    monkeypatch.setattr(relations, "tfidf", lambda vec, docs: vec.transform(docs))
    monkeypatch.setattr(relations, "symbolic_matrix", lambda vec, dicts: vec.transform(dicts))
    slow = [evidence_frame(evidence_of(processed[n], lex, clf)) for n in ARTICLES]
    assert sum(len(f) for f in fast) > 500
    for a, b in zip(fast, slow):
        assert a.equals(b)


def test_speed_tfidf_identical_to_scikit_learn(processed, lex):
    from litmine.vectors import packed_counts, symbolic_matrix, tfidf

    clf = model_for(Settings())
    feats = [f for n in ARTICLES for f in features.features_of(pairs_of(processed[n]), lex)]
    for view in ("between", "left", "right", "chars"):    # the numpy path runs for every text view
        assert packed_counts(clf.parts[view], [f[view] for f in feats[:50]]) is not None
    for view in ("between", "left", "right", "chars"):
        vec = clf.parts[view]
        docs = [f[view] for f in feats]
        fast, slow = tfidf(vec, docs), vec.transform(docs)
        assert fast.shape == slow.shape and fast.nnz == slow.nnz > len(docs)
        assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
        assert (fast.data == slow.data).all()   # bit for bit, not approximately
    vec = clf.parts["symbolic"]
    fast, slow = symbolic_matrix(vec, [f["symbolic"] for f in feats]), vec.transform([f["symbolic"] for f in feats])
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
    assert (fast.data == slow.data).all() and fast.shape == slow.shape
    # rows with no features, unknown names only, and a mix
    edge = [{}, {"no such feature": 1.0}, {"passive": 1.0, "no such feature": 2.0, "dist": 0.25}, {}]
    fast, slow = symbolic_matrix(vec, edge), vec.transform(edge)
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
    assert (fast.data == slow.data).all() and fast.shape == slow.shape and fast.dtype == slow.dtype


def test_speed_clause_bounds_identical_to_scans(processed):
    from litmine.cues import clause_bounds

    texts = ["AMPKand butter, whereas鼠 and NF-κB; but: while", "and", "",
             *[s.text for s in processed[ARTICLES[1]].sentences[:80]]]
    checked = 0
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, min(len(text), start + 12) + 1):
                assert clause_bounds(text, start, end) == reference_path.clause_bounds(text, start, end), (text, start, end)
                checked += 1
    assert checked > 10_000


def test_speed_fold_identical_to_char_by_char(seed_text):
    from litmine.lexicon import fold

    lines = [line for text in seed_text.values() for line in text.splitlines()]
    lines += ["TNF-alpha ＡＭＰＫ　β-Arrestin ﬁ İstanbul 電針 NF‐κB x²", "", "--"]
    assert sum(len(line) for line in lines) > 30_000
    assert [fold(line) for line in lines] == [reference_path.fold(line) for line in lines]


def test_speed_tfidf_edge_documents_identical_to_scikit_learn():
    from litmine.vectors import tfidf

    clf = model_for(Settings())
    docs = ["", " ", "<S>", "<S> <S> <S> <S> <O>", "未见过的词 <S> 激活 <O> 未见过的词", "\ud800 孤 <O>",
            "AMPK  激活\tNF-κB", "<O> 的 <O> 的 <O> 的"]
    for view in ("between", "left", "right", "chars"):
        vec = clf.parts[view]
        fast, slow = tfidf(vec, docs), vec.transform(docs)
        assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
        assert (fast.data == slow.data).all() and fast.shape == slow.shape


def test_speed_tables_identical_to_a_cast_frame(processed, lex):
    import pandas as pd

    from litmine.pipeline import mention_rows
    from litmine.table import EVIDENCE_COLUMNS, MENTION_COLUMNS, frame

    clf = model_for(Settings())
    for name in ARTICLES:
        for rows, columns in ((evidence_of(processed[name], lex, clf), EVIDENCE_COLUMNS),
                              (list(mention_rows(processed[name])), MENTION_COLUMNS), ([], EVIDENCE_COLUMNS)):
            cast = pd.DataFrame(rows, columns=list(columns)).astype(columns)   # the straightforward frame
            fast = frame(rows, columns)
            assert fast.equals(cast) and list(fast.dtypes.astype(str)) == list(cast.dtypes.astype(str))
            assert len(fast) == len(rows)
