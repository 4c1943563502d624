"""Plain, immutable records passed between pipeline stages."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """Raw text of one input, with the raw offsets where each PDF page starts."""

    doc_id: str
    source: str
    raw: str
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text and, for each of its characters, the raw offset it came from."""

    text: str
    raw_offsets: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text back to a raw span."""
        if start >= end:
            pos = self.raw_offsets[start] if start < len(self.raw_offsets) else (
                self.raw_offsets[-1] + 1 if self.raw_offsets else 0)
            return pos, pos
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or table row, caption, heading) with offsets into the cleaned text."""

    index: int
    start: int
    end: int
    text: str
    lang: str
    kind: str = "text"          # text | heading | table | figure | front | reference
    section: str | None = None
    citations: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Concept:
    """A lexicon entry: one concept with its names."""

    id: str
    type: str
    cls: str
    name: str
    zh: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity or direction-cue mention, with offsets into its sentence's text."""

    sentence_id: int
    start: int
    end: int
    text: str
    type: str                   # molecule | intervention | brain_region | condition | direction
    entity: str                 # canonical name, or up/down for a cue
    entity_id: str
    matched_by: str = "lexicon"
    cls: str = ""


# Condition classes reported as phenotype objects; an adverse phenotype (pain behaviour,
# hyperalgesia, inflammation) falls when it improves (改善痛行为), the others rise.
PHENOTYPE_CLASSES = ("phenotype", "adverse_phenotype")


def is_phenotype(m: Mention) -> bool:
    """A condition that is a measure, behaviour or process (the schema's phenotype objects)."""
    return m.type == "condition" and m.cls in PHENOTYPE_CLASSES


@dataclass(frozen=True, slots=True)
class Pair:
    """A candidate (subject, object) pair inside one sentence, with its context."""

    sentence: Sentence
    subj: Mention
    obj: Mention
    region: Mention | None = None
    condition: Mention | None = None
    cues: tuple[Mention, ...] = field(default=())
    entities: tuple[Mention, ...] = field(default=())
    # the cue rules' reading (up, down or none) when the maker already computed it, else None
    rule: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Relation:
    """A classified pair: direction of the object's change and how sure we are."""

    pair: Pair
    direction: str              # up | down
    confidence: float
    method: str
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of cleaned text: a paragraph run, heading, caption or table row."""

    start: int
    end: int
    kind: str       # title front abstract heading text table row figure note


def page_at(raw_offset: int, page_starts: tuple[int, ...]) -> int | None:
    """1-based page holding a raw offset, or None for text without pages."""
    return bisect_right(page_starts, raw_offset) if page_starts else None
