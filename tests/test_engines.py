"""The Dask engine: a real cluster on loopback gives the table of the local engine, journal and errors included."""

from __future__ import annotations

import json
import shutil
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from litmine.cli import app
from litmine.engines import ordered_map
from litmine.errors import LitmineError
from tests.conftest import SEEDS

FEW = ["003_e574f4d6fa8d166e.txt", "004_731658e62f6b5a86.txt", "002_18e382974de4e15f.txt"]


@pytest.fixture(scope="module")
def scheduler():
    """A two-worker Dask cluster of separate processes on loopback."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture()
def corpus(tmp_path):
    """A few corpus articles, an empty file and a broken PDF in one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FEW:
        shutil.copy(SEEDS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    return folder


def _extract(*args: str) -> None:
    res = CliRunner().invoke(app, ["extract", *args])
    assert res.exit_code == 1, res.output          # the two bad inputs
    assert "broken.pdf" in res.output and "empty.txt" in res.output


def test_engines_dask_table_and_errors_match_local(tmp_path, corpus, scheduler):
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    _extract(str(corpus), "-o", str(local), "-j", "1")
    _extract(str(corpus), "-o", str(dask), "--engine", "dask", "--scheduler", scheduler)
    assert len(pd.read_csv(local)) > 100
    assert dask.read_bytes() == local.read_bytes()
    assert (tmp_path / "dask.errors.csv").read_bytes() == (tmp_path / "local.errors.csv").read_bytes()
    assert not (tmp_path / ".dask.csv.journal.jsonl").exists()


def test_engines_dask_relative_paths_resolved_here(tmp_path, corpus, scheduler, monkeypatch):
    monkeypatch.chdir(tmp_path)      # the workers were started in another folder
    _extract("in", "-o", "local.csv", "-j", "1")
    _extract("in", "-o", "dask.csv", "--engine", "dask", "--scheduler", scheduler)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert pd.read_csv(tmp_path / "dask.csv")["source"].str.startswith("in/").all()


def test_engines_dask_resume_reuses_the_journal(tmp_path, corpus, scheduler):
    from litmine.batch import Engine, extract_corpus, unique_inputs

    files = unique_inputs([corpus])
    out, journal = tmp_path / "ev.csv", tmp_path / ".ev.csv.journal.jsonl"

    def stop_after_two(outcome, seen=[]):  # noqa: B006 - counts calls within this test
        seen.append(outcome)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        extract_corpus(files, on_document=stop_after_two, journal=journal,
                       engine=Engine("dask", scheduler=scheduler))
    done = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert len(done) == 2 and done[0]["rows"]
    # mark a journaled row: if the resumed run reuses the journal, the mark reaches the table
    done[0]["rows"][0]["sentence"] = "FROM THE JOURNAL"
    journal.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in done), encoding="utf-8")
    _extract(str(corpus), "-o", str(out), "--engine", "dask", "--scheduler", scheduler, "--resume")
    table = pd.read_csv(out)
    full, _ = extract_corpus(files)
    assert len(table) == len(full.frame) and (table["sentence"] == "FROM THE JOURNAL").sum() == 1


def test_engines_dask_local_cluster_without_scheduler(tmp_path):
    distributed = pytest.importorskip("distributed")
    assert distributed
    files = [str(SEEDS / FEW[0]), str(SEEDS / FEW[1])]
    from litmine.batch import extract_one
    from litmine.pipeline import Settings

    here = list(ordered_map(extract_one, files, Settings()))
    there = list(ordered_map(extract_one, files, Settings(), engine="dask", jobs=2))
    assert [o.path for o in there] == files and there == here and len(here[0].rows) > 5


def test_engines_dask_unreachable_scheduler_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:       # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = CliRunner().invoke(app, ["extract", str(SEEDS / FEW[0]), "-o", str(tmp_path / "x.csv"),
                                   "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert res.exit_code == 2 and res.output.count("\n") == 1
    assert res.output.startswith(f"litmine: tcp://127.0.0.1:{port}: cannot reach the Dask scheduler")
    assert not (tmp_path / "x.csv").exists()


def test_engines_dask_missing_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)     # import distributed -> ImportError
    with pytest.raises(LitmineError, match=r"pip install 'litmine\[dask\]'"):
        list(ordered_map(len, ["a", "b"], engine="dask"))
    res = CliRunner().invoke(app, ["extract", str(SEEDS / FEW[0]), "-o", str(tmp_path / "x.csv"),
                                   "--engine", "dask"])
    assert res.exit_code == 2 and "pip install 'litmine[dask]'" in res.output


def test_engines_bad_engine_and_scheduler_without_dask(tmp_path):
    out = str(tmp_path / "x.csv")
    res = CliRunner().invoke(app, ["extract", str(SEEDS / FEW[0]), "-o", out, "--engine", "spark"])
    assert res.exit_code == 2 and "unknown engine 'spark'" in res.output
    res = CliRunner().invoke(app, ["extract", str(SEEDS / FEW[0]), "-o", out, "--scheduler", "tcp://h:8786"])
    assert res.exit_code == 2 and "--scheduler needs --engine dask" in res.output
    res = CliRunner().invoke(app, ["extract", str(SEEDS / FEW[0]), "-o", str(tmp_path / "x.sqlite"), "--engine", "dask"])
    assert res.exit_code == 2 and "databases are loaded in this process" in res.output
    assert not (tmp_path / "x.sqlite").exists()
