"""The curators' HTML report, checked as HTML and in headless Chromium; judgements feed training."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, SEEDS

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
INJECTED = ('二甲双胍可通过激活 DRG 的 AMPK 来抑制 NF-κB 活化 <script>window.pwned = 1</script>'
            '<img src=x onerror="window.pwned = 2">。')


@pytest.fixture(scope="session")
def corpus_evidence():
    from litmine.pipeline import extract_files

    return extract_files([SEEDS]).frame


@pytest.fixture(scope="session")
def corpus_report(corpus_evidence, tmp_path_factory):
    from litmine.report import report

    path = tmp_path_factory.mktemp("report") / "report.html"
    report(corpus_evidence, path)
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Debian Chromium driven through its ChromeDriver; downloads go to a temp folder."""
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are not installed (scripts/setup-system.sh)")
        pytest.skip("chromium / chromedriver not installed (scripts/setup-system.sh installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def test_report_is_self_contained_and_lists_every_row(corpus_evidence, corpus_report):
    page = corpus_report.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page)   # nothing fetched
    assert "url(http" not in page and "@import" not in page
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page                         # only our script may run
    assert page.count("<li data-eid=") == len(corpus_evidence) > 100
    assert len(page.encode()) < 3_000_000, "keep the page small enough for thousands of rows"


def test_report_marks_subjects_and_objects_as_written(corpus_evidence, corpus_report):
    page = corpus_report.read_text(encoding="utf-8")
    checked = 0
    for _, rows in corpus_evidence.groupby(["doc_id", "sentence_id"]):
        spans = {(r.subject_start, r.subject_end) for r in rows.itertuples()} | {
            (r.object_start, r.object_end) for r in rows.itertuples()}
        for r in rows.itertuples():
            start, end = r.subject_start, r.subject_end
            if any(s < end and start < e and (s, e) != (start, end) for s, e in spans):
                continue    # overlapping spans of two rows: one mark, both relations listed below
            assert r.sentence[start:end] == r.subject_text
            pattern = r'role-subject" title="[^"]*">' + re.escape(html.escape(r.subject_text)) + "<"
            assert re.search(pattern, page), r.subject_text
            checked += 1
    assert checked > 0.9 * len(corpus_evidence)


def test_report_highlight_spans_never_overlap(corpus_evidence):
    from litmine.report import highlights
    from litmine.writers.html import _spans

    marks = highlights(corpus_evidence)
    for (doc_id, sid), rows in corpus_evidence.groupby(["doc_id", "sentence_id"]):
        spans = _spans(rows, marks[(doc_id, sid)])
        ends = [s["end"] for s in spans]
        assert all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:])), (doc_id, sid)
        assert len(ends) >= 2


def test_report_in_chromium_filters_marks_and_exports(corpus_evidence, corpus_report, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from litmine.aggregate import aggregate
    from litmine.train import feedback_examples

    browser.get(corpus_report.as_uri())
    rows = lambda: browser.find_elements(By.CSS_SELECTOR, "#evidence-table tbody tr")  # noqa: E731
    assert len(rows()) == len(corpus_evidence)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#graph path.edge")) == len(aggregate(corpus_evidence))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#graph circle.node")) > 50
    assert browser.get_log("browser") == []

    Select(browser.find_element(By.ID, "f-direction")).select_by_value("↓")
    assert len(rows()) == int((corpus_evidence["direction"] == "↓").sum())
    box = browser.find_element(By.ID, "f-entity")
    box.send_keys("AMPK")
    hits = corpus_evidence[(corpus_evidence["direction"] == "↓")
                           & (corpus_evidence[["subject", "subject_text", "object", "object_text"]]
                              .apply(lambda col: col.str.lower().str.contains("ampk", regex=False)).any(axis=1))]
    assert len(rows()) == len(hits) > 0

    first, second = rows()[0], rows()[1]
    first_eid, second_eid = first.get_attribute("data-eid"), second.get_attribute("data-eid")
    first.find_element(By.CSS_SELECTOR, "button[data-verdict=correct]").click()
    Select(rows()[1].find_element(By.CSS_SELECTOR, ".judge select")).select_by_value("↑")
    assert "judged-correct" in rows()[0].get_attribute("class")
    assert "judged-wrong" in rows()[1].get_attribute("class")
    assert browser.find_element(By.ID, "judged").text == "2 judged"

    edge = browser.find_elements(By.CSS_SELECTOR, "#graph path.edge")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#edge-evidence li")) >= 1

    relation = browser.find_elements(By.CSS_SELECTOR, "#documents li[data-eid]")[5]
    browser.execute_script("arguments[0].click()", relation)
    assert [r.get_attribute("data-eid") for r in rows()] == [relation.get_attribute("data-eid")]

    browser.find_element(By.ID, "export").click()
    target = browser.downloads / "litmine-judgements.csv"
    for _ in range(50):
        if target.is_file() and target.stat().st_size:
            break
        time.sleep(0.1)
    with open(target, encoding="utf-8-sig", newline="") as fh:
        exported = list(csv.DictReader(fh))
    assert {r["evidence_id"]: (r["judgement"], r["corrected_direction"]) for r in exported} == {
        first_eid: ("correct", ""), second_eid: ("wrong", "↑")}
    examples = feedback_examples(target)
    by_text = {(e.pair.subj.text, e.pair.obj.text): e.label for e in examples}
    judged = {r["evidence_id"]: r for r in exported}
    first_row = judged[first_eid]
    assert by_text[(first_row["subject_text"], first_row["object_text"])] == {"↑": "up", "↓": "down"}[first_row["direction"]]

    shot = tmp_path / "report.png"
    browser.save_screenshot(str(shot))
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the screenshot is blank"


def test_report_shows_markup_in_documents_as_text(browser, tmp_path):
    from litmine.pipeline import extract_text
    from litmine.report import report

    evidence = extract_text(INJECTED, doc_id="xss")
    assert evidence["sentence"].str.contains("<script>", regex=False).any()
    out = tmp_path / "xss.html"
    report(evidence, out)
    browser.get(out.as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    body = browser.find_element("tag name", "body").text
    assert "<script>window.pwned = 1</script>" in body
    assert 'onerror="window.pwned = 2"' in body
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0


def test_feedback_file_errors_name_file_and_line(tmp_path):
    from litmine.errors import LitmineError
    from litmine.train import feedback_examples

    bad = tmp_path / "judgements.csv"
    bad.write_text("sentence,subject_text\nx,y\n", encoding="utf-8")
    with pytest.raises(LitmineError, match="judgements.csv: not a judgements file"):
        feedback_examples(bad)
    header = ("sentence,subject_text,subject_start,subject_end,subject_type,object_text,object_start,"
              "object_end,object_type,direction,judgement,corrected_direction\n")
    bad.write_text(header + "二甲双胍激活AMPK,二甲双胍,0,4,intervention,AMPK,6,10,molecule,↑,maybe,\n", encoding="utf-8")
    with pytest.raises(LitmineError, match=r"judgements.csv:2: unknown judgement"):
        feedback_examples(bad)
    bad.write_text(header + "二甲双胍激活AMPK,二甲双胍,0,3,intervention,AMPK,6,10,molecule,↑,correct,\n", encoding="utf-8")
    with pytest.raises(LitmineError, match=r"judgements.csv:2: text\[0:3\]"):
        feedback_examples(bad)


def test_cli_report_and_bad_input(corpus_evidence, tmp_path):
    from litmine.writers import write

    table = tmp_path / "evidence.parquet"
    write(corpus_evidence.head(30), str(table))
    run = lambda *a: subprocess.run([sys.executable, "-m", "litmine", *a], capture_output=True, text=True)  # noqa: E731
    done = run("report", str(table), "-o", str(tmp_path / "r.html"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8").count("<li data-eid=") == 30
    done = run("report", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "x.html"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "missing.csv" in done.stderr and not (tmp_path / "x.html").exists()


def test_cli_extract_writes_report_too(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[3]
    done = subprocess.run([sys.executable, "-m", "litmine", "extract", str(seed), "-o", str(tmp_path / "e.csv"),
                           "--report", str(tmp_path / "e.html"), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    n_rows = len((tmp_path / "e.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert (tmp_path / "e.html").read_text(encoding="utf-8").count("<li data-eid=") == n_rows > 0


def test_train_feedback_moves_the_model_toward_the_curator(corpus_evidence, tmp_path):
    """Rows a curator marks wrong become 'none' examples: the retrained model doubts them more."""
    from litmine.pipeline import Settings, lexicon_for, model_for
    from litmine.features import pair_features
    from litmine.train import feedback_examples

    confident = corpus_evidence.sort_values("confidence", ascending=False).head(12)
    path = tmp_path / "judgements.csv"
    cols = ["doc_id", "sentence", "subject_text", "subject_start", "subject_end", "subject_type",
            "object_text", "object_start", "object_end", "object_type", "direction"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols + ["judgement", "corrected_direction"])
        for r in confident[cols].itertuples(index=False):
            w.writerow([*r, "wrong", "none"])
    lex = lexicon_for(Settings())
    pairs = [e.pair for e in feedback_examples(path)]
    before = model_for(Settings()).predict([pair_features(p, lex) for p in pairs])
    out = tmp_path / "model"
    done = subprocess.run([sys.executable, "-m", "litmine", "train", "-o", str(out), "--feedback", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"feedback_pairs": 12' in done.stdout
    after = model_for(Settings(model=str(out))).predict([pair_features(p, lex) for p in pairs])
    rel = lambda probs: sum(p["up"] + p["down"] for p in probs) / len(probs)  # noqa: E731
    assert rel(after) < rel(before)
