"""Whole-corpus extraction: same table whatever --jobs, duplicates once, failures in an errors file."""

from __future__ import annotations

import shutil

import pandas as pd
from typer.testing import CliRunner

from litmine.batch import extract_corpus, unique_inputs
from litmine.cli import app
from tests.conftest import SEEDS


def test_batch_jobs_do_not_change_the_table():
    files = unique_inputs([SEEDS])
    one, _ = extract_corpus(files, jobs=1)
    two, _ = extract_corpus(files, jobs=2)
    assert len(one.frame) > 100 and one.frame.equals(two.frame)


def test_batch_duplicates_processed_once(tmp_path):
    for name in ("a.txt", "copy-of-a.txt"):
        shutil.copy(SEEDS / "004_731658e62f6b5a86.txt", tmp_path / name)
    assert [p.rsplit("/", 1)[-1] for p in unique_inputs([tmp_path])] == ["a.txt"]


def test_batch_errors_file_next_to_table(tmp_path):
    shutil.copy(SEEDS / "004_731658e62f6b5a86.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out" / "ev.csv"
    out.parent.mkdir()
    res = CliRunner().invoke(app, ["extract", str(tmp_path), "-o", str(out), "-j", "2"])
    assert res.exit_code == 1
    errors = pd.read_csv(out.parent / "ev.errors.csv")
    assert list(errors.columns) == ["path", "stage", "reason"]
    assert sorted(errors["path"].str.rsplit("/", n=1).str[-1]) == ["bad.pdf", "empty.txt"]
    assert set(errors["stage"]) == {"read"}
    assert pd.read_csv(out)["source"].str.endswith("good.txt").all()
    # fixed inputs, run again: the errors file of the earlier run goes
    (tmp_path / "empty.txt").unlink()
    (tmp_path / "bad.pdf").unlink()
    res = CliRunner().invoke(app, ["extract", str(tmp_path), "-o", str(out), "-j", "1"])
    assert res.exit_code == 0 and not (out.parent / "ev.errors.csv").exists()


def test_batch_resume_after_interruption(tmp_path, monkeypatch):
    import litmine.batch as batch

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "ev.csv"
    journal = tmp_path / ".ev.csv.journal.jsonl"
    files = unique_inputs([corpus])
    full, _ = extract_corpus(files)

    def interrupt_after_two(outcome, seen=[]):  # noqa: B006 - counts calls within this test
        seen.append(outcome)
        if len(seen) == 2:
            raise KeyboardInterrupt

    try:
        extract_corpus(files, on_document=interrupt_after_two, journal=journal)
    except KeyboardInterrupt:
        pass
    assert len(journal.read_text(encoding="utf-8").splitlines()) == 2 and not out.exists()

    processed = []
    real = batch.extract_one
    monkeypatch.setattr(batch, "extract_one", lambda path, settings: processed.append(path) or real(path, settings))
    res = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(out), "--resume", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert len(processed) == len(files) - 2
    resumed = pd.read_csv(out)
    assert len(resumed) == len(full.frame)
    assert list(resumed["sentence"]) == list(full.frame["sentence"])
    assert not journal.exists()


def test_batch_workers_fork_after_the_warm_up():
    import subprocess
    import sys

    # a fresh interpreter: after a --jobs 2 batch the parent holds the segmenters its workers inherited
    probe = ("from litmine.batch import extract_corpus, unique_inputs\nfrom litmine import tokenize\n"
             f"files = unique_inputs([{str(SEEDS)!r}])[:2]\n"
             "before = tokenize._fast_segmenter.cache_info().currsize\n"
             "extract_corpus(files, jobs=2)\n"
             "print(before, tokenize._fast_segmenter.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1"]


def test_batch_broken_lexicon_reported_per_document_with_two_jobs(tmp_path):
    from litmine.pipeline import Settings

    files = unique_inputs([SEEDS])[:2]
    result, error_rows = extract_corpus(files, Settings(lexicons=str(tmp_path / "missing")), jobs=2)
    assert result.frame.empty and result.documents == 0
    assert [r["stage"] for r in error_rows] == ["extract", "extract"]
