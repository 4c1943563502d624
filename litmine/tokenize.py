"""Tokens through spaCy: Chinese with a private jieba segmenter that knows every lexicon term.

This is the only module that touches jieba and spaCy. Mention spans are merged into single
tokens after segmentation, so a lexicon term is one token whatever jieba does with it.
"""

from __future__ import annotations

from functools import cache

LEXICON_WORD_FREQ = 50_000


@cache
def _segmenter(words: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A private jieba.Tokenizer with the lexicon's words (never the global dictionary)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    seg.tmp_dir = None
    seg.initialize()
    for word in words:
        seg.add_word(word, freq=LEXICON_WORD_FREQ)
    return seg


@cache
def _nlp(lang: str, words: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A blank spaCy pipeline: Chinese with our jieba, or English."""
    import spacy

    if lang == "en":
        return spacy.blank("en")
    from spacy.lang.zh import Chinese, Segmenter

    # Built with the char segmenter and switched after, so spaCy never warms up jieba's global dict.
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer.segmenter = Segmenter.jieba
    nlp.tokenizer.jieba_seg = _segmenter(words)
    return nlp


def tokenize(text: str, lang: str, words: tuple[str, ...] = (),
             keep: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` as (text, start, end); each span in ``keep`` becomes one token."""
    nlp = _nlp("en" if lang == "en" else "zh", words)
    doc = nlp.make_doc(text)
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in keep]
    spans = [s for s in spans if s is not None and len(s) > 1]
    if spans:
        import spacy.util

        with doc.retokenize() as retok:
            for span in spacy.util.filter_spans(spans):
                retok.merge(span)
    return [(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
