"""The straightforward pair-feature path, kept verbatim from before the speed work (issue 6).

Every pair is tokenized on its own through spaCy, every hedge and negation term is searched one by
one, and clauses are re-scanned for each question. ``tests/test_speed_equivalence.py`` checks that
the optimised ``litmine.features`` gives the same features and the same evidence table.
"""

from __future__ import annotations

import re
import unicodedata

from litmine import cues as cue_rules
from litmine.lexicon import _DROP, _GREEK, GREEK_WORDS
from litmine.script import to_simplified_char
from litmine.lexicon import Lexicon
from litmine.records import Mention, Pair, is_phenotype
from litmine.tokenize import spacy_tokenize

WINDOW_TOKENS = 5
_VIA = re.compile(r"通过|经由|借助|介导|through|via|by\s+\w+ing|mediated")
_BREAKS = re.compile(r"[，,；;：:]")
CLAUSE_BREAK = re.compile(r"[，,；;。：:]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b")
_ZH_SHORT_NEGATION = re.compile(r"[不未无没](?:明显|显著|能)?$")
_EN_NEGATION = re.compile(r"\b(?:not|no|never|nor|without|failed to|unable to)\b(?:\W+\w+){0,3}\W*$", re.I)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, end)), len(text))
    return left, right


def is_negated(text: str, span: tuple[int, int], cues: list[Mention], lex: Lexicon) -> bool:
    lo, hi = clause_bounds(text, *span)
    zone = text[lo:hi]
    for term, lang in lex.context.get("negation", []):
        if len(term) >= 2 and not term.isascii() and term in zone:
            return True
    for c in cues:
        if lo <= c.start < hi:
            prefix = text[lo:c.start]
            if _ZH_SHORT_NEGATION.search(prefix) or _EN_NEGATION.search(prefix):
                return True
    return False


def is_hedged(text: str, span: tuple[int, int], lex: Lexicon) -> bool:
    lo, _ = clause_bounds(text, *span)
    zone = text[max(0, lo - 20):clause_bounds(text, *span)[1]]
    for term, lang in lex.context.get("hedge", []):
        if term.isascii():
            if re.search(r"\b" + re.escape(term) + r"\b", zone, re.I):
                return True
        elif term in zone:
            return True
    return False


def _marker(m: Mention) -> str:
    if m.type == "direction":
        return f"<{m.entity}>" if m.cls in ("verb", "noun", "adj", "symbol") else m.text.lower()
    return f"<{m.type}>"


def _masked_tokens(pair: Pair, words: tuple[str, ...]) -> list[tuple[str, int, int]]:
    text = pair.sentence.text
    others = [m for m in (*pair.entities, *pair.cues) if m is not pair.subj and m is not pair.obj]
    keep = tuple(sorted((m.start, m.end) for m in (pair.subj, pair.obj, *others)))
    out = []
    for tok, a, b in spacy_tokenize(text, pair.sentence.lang, words, keep):
        if a < pair.subj.end and pair.subj.start < b:
            tok = "<S>"
        elif a < pair.obj.end and pair.obj.start < b:
            tok = "<O>"
        else:
            hit = next((m for m in others if a < m.end and m.start < b), None)
            tok = _marker(hit) if hit is not None else tok.lower()
        out.append((tok, a, b))
    return out


def _dedupe_markers(tokens: list[str]) -> list[str]:
    return [t for i, t in enumerate(tokens) if t not in ("<S>", "<O>") or i == 0 or tokens[i - 1] != t]


def pair_features(pair: Pair, lex: Lexicon) -> dict[str, object]:
    """The features of one pair, computed the straightforward way."""
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    first, second = (s, o) if s.start < o.start else (o, s)
    toks = _dedupe_markers([t for t, _, _ in _masked_tokens(pair, lex.segmenter_words)])
    i1 = toks.index("<S>" if first is s else "<O>") if ("<S>" in toks and "<O>" in toks) else 0
    i2 = toks.index("<O>" if first is s else "<S>") if ("<S>" in toks and "<O>" in toks) else len(toks)
    cues = list(pair.cues)
    span = (first.start, second.end)
    rule = cue_rules.rule_direction(text, s, o, cues) or "none"
    between_cues = [c for c in cues if first.end <= c.start and c.end <= second.start]
    symbolic = {
        "rule=" + rule: 1.0,
        "order=" + ("SO" if first is s else "OS"): 1.0,
        "passive": float(cue_rules.is_passive(text, s, o)),
        "negated": float(is_negated(text, span, cues, lex)),
        "hedged": float(is_hedged(text, span, lex)),
        "lang=" + pair.sentence.lang: 1.0,
        "subj=" + s.type: 1.0,
        "obj=" + ("phenotype" if is_phenotype(o) else o.type): 1.0,
        "n_between_cues": min(len(between_cues), 3) / 3,
        "between_cue=" + (between_cues[-1].entity if between_cues else "none"): 1.0,
        "dist": min(second.start - first.end, 120) / 120,
        "same_clause": float(clause_bounds(text, first.start, first.end)
                             == clause_bounds(text, second.start, second.end)),
    }
    symbolic.update(_relatedness(pair, first, second, between_cues))
    return {
        "between": " ".join(toks[i1:i2 + 1]),
        "left": " ".join(toks[max(0, i1 - WINDOW_TOKENS):i1 + 1]),
        "right": " ".join(toks[i2:i2 + WINDOW_TOKENS + 1]),
        "chars": text[max(0, first.start - 10):second.end + 12].replace(s.text, "Ⓢ").replace(o.text, "Ⓞ"),
        "symbolic": symbolic,
        "rule": rule,
    }


def _relatedness(pair: Pair, first, second, between_cues) -> dict[str, float]:  # type: ignore[no-untyped-def]
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    others = [m for m in pair.entities if m not in (s, o)]
    between = [m for m in others if first.end <= m.start and m.end <= second.start]
    gap = text[first.end:second.start]
    lo, _ = clause_bounds(text, s.start, s.end)
    clause_first = min((m for m in pair.entities if m.start >= lo), key=lambda m: m.start, default=s)
    cue_before_obj = [c for c in pair.cues if c.end <= o.start and o.start - c.end <= 4]
    return {
        "n_between_entities": min(len(between), 4) / 4,
        "same_type_between": float(any(m.type == o.type for m in between)),
        "breaks_between=" + str(min(len(_BREAKS.findall(gap)), 2)): 1.0,
        "via_between": float(bool(_VIA.search(gap))),
        "subj_clause_first": float(clause_first is s or clause_first == s),
        "cue_right_before_obj": float(bool(cue_before_obj)),
        "subj_sentence_first": float(min(pair.entities, key=lambda m: m.start, default=s) == s),
        "obj_then_change": float(any(second is o and o.end <= c.start <= o.end + 6 for c in pair.cues)),
    }


def fold(text: str) -> tuple[str, list[int]]:
    """lexicon.fold as it was: character by character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        for c in unicodedata.normalize("NFKC", to_simplified_char(ch)).lower():
            if c not in _DROP:
                chars.append(c)
                index.append(i)
    key = "".join(chars)
    if not _GREEK.search(key):
        return key, index
    out_chars: list[str] = []
    out_index: list[int] = []
    last = 0
    for m in _GREEK.finditer(key):
        out_chars.extend(key[last:m.start()])
        out_index.extend(index[last:m.start()])
        out_chars.append(GREEK_WORDS[m.group()])
        out_index.append(index[m.start()])
        last = m.end()
    out_chars.extend(key[last:])
    out_index.extend(index[last:])
    return "".join(out_chars), out_index
