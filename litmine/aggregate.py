"""Evidence rows -> unique triples (subject, direction, object, region) with their support."""

from __future__ import annotations

import pandas as pd

from litmine.table import frame

TRIPLE_KEY = ["subject_id", "direction", "object_id", "region_id"]
TRIPLE_COLUMNS: dict[str, str] = {
    "subject": "string", "subject_id": "string", "subject_type": "string",
    "predicate": "string", "direction": "string",
    "object": "string", "object_id": "string", "object_type": "string",
    "region": "string", "region_id": "string",
    "n_evidence": "int64", "n_documents": "int64", "n_negated": "int64", "n_hedged": "int64",
    "mean_confidence": "float64", "max_confidence": "float64", "conflict": "bool",
    "evidence_ids": "string",
}


def evidence_ids(evidence: pd.DataFrame) -> pd.Series:
    """Stable id of each evidence row: document, sentence and the two spans."""
    return (evidence["doc_id"].astype(str) + ":" + evidence["sentence_id"].astype(str) + ":"
            + evidence["subject_start"].astype(str) + "-" + evidence["subject_end"].astype(str) + ":"
            + evidence["object_start"].astype(str) + "-" + evidence["object_end"].astype(str))


def aggregate(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (subject_id, direction, object_id, region_id), sorted by support.

    ``conflict`` is true when the same subject and object are also reported with the opposite
    direction (in any region); ``evidence_ids`` lists the supporting rows (see :func:`evidence_ids`).
    """
    if evidence.empty:
        return frame([], TRIPLE_COLUMNS)
    ev = evidence.assign(region_id=evidence["region_id"].fillna(""), _eid=evidence_ids(evidence))
    grouped = ev.groupby(TRIPLE_KEY, sort=False, dropna=False)
    rows = grouped.agg(
        subject=("subject", "first"), subject_type=("subject_type", "first"),
        predicate=("predicate", "first"), object=("object", "first"),
        object_type=("object_type", "first"), region=("region", "first"),
        n_evidence=("_eid", "size"), n_documents=("doc_id", "nunique"),
        n_negated=("negated", "sum"), n_hedged=("hedged", "sum"),
        mean_confidence=("confidence", "mean"), max_confidence=("confidence", "max"),
        evidence_ids=("_eid", lambda ids: ";".join(sorted(set(ids)))),
    ).reset_index()
    directions = ev.groupby(["subject_id", "object_id"])["direction"].nunique()
    both = set(directions[directions > 1].index)
    rows["conflict"] = [(s, o) in both for s, o in zip(rows["subject_id"], rows["object_id"])]
    rows["region_id"] = rows["region_id"].replace("", None)
    rows["mean_confidence"] = rows["mean_confidence"].round(4)
    rows = rows.sort_values(["n_evidence", "max_confidence", "subject_id", "object_id"],
                            ascending=[False, False, True, True], kind="stable")
    return frame(rows[list(TRIPLE_COLUMNS)].to_dict("records"), TRIPLE_COLUMNS)
