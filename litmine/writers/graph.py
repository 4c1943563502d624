"""Graph exports of an evidence table: neo4j-admin import CSVs, GraphML, INDRA statements JSON."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from litmine.aggregate import aggregate, evidence_ids

LABELS = {"molecule": "Molecule", "intervention": "Intervention", "condition": "Condition",
          "phenotype": "Phenotype", "brain_region": "BrainRegion"}
REL_TYPES = {"↑": "INCREASES", "↓": "DECREASES"}
_ACTIVITY = re.compile(r"激活|活化|抑制|磷酸化|activat|inhibit|phosphorylat", re.IGNORECASE)
INDRA_NAMESPACES = {"HGNC": "HGNC", "MESH": "MESH", "CHEBI": "CHEBI", "UBERON": "UBERON", "litmine": "LITMINE"}


def _nodes(triples: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Node id -> (name, type) for every subject and object."""
    nodes: dict[str, tuple[str, str]] = {}
    for role in ("subject", "object"):
        for cid, name, kind in zip(triples[f"{role}_id"], triples[role], triples[f"{role}_type"]):
            nodes.setdefault(str(cid), (str(name), str(kind)))
    return nodes


def write_neo4j(evidence: pd.DataFrame, folder: Path) -> None:
    """``nodes.csv`` and ``relationships.csv`` with neo4j-admin import headers (``:ID``, ``:LABEL``...)."""
    triples = aggregate(evidence)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id:ID", "name", "type", ":LABEL"])
        for cid, (name, kind) in sorted(_nodes(triples).items()):
            w.writerow([cid, name, kind, f"Entity;{LABELS.get(kind, 'Entity')}"])
    with open(folder / "relationships.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "region", "region_id", "n_evidence:int",
                    "n_documents:int", "mean_confidence:float", "max_confidence:float", "conflict:boolean",
                    "evidence_ids:string[]"])
        for t in triples.itertuples(index=False):
            w.writerow([t.subject_id, t.object_id, REL_TYPES[t.direction], _text(t.region), _text(t.region_id),
                        t.n_evidence, t.n_documents, t.mean_confidence, t.max_confidence,
                        str(bool(t.conflict)).lower(), t.evidence_ids])


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def write_graphml(evidence: pd.DataFrame, path: Path) -> None:
    """A directed multigraph of the aggregated triples, for Cytoscape and Gephi."""
    import networkx as nx

    triples = aggregate(evidence)
    g = nx.MultiDiGraph()
    for cid, (name, kind) in sorted(_nodes(triples).items()):
        g.add_node(cid, label=name, type=kind)
    for t in triples.itertuples(index=False):
        g.add_edge(t.subject_id, t.object_id, direction=t.direction, predicate=t.predicate,
                   region=_text(t.region), n_evidence=int(t.n_evidence), n_documents=int(t.n_documents),
                   mean_confidence=float(t.mean_confidence), conflict=bool(t.conflict))
    nx.write_graphml(g, path, encoding="utf-8")


def _agent(name: str, cid: str, text: str) -> dict:
    """An INDRA Agent: name and db_refs in INDRA's namespaces (CHEBI keeps its prefix)."""
    prefix, _, local = cid.partition(":")
    ns = INDRA_NAMESPACES.get(prefix, prefix.upper())
    return {"name": name, "db_refs": {ns: cid if ns == "CHEBI" else local, "TEXT": text}}


def _statement_type(row: pd.Series) -> str:
    """Activation/Inhibition for activity changes of molecules, else IncreaseAmount/DecreaseAmount."""
    up = row["direction"] == "↑"
    if row["object_type"] == "molecule" and _ACTIVITY.search(row["sentence"]):
        return "Activation" if up else "Inhibition"
    return "IncreaseAmount" if up else "DecreaseAmount"


def indra_statements(evidence: pd.DataFrame) -> list[dict]:
    """INDRA statement JSON, one statement per triple with all its evidence."""
    ev = evidence.assign(_eid=evidence_ids(evidence))
    out = []
    keys = ["subject_id", "object_id", "direction"]
    for _, rows in ev.groupby(keys, sort=True):
        first = rows.iloc[0]
        stmt = {"type": _statement_type(first),
                "subj": _agent(first["subject"], first["subject_id"], first["subject_text"]),
                "obj": _agent(first["object"], first["object_id"], first["object_text"]),
                "belief": round(float(rows["confidence"].max()), 4),
                "evidence": [_evidence(r) for _, r in rows.iterrows()]}
        out.append(stmt)
    return out


def _evidence(r: pd.Series) -> dict:
    return {"source_api": "litmine", "source_id": r["_eid"], "text": r["sentence"],
            "annotations": {"doc_id": r["doc_id"], "source": r["source"], "sentence_id": int(r["sentence_id"]),
                            "region": _text(r["region"]), "region_id": _text(r["region_id"]),
                            "condition": _text(r["condition"]), "citations": _text(r["citations"]),
                            "confidence": float(r["confidence"]), "method": r["method"], "lang": r["lang"],
                            "page": None if pd.isna(r["page"]) else int(r["page"])},
            "epistemics": {"negated": bool(r["negated"]), "hedged": bool(r["hedged"]),
                           "section_type": _text(r["section"]) or None, "direct": True}}


def write_indra(evidence: pd.DataFrame, path: Path) -> None:
    """INDRA statements as a JSON list."""
    path.write_text(json.dumps(indra_statements(evidence), ensure_ascii=False, indent=1), encoding="utf-8")


EXPORTERS = {"neo4j": write_neo4j, "graphml": write_graphml, "indra": write_indra}
