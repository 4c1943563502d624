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
