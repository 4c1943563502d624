"""Loading into a real PostgreSQL server: same schema, idempotent, one transaction per batch."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from litmine.cli import app
from tests.conftest import SEEDS

TABLES = ("documents", "sentences", "mentions", "evidence", "triples")


def counts(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as con:
        out = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
        out["orphans"] = con.execute(text(
            "SELECT count(*) FROM evidence e LEFT JOIN sentences s USING (doc_id, sentence_id) "
            "WHERE s.doc_id IS NULL")).scalar_one()
    engine.dispose()
    return out


def test_postgres_load_twice_changes_nothing(tmp_path, postgres_url):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS / "004_731658e62f6b5a86.txt", docs)
    (docs / "hostile.txt").write_text("Robert'); DROP TABLE evidence;-- 二甲双胍可激活 AMPK；SELECT 1;。\n",
                                      encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["extract", str(docs), "--db", postgres_url])
    assert first.exit_code == 0, first.output
    c1 = counts(postgres_url)
    assert c1["documents"] == 2 and c1["evidence"] > 0 and c1["triples"] > 0 and c1["orphans"] == 0
    again = runner.invoke(app, ["extract", str(docs), "--db", postgres_url])
    assert again.exit_code == 0 and counts(postgres_url) == c1
    sqlite = tmp_path / "same.sqlite"
    assert runner.invoke(app, ["extract", str(docs), "-o", str(sqlite)]).exit_code == 0
    import sqlite3

    with sqlite3.connect(sqlite) as con:
        assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == \
            {t: c1[t] for t in TABLES}


def test_postgres_unreachable_server_is_one_line(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("二甲双胍可激活 AMPK。", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(doc), "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert res.exit_code == 2 and "database error" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_postgres_failed_batch_leaves_database_as_it_was(tmp_path, postgres_url, monkeypatch):
    import litmine.writers.database as database
    from sqlalchemy.exc import OperationalError

    doc = tmp_path / "a.txt"
    doc.write_text("电针可降低脊髓背角中 TNF-α 的表达。二甲双胍可激活 AMPK。", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(doc), "--db", postgres_url]).exit_code == 0
    before = counts(postgres_url)

    def broken(con, tables):
        raise OperationalError("rebuild", {}, Exception("server went away"))

    monkeypatch.setattr(database, "rebuild_triples", broken)
    doc.write_text("运动可降低 IL-6 的水平。", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(doc), "--db", postgres_url])
    assert res.exit_code == 2 and "database error" in res.stderr
    assert counts(postgres_url) == before
