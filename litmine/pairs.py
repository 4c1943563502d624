"""Candidate (subject, object) pairs in a sentence, typed by the schema's rules."""

from __future__ import annotations

from litmine import cues as cue_rules
from litmine.records import Mention, Pair, Sentence

SUBJECT_TYPES = {"intervention", "molecule", "condition"}
OBJECT_TYPES = {"molecule", "condition"}
MAX_PAIR_CHARS = 160
MAX_PAIRS_PER_SENTENCE = 80


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def make_pairs(sentence: Sentence, mentions: list[Mention]) -> list[Pair]:
    """Ordered candidate pairs, the closest occurrence per (subject, object) concept pair."""
    entities = [m for m in mentions if m.type != "direction"]
    cues = tuple(m for m in mentions if m.type == "direction")
    best: dict[tuple[str, str], tuple[int, Mention, Mention]] = {}
    for s in entities:
        if s.type not in SUBJECT_TYPES:
            continue
        for o in entities:
            if o.type not in OBJECT_TYPES or o.entity_id == s.entity_id or _overlap(s, o):
                continue
            dist = abs(s.start - o.start)
            if dist > MAX_PAIR_CHARS:
                continue
            key = (s.entity_id, o.entity_id)
            if key not in best or dist < best[key][0]:
                best[key] = (dist, s, o)
    chosen = sorted(best.values(), key=lambda t: t[0])[:MAX_PAIRS_PER_SENTENCE]
    out = []
    for _, s, o in sorted(chosen, key=lambda t: (t[1].start, t[2].start)):
        region = cue_rules.attach_region(sentence.text, s, o, entities)
        condition = cue_rules.attach_condition(s, o, entities)
        out.append(Pair(sentence, s, o, region, condition, cues))
    return out
