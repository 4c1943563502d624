"""Tokens: Chinese from a private jieba segmenter that knows every lexicon term, English through spaCy.

This is the only module that touches jieba and spaCy. Mention spans are merged into single
tokens after segmentation, so a lexicon term is one token whatever jieba does with it. Chinese
text is cut by jieba-rs (``rjieba``: jieba's dictionary and algorithm compiled, about 10x faster),
made to give jieba's words (``_JiebaWords``); Python jieba stays the reference spaCy uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

LEXICON_WORD_FREQ = 50_000
# jieba's HMM step cuts a run of ASCII it does not know into these pieces (jieba.finalseg.re_skip);
# jieba-rs keeps such a run whole (``IL-6``, ``3.1.1``).
_ASCII_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]{2,}")
_HMM_PIECES = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


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


class _JiebaWords:
    """jieba-rs with the lexicon's words, cutting text into exactly jieba's words (tests/test_tokenize.py)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        import rjieba

        self._seg = rjieba.Jieba()
        for word in words:
            self._seg.add_word(word, LEXICON_WORD_FREQ, None)

    def cut(self, text: str, cut_all: bool = False) -> list[str]:
        """Words of ``text`` in precise mode with the HMM, as ``jieba.Tokenizer.cut`` gives them."""
        out: list[str] = []
        for word in self._seg.cut(text):
            if _ASCII_RUN.fullmatch(word) and not self._seg.has_word(word):
                out.extend(piece for piece in _HMM_PIECES.split(word) if piece)
            else:
                out.append(word)
        return out


@cache
def _fast_segmenter(words: tuple[str, ...]) -> _JiebaWords:
    """The segmenter ``tokenize`` uses for Chinese (one per lexicon)."""
    return _JiebaWords(words)


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
    """Tokens of ``text`` as (text, start, end); each span in ``keep`` becomes one token.

    Chinese is segmented by jieba and aligned as spaCy's Chinese tokenizer aligns it, without
    building a spaCy Doc (a third of the time; ``spacy_tokenize`` is the same through spaCy, and
    tests/test_tokenize.py compares the two on every corpus sentence). English goes through spaCy.
    """
    if lang == "en":
        return spacy_tokenize(text, lang, words, keep)
    starts, ends, spaces = _aligned(text, _fast_segmenter(words))
    spans = sorted({_expand(starts, ends, spaces, a, b) for a, b in keep} - {None},
                   key=lambda t: (t[0] - t[1], t[0]))
    merged: dict[int, int] = {}     # first token of a kept span -> one past its last token
    seen: set[int] = set()
    for first, last in spans:       # longest first, then leftmost: spaCy's filter_spans
        if last - first > 1 and first not in seen and last - 1 not in seen:
            merged[first] = last
            seen.update(range(first, last))
    out = []
    i = 0
    while i < len(starts):
        last = merged.get(i, i + 1)
        a, b = starts[i], ends[last - 1]
        if not text[a:b].isspace():
            out.append((text[a:b], a, b))
        i = last
    return out


def _aligned(text: str, seg) -> tuple[list[int], list[int], list[bool]]:  # type: ignore[no-untyped-def]
    """Token starts, ends and trailing-space flags as spaCy.util.get_words_and_spaces gives them."""
    starts: list[int] = []
    ends: list[int] = []
    spaces: list[bool] = []
    pos = 0
    for word in seg.cut(text, cut_all=False):
        if not word or word.isspace():
            continue
        at = text.index(word, pos)
        if at > pos:                 # whitespace not taken as a token's trailing space is a token
            starts.append(pos)
            ends.append(at)
            spaces.append(False)
        starts.append(at)
        ends.append(at + len(word))
        spaces.append(False)
        pos = at + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        starts.append(pos)
        ends.append(len(text))
        spaces.append(False)
    return starts, ends, spaces


def _expand(starts: list[int], ends: list[int], spaces: list[bool], a: int, b: int) -> tuple[int, int] | None:
    """Tokens [first, last) that Doc.char_span(a, b, alignment_mode="expand") covers, or None."""
    first, last = _token_at(starts, ends, spaces, a), _token_at(starts, ends, spaces, b - 1)
    if first < 0 or last < 0:
        return None
    if a == ends[first]:             # a trailing space is not part of the token before it
        first += 1
    return first, last + 1


def _token_at(starts: list[int], ends: list[int], spaces: list[bool], char: int) -> int:
    """Index of the token whose characters (with its trailing space) hold ``char``, or -1."""
    i = bisect_right(starts, char) - 1
    return i if i >= 0 and char < ends[i] + spaces[i] else -1


def spacy_tokenize(text: str, lang: str, words: tuple[str, ...] = (),
                   keep: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, int, int]]:
    """``tokenize`` through a spaCy Doc and its retokenizer (English, and the reference for Chinese)."""
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
