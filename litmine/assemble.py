"""Relations -> evidence rows: names, ids, direction of the object's change, context, provenance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from litmine.records import Document, Mention, Relation, is_phenotype
from litmine.table import SCHEMA_VERSION

PREDICATES = {"up": ("increases", "↑"), "down": ("decreases", "↓")}


def _object_type(m: Mention) -> str:
    """Schema object type: conditions of a phenotype class are phenotypes."""
    return "phenotype" if is_phenotype(m) else m.type


def _entity(prefix: str, m: Mention, object_role: bool) -> dict[str, Any]:
    return {prefix: m.entity, f"{prefix}_id": m.entity_id,
            f"{prefix}_type": _object_type(m) if object_role else m.type,
            f"{prefix}_text": m.text, f"{prefix}_start": m.start, f"{prefix}_end": m.end}


def evidence_rows(doc: Document, relations: list[Relation]) -> Iterator[dict[str, Any]]:
    """One evidence row per relation, in sentence order."""
    for r in relations:
        p, s = r.pair, r.pair.sentence
        predicate, arrow = PREDICATES[r.direction]
        yield {
            "doc_id": doc.doc_id, "source": doc.source, "page": s.page, "sentence_id": s.index,
            "sentence": s.text, "lang": s.lang,
            **_entity("subject", p.subj, False),
            "predicate": predicate, "direction": arrow,
            **_entity("object", p.obj, True),
            "region": p.region.entity if p.region else None,
            "region_id": p.region.entity_id if p.region else None,
            "region_text": p.region.text if p.region else None,
            "condition": p.condition.entity if p.condition else None,
            "negated": r.negated, "hedged": r.hedged, "confidence": r.confidence, "method": r.method,
            "citations": s.citations, "section": s.section, "schema_version": SCHEMA_VERSION,
        }
