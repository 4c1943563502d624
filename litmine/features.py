"""Pair -> features: text views around the marked pair and the rules' readings. Shared by train and predict."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from litmine import cues as cue_rules
from litmine.lexicon import Lexicon
from litmine.records import Mention, Pair, is_phenotype
from litmine.tokenize import tokenize

WINDOW_TOKENS = 5
_VIA = re.compile(r"通过|经由|借助|介导|through|via|by\s+\w+ing|mediated")
_BREAKS = re.compile(r"[，,；;：:]")


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """Tokens of one sentence, masked for every mention; a pair only marks its subject and object."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    masked: tuple[str, ...]


def _marker(m: Mention) -> str:
    """Placeholder token for a mention that is neither subject nor object."""
    if m.type == "direction":
        return f"<{m.entity}>" if m.cls in ("verb", "noun", "adj", "symbol") else m.text.lower()
    return f"<{m.type}>"


def _keep(pair: Pair, memo: dict | None = None) -> tuple[tuple[int, int], ...]:
    """Spans merged into one token each: subject, object, the other entities and the cues.

    ``memo`` (one ``features_of`` call): when subject and object are among the sentence's
    entities, as ``make_pairs`` makes them, the spans are the sentence's and are sorted once.
    """
    if memo is not None:
        key = (id(pair.entities), id(pair.cues))
        found = memo.get(key)
        if found is None:
            spans = tuple(sorted((m.start, m.end) for m in (*pair.entities, *pair.cues)))
            found = memo[key] = (spans, {id(m) for m in pair.entities})
        if id(pair.subj) in found[1] and id(pair.obj) in found[1]:
            return found[0]
    others = [m for m in (*pair.entities, *pair.cues) if m is not pair.subj and m is not pair.obj]
    return tuple(sorted((m.start, m.end) for m in (pair.subj, pair.obj, *others)))


def sentence_tokens(pair: Pair, words: tuple[str, ...], keep: tuple[tuple[int, int], ...]) -> SentenceTokens:
    """Tokenize the pair's sentence once; each token is masked by the first mention it overlaps."""
    tokens = tokenize(pair.sentence.text, pair.sentence.lang, words, keep)
    starts = tuple(a for _, a, _ in tokens)
    ends = tuple(b for _, _, b in tokens)
    # A token that overlaps neither subject nor object gets the first overlapping mention (in
    # entity-then-cue order), which is then never the subject or object: the marker the pair
    # would choose. Tokens are sorted and disjoint, so each mention's tokens are found by bisection.
    hits: list[Mention | None] = [None] * len(tokens)
    for m in (*pair.entities, *pair.cues):
        for i in range(bisect_right(ends, m.start), bisect_left(starts, m.end)):
            if hits[i] is None:
                hits[i] = m
    masked = tuple(_marker(m) if m is not None else tok.lower() for (tok, _, _), m in zip(tokens, hits))
    return SentenceTokens(starts, ends, masked)


def _overlapping(view: SentenceTokens, m: Mention) -> range:
    """Indices of the tokens that overlap mention ``m`` (tokens are sorted and disjoint)."""
    return range(bisect_right(view.ends, m.start), bisect_left(view.starts, m.end))


def _pair_tokens(view: SentenceTokens, pair: Pair) -> list[str]:
    """The sentence's masked tokens with the pair's subject as <S> and object as <O>, runs collapsed."""
    toks = list(view.masked)
    in_obj, in_subj = _overlapping(view, pair.obj), _overlapping(view, pair.subj)
    for i in in_obj:
        toks[i] = "<O>"
    for i in in_subj:   # the subject wins a token it shares with the object
        toks[i] = "<S>"
    # Masking never writes <S> or <O> (its markers are lower case or <type>), so repeats can only
    # sit inside the two ranges; dropping them right to left keeps the earlier indices valid.
    for i in sorted({i for i in (*in_obj, *in_subj) if i > 0 and toks[i - 1] == toks[i]}, reverse=True):
        del toks[i]
    return toks


def features_of(pairs: list[Pair], lex: Lexicon, governed_only: bool = False) -> list[dict[str, object]]:
    """Features of many pairs; each sentence is tokenized once for all its pairs.

    ``governed_only``: a pair no cue governs gets only its rule reading and flags, which is all that
    extraction reads of it (``relations.decide`` never links it), and its sentence is not tokenized.
    """
    words = lex.segmenter_words
    views: dict[tuple, SentenceTokens] = {}
    firsts: dict[tuple[int, int], Mention | None] = {}   # keyed by id(entities): ``pairs`` keeps them alive
    spans: dict[tuple[int, int], tuple] = {}               # likewise, each sentence's kept spans
    out: list[dict[str, object]] = []
    for pair in pairs:
        rule = pair.rule if pair.rule is not None else \
            cue_rules.rule_direction(pair.sentence.text, pair.subj, pair.obj, list(pair.cues)) or "none"
        if governed_only and rule == "none":
            out.append({"rule": "none", "symbolic": flags_of(pair, lex)})
            continue
        keep = _keep(pair, spans)
        # Pairs of one sentence share their entity and cue tuples; ``pairs`` keeps them alive, so
        # their ids are stable keys for this call (hashing the mentions themselves costs more).
        key = (pair.sentence.text, pair.sentence.lang, id(pair.entities), id(pair.cues), keep)
        view = views.get(key)
        if view is None:
            view = views[key] = sentence_tokens(pair, words, keep)
        out.append(_features(pair, _pair_tokens(view, pair), lex, rule, firsts))
    return out


def flags_of(pair: Pair, lex: Lexicon) -> dict[str, float]:
    """Negation and hedging of the text from the pair's first mention to its second."""
    first, second = (pair.subj, pair.obj) if pair.subj.start < pair.obj.start else (pair.obj, pair.subj)
    span = (first.start, second.end)
    return {"negated": float(cue_rules.is_negated(pair.sentence.text, span, list(pair.cues), lex)),
            "hedged": float(cue_rules.is_hedged(pair.sentence.text, span, lex))}


def pair_features(pair: Pair, lex: Lexicon) -> dict[str, object]:
    """Text views (between, left, right, window) and symbolic features of one pair."""
    return features_of([pair], lex)[0]


def _features(pair: Pair, toks: list[str], lex: Lexicon, rule: str, firsts: dict) -> dict[str, object]:
    """Text views (between, left, right, window) and symbolic features of a pair and its tokens."""
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    first, second = (s, o) if s.start < o.start else (o, s)
    i1 = toks.index("<S>" if first is s else "<O>") if ("<S>" in toks and "<O>" in toks) else 0
    i2 = toks.index("<O>" if first is s else "<S>") if ("<S>" in toks and "<O>" in toks) else len(toks)
    cues = list(pair.cues)
    between_cues = [c for c in cues if first.end <= c.start and c.end <= second.start]
    symbolic = {
        "rule=" + rule: 1.0,
        "order=" + ("SO" if first is s else "OS"): 1.0,
        "passive": float(cue_rules.is_passive(text, s, o)),
        **flags_of(pair, lex),
        "lang=" + pair.sentence.lang: 1.0,
        "subj=" + s.type: 1.0,
        "obj=" + ("phenotype" if is_phenotype(o) else o.type): 1.0,
        "n_between_cues": min(len(between_cues), 3) / 3,
        "between_cue=" + (between_cues[-1].entity if between_cues else "none"): 1.0,
        "dist": min(second.start - first.end, 120) / 120,
        "same_clause": float(cue_rules.clause_bounds(text, first.start, first.end)
                             == cue_rules.clause_bounds(text, second.start, second.end)),
    }
    symbolic.update(_relatedness(pair, first, second, between_cues, firsts))
    return {
        "between": " ".join(toks[i1:i2 + 1]),
        "left": " ".join(toks[max(0, i1 - WINDOW_TOKENS):i1 + 1]),
        "right": " ".join(toks[i2:i2 + WINDOW_TOKENS + 1]),
        "chars": text[max(0, first.start - 10):second.end + 12].replace(s.text, "Ⓢ").replace(o.text, "Ⓞ"),
        "symbolic": symbolic,
        "rule": rule,
    }


def _first_from(entities: tuple[Mention, ...], lo: int, firsts: dict) -> Mention | None:
    """The first-starting entity at or after ``lo`` (the earliest listed on ties), or None."""
    key = (id(entities), lo)
    if key not in firsts:
        firsts[key] = min((m for m in entities if m.start >= lo), key=lambda m: m.start, default=None)
    return firsts[key]


def _relatedness(pair: Pair, first, second, between_cues, firsts: dict) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Cues of whether the two mentions are linked at all: competitors, breaks, adjacency.

    ``firsts``: the first entity of each (sentence, clause start), shared by the pairs of one call.
    """
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    # Subject and object cannot lie between the two (each ends after the first one's end or
    # starts before the second's start), so the sentence's entities need no filtering first.
    between = [m for m in pair.entities if first.end <= m.start and m.end <= second.start]
    gap = text[first.end:second.start]
    lo, _ = cue_rules.clause_bounds(text, s.start, s.end)
    clause_first = _first_from(pair.entities, lo, firsts)
    sentence_first = _first_from(pair.entities, -1, firsts)
    cue_before_obj = [c for c in pair.cues if c.end <= o.start and o.start - c.end <= 4]
    return {
        "n_between_entities": min(len(between), 4) / 4,
        "same_type_between": float(any(m.type == o.type for m in between)),
        "breaks_between=" + str(min(len(_BREAKS.findall(gap)), 2)): 1.0,
        "via_between": float(bool(_VIA.search(gap))),
        "subj_clause_first": float(clause_first is None or clause_first is s or clause_first == s),
        "cue_right_before_obj": float(bool(cue_before_obj)),
        "subj_sentence_first": float(sentence_first is None or sentence_first == s),
        "obj_then_change": float(any(second is o and o.end <= c.start <= o.end + 6 for c in pair.cues)),
    }
