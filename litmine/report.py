"""`litmine report`: an evidence table turned into the curators' HTML page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from litmine.match import find_mentions
from litmine.pipeline import Settings, lexicon_for
from litmine.table import read_table
from litmine.writers.atomic import replacing
from litmine.writers.html import Highlight, write_report


def highlights(evidence: pd.DataFrame, settings: Settings = Settings()) -> dict[tuple[str, int], list[Highlight]]:
    """Lexicon mentions (entities and direction cues) of each evidence sentence, for marking."""
    lex = lexicon_for(settings)
    out: dict[tuple[str, int], list[Highlight]] = {}
    for (doc_id, sid), text in evidence.groupby(["doc_id", "sentence_id"], sort=False)["sentence"].first().items():
        out[(str(doc_id), int(sid))] = [
            Highlight(m.start, m.end, m.type, f"{m.entity} ({m.entity_id})" if m.type != "direction" else m.entity)
            for m in find_mentions(str(text), lex, int(sid))]
    return out


def report(evidence: pd.DataFrame, output: str | Path, settings: Settings = Settings(),
           title: str = "litmine evidence report") -> int:
    """Write the HTML report of ``evidence`` to ``output`` atomically; returns the number of rows."""
    with replacing(str(output)) as tmp:
        write_report(evidence, tmp, highlights(evidence, settings), title)
    return len(evidence)


def report_file(evidence_path: str, output: str | Path, settings: Settings = Settings(),
                title: str | None = None) -> int:
    """The report of an evidence table file litmine wrote (any of its formats)."""
    evidence = read_table(evidence_path)
    return report(evidence, output, settings, title or f"litmine evidence report: {Path(evidence_path).name}")
