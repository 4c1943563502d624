"""The Python API: extract_text returns the evidence table with the CLI's columns and dtypes."""

from __future__ import annotations

import litmine
from litmine.table import EVIDENCE_COLUMNS


def test_pipeline_extract_text_chain_example():
    df = litmine.extract_text("二甲双胍可通过激活 DRG 的 AMPK 来抑制 NF-κB 活化。")
    assert list(df.columns) == list(EVIDENCE_COLUMNS)
    assert {str(t) for t in df.dtypes.astype(str)} >= {"string", "int64", "bool", "float64"}
    rows = {(r.subject, r.direction, r.object) for r in df.itertuples()}
    assert ("metformin", "↑", "AMPK") in rows
    row = df[(df["subject"] == "metformin") & (df["object"] == "AMPK")].iloc[0]
    assert row["region_text"] == "DRG" and row["sentence"][row["subject_start"]:row["subject_end"]] == "二甲双胍"


def test_pipeline_extract_text_empty_and_stable_id():
    empty = litmine.extract_text("没有任何实体的句子。")
    assert len(empty) == 0 and list(empty.columns) == list(EVIDENCE_COLUMNS)
    a = litmine.extract_text("Metformin activates AMPK.", doc_id="x")
    assert (a["doc_id"] == "x").all()


def test_pipeline_citations_and_section():
    df = litmine.extract_text("二甲双胍可激活脊髓的 AMPK [12,15-17]。")
    assert len(df) >= 1
    assert (df["citations"] == "12,15-17").all() and df["page"].isna().all()


def test_pipeline_improving_an_adverse_phenotype_lowers_it():
    # 改善痛行为: pain behaviour (class adverse_phenotype) falls and is a phenotype object
    df = litmine.extract_text("二甲双胍可显著改善糖尿病大鼠的痛行为 [45]。")
    row = df[(df["subject"] == "metformin") & (df["object"] == "pain behavior")].iloc[0]
    assert (row["direction"], row["object_type"]) == ("↓", "phenotype")
