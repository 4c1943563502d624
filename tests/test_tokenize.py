"""Tokens through spaCy with a private jieba: lexicon terms stay one token."""

from __future__ import annotations

from litmine.tokenize import tokenize


def test_tokenize_lexicon_terms_are_single_tokens(lex):
    text = "腺苷酸活化蛋白激酶可抑制脊髓背角中肿瘤坏死因子的表达"
    tokens = [t for t, _, _ in tokenize(text, "zh", lex.segmenter_words)]
    for term in ("腺苷酸活化蛋白激酶", "脊髓背角", "肿瘤坏死因子"):
        assert term in tokens, tokens


def test_tokenize_kept_spans_merge(lex):
    text = "AMPK 可 通过抑制 NF-κB 活化"
    keep = ((0, 4), (text.index("NF-κB"), text.index("NF-κB") + 5))
    tokens = tokenize(text, "zh", lex.segmenter_words, keep)
    assert ("NF-κB", keep[1][0], keep[1][1]) in tokens
    assert all(text[a:b] == t for t, a, b in tokens)


def test_tokenize_english():
    tokens = tokenize("Metformin activates AMPK in the DRG.", "en")
    assert [t for t, _, _ in tokens][:3] == ["Metformin", "activates", "AMPK"]


def test_tokenize_private_dictionary_leaves_global_jieba_alone(lex):
    import jieba

    tokenize("二甲双胍可激活脊髓背角的AMPK", "zh", lex.segmenter_words)
    assert "腺苷酸活化蛋白激酶" not in jieba.dt.FREQ


def test_tokenize_equals_spacy_on_every_corpus_sentence(processed, lex):
    # The Chinese path aligns jieba's words itself; spaCy's Doc and retokenizer must give the same
    # tokens, with every sentence's mentions kept whole (as features ask) and with none kept.
    from litmine.tokenize import spacy_tokenize

    checked = 0
    for p in processed.values():
        for s in p.sentences:
            if s.lang == "en":
                continue
            keep = tuple(sorted((m.start, m.end) for m in p.mentions.get(s.index, [])))
            for spans in (keep, ()):
                assert tokenize(s.text, s.lang, lex.segmenter_words, spans) == \
                    spacy_tokenize(s.text, s.lang, lex.segmenter_words, spans), s.text
            checked += bool(keep)
    assert checked > 500


def test_tokenize_whitespace_and_overlapping_spans_as_spacy(lex):
    from litmine.tokenize import spacy_tokenize

    text = "  AMPK  可 通过\u3000抑制 NF-κB 活化 \n二甲双胍 "
    for keep in [(), ((2, 6),), ((2, 9), (4, 12)), ((6, 8),), ((7, 8),), ((1, 3), (2, 14), (9, 20)), ((0, len(text)),)]:
        assert tokenize(text, "zh", lex.segmenter_words, keep) == spacy_tokenize(text, "zh", lex.segmenter_words, keep), keep


# Runs of ASCII jieba cuts and jieba-rs keeps whole, a dictionary word with ASCII marks (C++),
# whitespace of every kind, and Chinese around them.
SEGMENTER_EDGES = ["AMPK-related kinase 与 IL-6、3.1.1 节", "p-53 和 C-X-C 趋化因子 5-aminoimidazole-4-carboxyamide",
                   "C++ 和 AT&T 以及 50% 的 3.5 倍", "  \u3000 \n\t二甲双胍  可激活\r\nAMPK ", "", "-", "a-", "%.了是NF-κB"]


def test_tokenize_fast_segmenter_gives_jieba_words_on_every_corpus_sentence(processed, lex):
    # jieba-rs must cut exactly as the jieba.Tokenizer spaCy uses, or features (and the table) change.
    from litmine.tokenize import _fast_segmenter, _segmenter

    fast, reference = _fast_segmenter(lex.segmenter_words), _segmenter(lex.segmenter_words)
    texts = [s.text for p in processed.values() for s in p.sentences if s.lang != "en"]
    assert len(texts) > 500
    for text in texts + SEGMENTER_EDGES:
        assert fast.cut(text) == list(reference.cut(text, cut_all=False)), text


def test_tokenize_fast_segmenter_splits_ascii_runs_as_jieba(lex):
    from litmine.tokenize import _fast_segmenter

    fast = _fast_segmenter(lex.segmenter_words)
    assert fast.cut("IL-6") == ["IL", "-", "6"]
    assert fast.cut("3.1.1") == ["3.1", ".", "1"]
    assert fast.cut("C++") == ["C++"]          # a dictionary word stays whole
