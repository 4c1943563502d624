"""The CLI end to end on the bundled corpus: tables keep to SCHEMA.md, errors are one line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from litmine import __version__
from litmine.cli import app
from litmine.table import EVIDENCE_COLUMNS, MENTION_COLUMNS
from tests.conftest import ROOT, SEEDS, check_contract

runner = CliRunner()
CORPORA = str(ROOT / "corpora" / "seeds")


def test_cli_version_and_help():
    assert runner.invoke(app, ["--version"]).stdout.strip() == __version__
    out = runner.invoke(app, ["--help"]).stdout
    for command in ("extract", "mentions", "text", "classify-pairs", "train", "evaluate", "lexicon"):
        assert command in out


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_cli_mentions_formats(tmp_path, suffix):
    out = tmp_path / f"m{suffix}"
    result = runner.invoke(app, ["mentions", CORPORA, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if suffix != ".tsv":
        check_contract(out, mentions=True)
    df = pd.read_parquet(out) if suffix == ".parquet" else None
    if df is not None:
        assert list(df.columns) == list(MENTION_COLUMNS) and len(df) > 500
        assert set(df["lang"]) == {"zh", "en"}


def test_cli_extract_csv_keeps_contract(tmp_path):
    out = tmp_path / "evidence.csv"
    result = runner.invoke(app, ["extract", str(ROOT / "corpora"), "-o", str(out)])  # the README's command
    assert result.exit_code == 0, result.output
    assert check_contract(out).startswith("ok")
    df = pd.read_csv(out)
    assert list(df.columns) == list(EVIDENCE_COLUMNS) and len(df) > 50
    assert df["doc_id"].nunique() == 5


def test_cli_extract_sqlite_and_stdout(tmp_path):
    db = tmp_path / "ev.sqlite"
    assert runner.invoke(app, ["extract", str(SEEDS / "000_d005d3bca0b121f2.txt"), "-o", str(db)]).exit_code == 0
    import sqlite3

    with sqlite3.connect(db) as con:
        n = con.execute("select count(*) from evidence").fetchone()[0]
    assert n > 0
    result = runner.invoke(app, ["extract", str(SEEDS / "000_d005d3bca0b121f2.txt"), "-o", "-"])
    assert result.stdout.splitlines()[0].startswith("doc_id,source,page")


def test_cli_batch_with_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes((SEEDS / "000_d005d3bca0b121f2.txt").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "ev.csv"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("litmine:")]
    assert len(errors) == 2 and any("empty.txt: empty file" in e for e in errors)
    assert "Traceback" not in result.output
    assert pd.read_csv(out)["source"].str.endswith("good.txt").all()


def test_cli_unknown_output_format(tmp_path):
    result = runner.invoke(app, ["extract", CORPORA, "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "unknown output format" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_text_prints_sentences():
    result = runner.invoke(app, ["text", str(SEEDS / "000_d005d3bca0b121f2.txt")])
    assert result.exit_code == 0
    assert "AMPK 可通过抑制 mTOR" in result.stdout and result.stdout.startswith("[0] <title|zh|title>")
    js = runner.invoke(app, ["text", "--jsonl", str(SEEDS / "000_d005d3bca0b121f2.txt")]).stdout
    assert json.loads(js.splitlines()[0])["sentence_id"] == 0


def test_cli_lexicon_commands():
    assert runner.invoke(app, ["lexicon", "validate"]).exit_code == 0
    stats = runner.invoke(app, ["lexicon", "stats"]).stdout
    assert "molecule\tconcepts" in stats and "direction\tcues" in stats


def test_cli_classify_pairs(tmp_path):
    src = ROOT / "corpora" / "direction-en" / "train.jsonl"
    lines = src.read_text(encoding="utf-8").splitlines()[:20]
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["classify-pairs", str(inp), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and all(r["pred"] in ("up", "down", "none") and 0 <= r["score"] <= 1 for r in rows)
    assert rows[0]["id"] == json.loads(lines[0])["id"] and "label" in rows[0]


def test_cli_classify_pairs_bad_line(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["classify-pairs", str(inp), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and f"{inp}:1: not a pair record" in result.stderr


def test_cli_batch_survives_a_processing_failure(tmp_path, monkeypatch):
    import litmine.pipeline as pipeline

    real = pipeline.process

    def flaky(doc, lex):
        if doc.source.endswith("b.txt"):
            raise RuntimeError("boom")
        return real(doc, lex)

    monkeypatch.setattr(pipeline, "process", flaky)
    (tmp_path / "a.txt").write_text("二甲双胍可激活 AMPK。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("AMPK 可抑制 NF-κB。", encoding="utf-8")
    result = runner.invoke(app, ["mentions", str(tmp_path), "-o", str(tmp_path / "m.csv")])
    assert result.exit_code == 1 and "b.txt: failed while processing (RuntimeError: boom)" in result.stderr
    assert set(pd.read_csv(tmp_path / "m.csv")["source"].str[-5:]) == {"a.txt"}


def test_cli_help_one_line_per_command():
    out = runner.invoke(app, ["--help"], env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"}).stdout
    box = out[out.index("Commands"):].splitlines()[1:]
    rows = [line for line in box if line.startswith("│")]
    assert len(rows) == len(app.registered_commands) + len(app.registered_groups), rows
    assert all(line[2:4].strip() for line in rows)     # no wrapped continuation lines
