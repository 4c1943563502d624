"""The classifier's fitted vectorizers applied fast, to the same matrices scikit-learn builds.

scikit-learn counts n-grams in a Python loop, the largest share of the classifier's time. Here the
same n-grams are counted with numpy over the whole batch (n-grams packed into 64-bit keys and
looked up in the sorted keys of the vocabulary), or in C (``Counter`` over ``map``) where that
does not apply. Rows, sorted columns, counts and dtypes are those of ``vec.transform``, so the
TF-IDF weights and the model's probabilities are bit for bit the same
(``tests/test_speed_equivalence.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import chain, repeat
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_array



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
class PackedTable:
    """An n-gram vocabulary as sorted 64-bit keys: each unit (character or word) is a small code, 0 if unseen."""

    units: dict[str, int]    # unit -> code (1 + its rank among the vocabulary's units)
    alphabet: np.ndarray     # code points of single-character units in code order (char vocabularies)
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


def _table(vocabulary: dict[str, int], split: Callable[[str], list[str]], max_n: int) -> PackedTable | None:
    """Pack a vocabulary whose terms are up to ``max_n`` units; None if the keys would not fit 64 bits."""
    parts = {term: split(term) for term in vocabulary}
    units = {u: i + 1 for i, u in enumerate(sorted({u for p in parts.values() for u in p}))}
    bits = max(1, len(units).bit_length())
    if bits * max_n + 3 > 64:
        return None
    keys = np.empty(len(parts), dtype=np.uint64)
    by_length: dict[int, list[int]] = {}
    terms = list(parts)
    for i, term in enumerate(terms):
        by_length.setdefault(len(parts[term]), []).append(i)
    for n, rows in by_length.items():     # all terms of one length at once: 0.3 s less at start-up
        codes = np.array([units[u] for i in rows for u in parts[terms[i]]], dtype=np.uint64)
        keys[rows] = _pack(codes, n, bits)[::n]     # the n-grams that start at each term's first unit
    columns = np.array([vocabulary[term] for term in terms], dtype=np.int64)
    order = np.argsort(keys)
    alphabet = np.array([ord(u) for u in units] if all(len(u) == 1 for u in units) else [], dtype=np.uint32)
    return PackedTable(units, alphabet, bits, keys[order], columns[order], max_n)


def _char_codes(table: PackedTable, text: str) -> np.ndarray:
    """The code of each character of ``text`` (0 if unseen), looked up by numpy over its code points."""
    try:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:       # lone surrogates: look characters up one by one
        return np.fromiter(map(table.units.get, text, repeat(0)), dtype=np.uint64, count=len(text))
    alphabet = table.alphabet
    rank = np.searchsorted(alphabet, points)
    known = rank < len(alphabet)
    known[known] = alphabet[rank[known]] == points[known]
    return np.where(known, rank + 1, 0).astype(np.uint64)


@lru_cache(maxsize=8)
def packed_table(vec: Any) -> PackedTable | None:
    """The packed vocabulary of a fitted vectorizer, or None when the fast path does not apply."""
    low, high = vec.ngram_range
    if not (_plain(vec) and low == 1 and high <= 4):
        return None
    if vec.analyzer == "char" and vec.lowercase:
        return _table(vec.vocabulary_, list, high)
    if vec.analyzer == "word" and not vec.lowercase and vec.token_pattern == r"\S+":
        return _table(vec.vocabulary_, str.split, high)
    return None


def packed_counts(vec: Any, docs: list[str]) -> csr_array | None:
    """``term_counts`` vectorised over the whole batch with numpy; None if it does not apply."""
    table = packed_table(vec)
    if table is None or not docs:
        return None
    if vec.analyzer == "char":
        spaces = vec._white_spaces     # the exact whitespace rule of sklearn's char analyzer
        texts = [spaces.sub(" ", doc.lower()) for doc in docs]
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        flat = _char_codes(table, "".join(texts))
    else:
        units = [doc.split() for doc in docs]
        lengths = np.fromiter(map(len, units), dtype=np.int64, count=len(units))
        flat = np.fromiter(map(table.units.get, chain.from_iterable(units), repeat(0)), dtype=np.uint64,
                           count=int(lengths.sum()))
    rows, cols = [], []
    total = len(flat)
    flat = np.concatenate([flat, np.zeros(table.max_n, dtype=np.uint64)])
    row_of = np.repeat(np.arange(len(docs)), lengths)
    left = np.repeat(lengths, lengths) - (np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    for n in range(1, table.max_n + 1):
        key = _pack(flat, n, table.bits)[:total]
        ok = left >= n                                     # the n-gram stays inside its document
        for k in range(n):                                 # and has no unit outside the vocabulary's
            ok &= flat[k:k + total] != 0
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
    counts = packed_counts(vec, docs)
    if counts is None:
        counts = term_counts(vec, docs)
    # _tfidf is the vectorizer's own fitted transformer; scikit-learn is pinned to the model's minor version.
    return vec._tfidf.transform(counts, copy=False)


def symbolic_matrix(vec: Any, dicts: list[dict[str, float]]) -> csr_array:
    """``DictVectorizer.transform`` for dicts of numbers: same columns, same values, sorted per row."""
    vocab, cast = vec.vocabulary_, vec.dtype
    # every row's names and values flattened by C-level iteration, then the unknown names dropped
    columns = np.fromiter(map(vocab.get, chain.from_iterable(dicts), repeat(-1)), dtype=np.intp)
    values = np.fromiter(chain.from_iterable(d.values() for d in dicts), dtype=cast, count=len(columns))
    rows = np.repeat(np.arange(len(dicts)), np.fromiter(map(len, dicts), dtype=np.intp, count=len(dicts)))
    known = columns >= 0
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[known], minlength=len(dicts)))])
    matrix = csr_array((values[known], columns[known].astype(np.intc), indptr.astype(np.intc)),
                       shape=(len(dicts), len(vocab)), dtype=cast)
    matrix.sort_indices()
    return matrix
