"""A normalized database of documents, sentences, mentions, evidence and triples (SQLAlchemy Core).

Loading is idempotent per document: a document's rows (found by its doc_id, or by its source path
when the file changed) are deleted and inserted again in the same transaction, and the triples
table is rebuilt from all evidence, so a second run changes nothing and leaves no orphans. Only
parameterized statements are used; table and column names are fixed here, never taken from input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from litmine.aggregate import TRIPLE_COLUMNS, aggregate, evidence_ids
from litmine.table import EVIDENCE_COLUMNS, MENTION_COLUMNS

SQL_TYPES = {"string": "text", "int64": "int", "Int64": "int", "bool": "bool", "float64": "float"}


@dataclass
class DocumentRows:
    """Everything one document contributes to the database."""

    doc_id: str
    source: str
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def engine_for(url: str):  # type: ignore[no-untyped-def]
    """A SQLAlchemy engine; ``postgresql://`` URLs use psycopg 3 (``pip install 'litmine[postgres]'``)."""
    from sqlalchemy import create_engine, event

    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda con, _: con.execute("PRAGMA foreign_keys=ON"))
    return engine


def _columns(spec: dict[str, str], skip: Iterable[str] = ()):  # type: ignore[no-untyped-def]
    from sqlalchemy import Boolean, Column, Float, Integer, Text

    kinds = {"text": Text, "int": Integer, "bool": Boolean, "float": Float}
    return [Column(name, kinds[SQL_TYPES[dtype]]()) for name, dtype in spec.items() if name not in skip]


def schema():  # type: ignore[no-untyped-def]
    """The five tables with their keys and indexes."""
    from sqlalchemy import (Column, ForeignKey, ForeignKeyConstraint, Index, Integer, MetaData, Table,
                            Text)

    md = MetaData()
    Table("documents", md, Column("doc_id", Text, primary_key=True), Column("source", Text, index=True),
          Column("n_sentences", Integer))
    Table("sentences", md,
          Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
          Column("sentence_id", Integer, primary_key=True), Column("text", Text), Column("lang", Text),
          Column("kind", Text), Column("section", Text), Column("page", Integer), Column("citations", Text))
    Table("mentions", md, Column("mention_id", Integer, primary_key=True, autoincrement=True),
          *_columns(MENTION_COLUMNS, skip=("source",)),
          ForeignKeyConstraint(["doc_id", "sentence_id"], ["sentences.doc_id", "sentences.sentence_id"],
                               ondelete="CASCADE"),
          Index("mentions_entity", "entity_id"), Index("mentions_doc", "doc_id"))
    Table("evidence", md, Column("evidence_id", Text, primary_key=True),
          *_columns(EVIDENCE_COLUMNS),
          ForeignKeyConstraint(["doc_id", "sentence_id"], ["sentences.doc_id", "sentences.sentence_id"],
                               ondelete="CASCADE"),
          Index("evidence_subject", "subject_id"), Index("evidence_object", "object_id"),
          Index("evidence_doc", "doc_id"))
    Table("triples", md, Column("triple_id", Integer, primary_key=True, autoincrement=True),
          *_columns(TRIPLE_COLUMNS),
          Index("triples_subject", "subject_id"), Index("triples_object", "object_id"))
    return md


def _records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with pandas/numpy missing values and scalars turned into plain Python values."""
    out = []
    for row in rows:
        out.append({k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else
                        v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out


def load(engine: Any, documents: list[DocumentRows]) -> None:
    """Replace these documents' rows and rebuild the triples, in one transaction."""
    from sqlalchemy import delete, insert, or_, select

    md = schema()
    md.create_all(engine)
    t = md.tables
    with engine.begin() as con:
        for doc in documents:
            old = select(t["documents"].c.doc_id).where(
                or_(t["documents"].c.doc_id == doc.doc_id, t["documents"].c.source == doc.source))
            old_ids = [r[0] for r in con.execute(old)]
            for name in ("evidence", "mentions", "sentences", "documents"):
                con.execute(delete(t[name]).where(t[name].c.doc_id.in_(old_ids)))
            con.execute(insert(t["documents"]), [{"doc_id": doc.doc_id, "source": doc.source,
                                                  "n_sentences": len(doc.sentences)}])
            for name, rows in (("sentences", doc.sentences), ("mentions", doc.mentions)):
                if rows:
                    con.execute(insert(t[name]), _records(rows))
            if doc.evidence:
                ev = pd.DataFrame(doc.evidence, columns=list(EVIDENCE_COLUMNS))
                ev.insert(0, "evidence_id", evidence_ids(ev))
                con.execute(insert(t["evidence"]), _records(ev.to_dict("records")))
        rebuild_triples(con, t)


def rebuild_triples(con: Any, tables: Any) -> None:
    """Recompute the triples table from every evidence row in the database."""
    from sqlalchemy import delete, insert, select

    cols = [tables["evidence"].c[c] for c in EVIDENCE_COLUMNS]
    ev = pd.DataFrame([tuple(r) for r in con.execute(select(*cols))], columns=list(EVIDENCE_COLUMNS))
    con.execute(delete(tables["triples"]))
    if not ev.empty:
        triples = aggregate(ev.astype(EVIDENCE_COLUMNS))
        con.execute(insert(tables["triples"]), _records(triples.to_dict("records")))
