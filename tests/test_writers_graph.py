"""Graph exports, each parsed the way its target tool reads it."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from litmine.aggregate import aggregate
from litmine.cli import app
from litmine.pipeline import extract_files
from litmine.writers import export
from tests.conftest import ROOT

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "string", "string[]"}


@pytest.fixture(scope="module")
def evidence():
    return extract_files([ROOT / "corpora" / "seeds"]).frame


def test_graph_neo4j_admin_import_files(tmp_path, evidence):
    out = tmp_path / "neo"
    export(evidence, "neo4j", str(out))
    with open(out / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(out / "relationships.csv", encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert nodes[0][0].endswith(":ID") and ":LABEL" in nodes[0]
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    for field in rels[0][3:]:
        name, _, kind = field.partition(":")
        assert name and (not kind or kind in NEO4J_TYPES), field
    ids = [r[0] for r in nodes[1:]]
    assert len(ids) == len(set(ids))
    assert all(r[0] in ids and r[1] in ids and r[2] in ("INCREASES", "DECREASES") for r in rels[1:])
    header = rels[0]
    for r in rels[1:]:
        row = dict(zip(header, r))
        int(row["n_evidence:int"]), float(row["mean_confidence:float"])
        assert row["conflict:boolean"] in ("true", "false")
    assert len(rels) - 1 == len(aggregate(evidence))


def test_graph_graphml_reads_back(tmp_path, evidence):
    import networkx as nx

    out = tmp_path / "g.graphml"
    export(evidence, "graphml", str(out))
    g = nx.read_graphml(out)
    assert g.number_of_edges() == len(aggregate(evidence))
    assert all("label" in d and "type" in d for _, d in g.nodes(data=True))
    assert {d["direction"] for _, _, d in g.edges(data=True)} <= {"↑", "↓"}


def test_graph_indra_statements_parse_with_indra(tmp_path, evidence):
    from indra.statements import stmts_from_json

    out = tmp_path / "stmts.json"
    export(evidence, "indra", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    stmts = stmts_from_json(data)
    assert len(stmts) == len(data) > 0
    assert {type(s).__name__ for s in stmts} <= {"Activation", "Inhibition", "IncreaseAmount", "DecreaseAmount"}
    assert sum(len(s.evidence) for s in stmts) == len(evidence)
    ev = stmts[0].evidence[0]
    assert ev.source_api == "litmine" and ev.text and "negated" in ev.epistemics


def test_graph_cli_aggregate_and_export(tmp_path, evidence):
    table = tmp_path / "ev.parquet"
    evidence.to_parquet(table, index=False)
    runner = CliRunner()
    res = runner.invoke(app, ["aggregate", str(table), "-o", str(tmp_path / "t.sqlite")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["export", str(table), "-f", "indra", "-o", str(tmp_path / "s.json")])
    assert res.exit_code == 0 and (tmp_path / "s.json").stat().st_size > 0
    res = runner.invoke(app, ["export", str(table), "-f", "dot", "-o", str(tmp_path / "x.dot")])
    assert res.exit_code == 2 and "unknown export format 'dot'" in res.stderr
    res = runner.invoke(app, ["aggregate", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "t.csv")])
    assert res.exit_code == 2 and "missing.csv: no such file" in res.stderr
