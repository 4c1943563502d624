"""Where each block sits: title, abstract, the heading it falls under, table, figure."""

from __future__ import annotations

import re

from litmine.records import Block

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*\.?)\s*")
FIXED = {"title": "title", "abstract": "abstract", "table": "table", "row": "table",
         "note": "table", "figure": "figure", "front": "front"}


def heading_label(text: str) -> str:
    """A heading without its numbering: ``3.1 前扣带回`` -> ``前扣带回``."""
    return _NUMBERING.sub("", text).strip() or text.strip()


def label_sections(blocks: tuple[Block, ...], text: str) -> list[str | None]:
    """Section label for each block (None for body text before any heading)."""
    current: str | None = None
    labels: list[str | None] = []
    for block in blocks:
        if block.kind == "heading":
            current = heading_label(text[block.start:block.end])
            labels.append(current)
        else:
            labels.append(FIXED.get(block.kind, current))
    return labels
