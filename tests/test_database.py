"""The normalized SQLite database: keys, idempotent reloads, changed documents, hostile text."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from litmine.cli import app
from tests.conftest import SEEDS

TABLES = ("documents", "sentences", "mentions", "evidence", "triples")
ORPHANS = [
    "SELECT count(*) FROM sentences s LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
    "SELECT count(*) FROM mentions m LEFT JOIN sentences s USING (doc_id, sentence_id) WHERE s.doc_id IS NULL",
    "SELECT count(*) FROM evidence e LEFT JOIN sentences s USING (doc_id, sentence_id) WHERE s.doc_id IS NULL",
]


def counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def extract(*args) -> None:
    result = CliRunner().invoke(app, ["extract", *map(str, args)])
    assert result.exit_code == 0, result.output


@pytest.fixture()
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("000_d005d3bca0b121f2.txt", "004_731658e62f6b5a86.txt"):
        shutil.copy(SEEDS / name, docs / name)
    return docs


def test_database_second_run_changes_nothing(tmp_path, folder):
    db = tmp_path / "litmine.sqlite"
    extract(folder, "-o", db)
    first = counts(db)
    assert first["documents"] == 2 and all(first[t] > 0 for t in TABLES)
    extract(folder, "-o", db)
    assert counts(db) == first
    with sqlite3.connect(db) as con:
        assert all(con.execute(q).fetchone()[0] == 0 for q in ORPHANS)
        ids = con.execute("SELECT evidence_id FROM evidence").fetchall()
        assert len(ids) == len(set(ids))


def test_database_changed_document_replaces_its_rows(tmp_path, folder):
    db = tmp_path / "litmine.sqlite"
    extract(folder, "-o", db)
    before = counts(db)
    changed = folder / "004_731658e62f6b5a86.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n电针可降低脊髓背角中 TNF-α 的表达。\n",
                       encoding="utf-8")
    extract(folder, "-o", db)
    after = counts(db)
    assert after["documents"] == 2 and after["sentences"] == before["sentences"] + 1
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(DISTINCT doc_id) FROM sentences").fetchone()[0] == 2
        assert all(con.execute(q).fetchone()[0] == 0 for q in ORPHANS)


def test_database_hostile_text_loads_like_any_other(tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text("Robert'); DROP TABLE evidence;-- 报道：二甲双胍可激活 AMPK \"; SELECT * FROM documents; --。\n",
                   encoding="utf-8")
    db = tmp_path / "litmine.sqlite"
    extract(doc, "-o", db)
    extract(doc, "-o", db)
    c = counts(db)
    assert c["documents"] == 1 and c["evidence"] >= 1
    with sqlite3.connect(db) as con:
        text = con.execute("SELECT text FROM sentences").fetchone()[0]
    assert "DROP TABLE evidence" in text


def test_database_documented_queries_run(tmp_path, folder):
    import re

    from tests.conftest import ROOT

    db = tmp_path / "litmine.sqlite"
    extract(folder, "-o", db)
    doc = (ROOT / "docs" / "database.md").read_text(encoding="utf-8")
    statements = [s.strip() for s in re.search(r"```sql\n(.*?)```", doc, re.S).group(1).split(";") if s.strip()]
    assert len(statements) >= 5
    with sqlite3.connect(db) as con:
        results = [con.execute(s).fetchall() for s in statements]
    assert sum(1 for r in results if r) >= 4
