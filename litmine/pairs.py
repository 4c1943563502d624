"""Candidate (subject, object) pairs in a sentence, typed by the schema's rules."""

from __future__ import annotations

from litmine import cues as cue_rules
from litmine.errors import LitmineError
from litmine.lexicon import Lexicon
from litmine.match import find_mentions
from litmine.records import Mention, Pair, Sentence
from litmine.script import detect_lang

SUBJECT_TYPES = {"intervention", "molecule", "condition"}
OBJECT_TYPES = {"molecule", "condition"}
# Cells change (activated, polarised, lost) and are objects; other anatomical sites are context.
OBJECT_SITE_CLASSES = {"cell_type"}
MAX_PAIR_CHARS = 160
MAX_PAIRS_PER_SENTENCE = 80
EN_TYPES = {"CHEMICAL": "intervention", "GENE": "molecule", "GENE-Y": "molecule", "GENE-N": "molecule"}


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _object_kind(m: Mention) -> bool:
    """Whether a mention can be a relation's object."""
    return m.type in OBJECT_TYPES or m.type == "brain_region" and m.cls in OBJECT_SITE_CLASSES


def make_pairs(sentence: Sentence, mentions: list[Mention]) -> list[Pair]:
    """Ordered candidate pairs, one occurrence per (subject, object) concept pair.

    Of a concept pair's occurrences, one that a cue links is taken first, then the closest; the
    same order decides which pairs stay when a sentence has more than MAX_PAIRS_PER_SENTENCE.
    """
    entities = [m for m in mentions if m.type != "direction"]
    cues = tuple(m for m in mentions if m.type == "direction")
    best: dict[tuple[str, str], tuple[tuple[bool, int], Mention, Mention, str]] = {}
    for s in entities:
        # the inducer of a model (LPS 刺激的巨噬细胞中) is part of a method description (docs/annotation.md)
        if s.type not in SUBJECT_TYPES or cue_rules.induces_model(sentence.text, s):
            continue
        for o in entities:
            if not _object_kind(o) or o.entity_id == s.entity_id or _overlap(s, o):
                continue
            dist = abs(s.start - o.start)
            if dist > MAX_PAIR_CHARS:
                continue
            reading = cue_rules.rule_direction(sentence.text, s, o, cues)
            rank = (reading is None, dist)
            key = (s.entity_id, o.entity_id)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, s, o, reading or "none")
    chosen = sorted(best.values(), key=lambda t: t[0])[:MAX_PAIRS_PER_SENTENCE]
    out = []
    shared = tuple(entities)   # one tuple for all pairs of the sentence: features tokenize it once
    for _, s, o, reading in sorted(chosen, key=lambda t: (t[1].start, t[2].start)):
        region = cue_rules.attach_region(sentence.text, s, o, entities)
        condition = cue_rules.attach_condition(s, o, entities)
        out.append(Pair(sentence, s, o, region, condition, cues, shared, reading))
    return out


def span_mention(text: str, span: dict, etype: str, sentence_id: int = 0) -> Mention:
    """A mention for a given span (classify-pairs input, gold data)."""
    start, end = int(span["start"]), int(span["end"])
    if text[start:end] != span.get("text", text[start:end]):
        raise LitmineError("span", f"text[{start}:{end}] is {text[start:end]!r}, not {span.get('text')!r}")
    return Mention(sentence_id, start, end, text[start:end], etype, text[start:end], "", "given", "")


def given_pair(record: dict, lex: Lexicon) -> Pair:
    """A pair from a classify-pairs record: given spans, cues found by the lexicon."""
    text = record["text"]
    sentence = Sentence(0, 0, len(text), text, detect_lang(text), "text")
    subj = span_mention(text, record["subj"], EN_TYPES.get(record["subj"].get("type", ""), "intervention"))
    obj = span_mention(text, record["obj"], EN_TYPES.get(record["obj"].get("type", ""), "molecule"))
    cues = tuple(m for m in find_mentions(text, lex) if m.type == "direction")
    return Pair(sentence, subj, obj, None, None, cues)


def judged_pair(text: str, subj: dict, obj: dict, lex: Lexicon) -> Pair:
    """A pair for a curator's judgement: given typed spans in their sentence, context from the lexicon.

    A given span that the lexicon also finds takes the lexicon's mention, so the pair looks to the
    classifier exactly as it did when it was extracted.
    """
    sentence = Sentence(0, 0, len(text), text, detect_lang(text), "text")
    found = find_mentions(text, lex)
    entities = [m for m in found if m.type != "direction"]

    def mention(span: dict) -> Mention:
        given = span_mention(text, span, span["type"])
        same = [m for m in entities if (m.start, m.end) == (given.start, given.end)]
        return same[0] if same else given

    s, o = mention(subj), mention(obj)
    region = cue_rules.attach_region(text, s, o, entities)
    condition = cue_rules.attach_condition(s, o, entities)
    return Pair(sentence, s, o, region, condition, tuple(m for m in found if m.type == "direction"), tuple(entities))
