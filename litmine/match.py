"""Find lexicon mentions (entities and direction cues) in a sentence.

Matching runs on the folded key of the text with an Aho-Corasick automaton, so it does not depend
on how a segmenter splits the sentence; the longest match wins and Latin terms must sit on word
boundaries.
"""

from __future__ import annotations

from litmine.lexicon import Lexicon, Term, compact, fold
from litmine.records import Mention

ENTITY_FIRST = {"molecule": 0, "intervention": 0, "brain_region": 0, "condition": 0, "direction": 1}


def _is_word_char(ch: str) -> bool:
    """ASCII letters and digits join words; CJK, Greek and punctuation do not."""
    return ch.isascii() and ch.isalnum()


def _on_boundary(text: str, start: int, end: int) -> bool:
    """A Latin-edged match must not start or end inside a Latin word."""
    if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end]))


def _candidates(text: str, lex: Lexicon) -> list[tuple[int, int, Term]]:
    """Every lexicon hit in ``text`` as (start, end, term), before overlaps are resolved."""
    key, index = fold(text)
    found = []
    for last, (k, terms) in lex.automaton.iter(key):
        first = last - len(k) + 1
        start, end = index[first], index[last] + 1
        if not _on_boundary(text, start, end):
            continue
        surface = compact(text[start:end])
        for term in terms:
            if term.case_sensitive and surface != compact(term.surface):
                continue
            found.append((start, end, term))
            break
    return found


def resolve_overlaps(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep the longest of overlapping spans (leftmost on ties), in text order."""
    taken: list[tuple[int, int, object]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s[0])


def find_mentions(text: str, lex: Lexicon, sentence_id: int = 0) -> list[Mention]:
    """Entity and cue mentions in ``text``; offsets index ``text`` itself."""
    hits = sorted(_candidates(text, lex), key=lambda h: ENTITY_FIRST[h[2].type])
    out = []
    for start, end, term in resolve_overlaps(hits):
        if term.type == "direction" and term.entity == "none":
            continue
        out.append(Mention(sentence_id, start, end, text[start:end], term.type, term.entity,
                           term.entity_id, "lexicon", term.cls))
    return out
