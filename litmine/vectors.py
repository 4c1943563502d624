"""The classifier's fitted vectorizers applied fast, to the same matrices scikit-learn builds.

scikit-learn counts n-grams in a Python loop, the largest share of the classifier's time. Here the
same n-grams are counted in C (``Counter`` over ``map``) or, for character n-grams, with numpy over
the whole batch. Rows, sorted columns, counts and dtypes are those of ``vec.transform``, so the
TF-IDF weights and the model's probabilities are bit for bit the same
(``tests/test_speed_equivalence.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_array

BITS_LIMIT = 15          # 4 characters of at most 15 bits each, plus the n-gram length, fit in 64 bits


def _ngrams(items: Any, low: int, high: int, join: Callable[[Any], str]) -> list:
    """All n-grams of ``items`` for n in [low, high], built by C-level maps instead of a Python loop."""
    out: list = []
    for n in range(low, min(high, len(items)) + 1):
        out.extend(map(join, zip(*(items[i:] for i in range(n)))) if n > 1 else items)
    return out


def _plain(vec: Any) -> bool:
    """No custom preprocessing, decoding or stop words: the settings the fast paths reproduce."""
    return (vec.preprocessor is None and vec.strip_accents is None and vec.input == "content"
            and vec.tokenizer is None and vec.stop_words is None and not vec.binary)


def _analyzer(vec: Any) -> Callable[[str], list[str]]:
    """The vectorizer's analyzer; for our plain settings a faster one giving the same n-grams."""
    low, high = vec.ngram_range
    if _plain(vec) and vec.analyzer == "char" and vec.lowercase:
        spaces = vec._white_spaces   # the exact whitespace rule of sklearn's char analyzer
        return lambda doc: _ngrams(spaces.sub(" ", doc.lower()), low, high, "".join)
    if _plain(vec) and vec.analyzer == "word" and not vec.lowercase:
        tokens = re.compile(vec.token_pattern).findall
        return lambda doc: _ngrams(tokens(doc), low, high, " ".join)
    return vec.build_analyzer()


def term_counts(vec: Any, docs: list[str]) -> csr_array:
    """The count matrix ``vec.transform`` starts from: the vectorizer's n-grams, counted in C."""
    analyze, get = _analyzer(vec), vec.vocabulary_.get
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:
        counts = Counter(map(get, analyze(doc)))
        counts.pop(None, None)           # n-grams outside the vocabulary
        indices.extend(counts.keys())
        values.extend(counts.values())
        indptr.append(len(indices))
    matrix = csr_array((np.asarray(values, dtype=np.intc), np.asarray(indices, dtype=np.int32),
                        np.asarray(indptr, dtype=np.int32)),
                       shape=(len(docs), len(vec.vocabulary_)), dtype=vec.dtype)
    matrix.sort_indices()
    return matrix


@dataclass(frozen=True, slots=True)
class CharTable:
    """Character n-gram vocabulary as sorted 64-bit keys: each character is a small code, 0 if unseen."""

    alphabet: np.ndarray     # sorted code points of the characters in the vocabulary
    bits: int
    keys: np.ndarray         # sorted n-gram keys
    columns: np.ndarray      # the vocabulary column of each key
    max_n: int


def _pack(codes: np.ndarray, n: int, bits: int) -> np.ndarray:
    """Keys of the n-grams starting at each position of ``codes`` (padded with n-1 zeros)."""
    key = np.full(len(codes) - n + 1, n, dtype=np.uint64)
    for k in range(n):
        key = (key << np.uint64(bits)) | codes[k:len(codes) - n + 1 + k].astype(np.uint64)
    return key


@lru_cache(maxsize=4)
def char_table(vec: Any) -> CharTable | None:
    """The packed vocabulary of a fitted char vectorizer, or None when the fast path does not apply."""
    low, high = vec.ngram_range
    if not (_plain(vec) and vec.analyzer == "char" and vec.lowercase and low == 1 and high <= 4):
        return None
    alphabet = np.array(sorted({ord(c) for term in vec.vocabulary_ for c in term}), dtype=np.uint32)
    bits = max(1, int(len(alphabet)).bit_length())
    if bits > BITS_LIMIT:
        return None
    terms = list(vec.vocabulary_)
    keys = np.empty(len(terms), dtype=np.uint64)
    by_length: dict[int, list[int]] = {}
    for i, term in enumerate(terms):
        by_length.setdefault(len(term), []).append(i)
    for n, rows in by_length.items():     # all terms of one length at once: 0.5 s less at start-up
        points = np.frombuffer("".join(terms[i] for i in rows).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = np.searchsorted(alphabet, points.reshape(len(rows), n)).astype(np.uint64) + np.uint64(1)
        key = np.full(len(rows), n, dtype=np.uint64)
        for k in range(n):
            key = (key << np.uint64(bits)) | codes[:, k]
        keys[rows] = key
    columns = [vec.vocabulary_[term] for term in terms]
    order = np.argsort(np.array(keys, dtype=np.uint64))
    return CharTable(alphabet, bits, np.array(keys, dtype=np.uint64)[order],
                     np.array(columns, dtype=np.int64)[order], high)


def _codes(table: CharTable, text: str) -> np.ndarray:
    """Small code of each character of ``text``: 1 + its rank in the alphabet, 0 if not in it."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    rank = np.searchsorted(table.alphabet, points)
    known = rank < len(table.alphabet)
    known[known] = table.alphabet[rank[known]] == points[known]
    return np.where(known, rank + 1, 0).astype(np.uint64)


def char_counts(vec: Any, docs: list[str]) -> csr_array | None:
    """``term_counts`` for a char vectorizer, vectorised over the whole batch; None if it does not apply."""
    table = char_table(vec)
    if table is None or not docs:
        return None
    spaces = vec._white_spaces
    texts = [spaces.sub(" ", doc.lower()) for doc in docs]
    try:
        codes = _codes(table, "".join(texts))
    except UnicodeEncodeError:          # lone surrogates: leave it to the plain path
        return None
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    flat = np.concatenate([codes, np.zeros(table.max_n, dtype=np.uint64)])
    row_of = np.repeat(np.arange(len(docs)), lengths)
    left = np.repeat(lengths, lengths) - (np.arange(len(row_of)) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    rows, cols = [], []
    for n in range(1, table.max_n + 1):
        key = _pack(flat, n, table.bits)[:len(row_of)]
        ok = left >= n                                     # the n-gram stays inside its document
        for k in range(n):                                 # and has no character outside the alphabet
            ok &= flat[k:k + len(row_of)] != 0
        at = np.searchsorted(table.keys, key[ok])
        at[at == len(table.keys)] = 0
        hit = table.keys[at] == key[ok]
        rows.append(row_of[ok][hit])
        cols.append(table.columns[at[hit]])
    width = len(vec.vocabulary_)
    cells, counts = np.unique(np.concatenate(rows) * width + np.concatenate(cols), return_counts=True)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(cells // width, minlength=len(docs)))])
    matrix = csr_array((counts.astype(np.intc), (cells % width).astype(np.int32), indptr.astype(np.int32)),
                       shape=(len(docs), width), dtype=vec.dtype)
    matrix.sort_indices()
    return matrix


def tfidf(vec: Any, docs: list[str]) -> csr_array:
    """``vec.transform(docs)`` of a fitted TfidfVectorizer, with fast counting."""
    counts = char_counts(vec, docs) if vec.analyzer == "char" else None
    if counts is None:
        counts = term_counts(vec, docs)
    # _tfidf is the vectorizer's own fitted transformer; scikit-learn is pinned to the model's minor version.
    return vec._tfidf.transform(counts, copy=False)


def symbolic_matrix(vec: Any, dicts: list[dict[str, float]]) -> csr_array:
    """``DictVectorizer.transform`` for dicts of numbers: same columns, same values, sorted per row."""
    vocab, cast = vec.vocabulary_, vec.dtype
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for d in dicts:
        for name, value in d.items():
            if name in vocab:
                indices.append(vocab[name])
                values.append(cast(value))
        indptr.append(len(indices))
    matrix = csr_array((values, np.asarray(indices, dtype=np.intc), indptr),
                       shape=(len(dicts), len(vocab)), dtype=cast)
    matrix.sort_indices()
    return matrix
