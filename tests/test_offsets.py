"""Property: every span slices back, and the offset map points into the raw text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litmine.pipeline import process_text

PIECES = ["AMPK", " 可 通 过 抑 制 ", "mTOR", "TNF-琢", "TNF-alpha", "二甲双胍", "\n\n", "。", ".", " ",
          "脊髓背角", "IL-1β", "Ca²⁺", "electroacupuncture", "reduced", "Associa-\ntion", "[12]",
          "電針", "降低", "（CKD）", "ＡＭＰＫ", "\ufffd", "3348 · 综述 ·\n", "-\n", "，", "↑"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40))
def test_offsets_spans_slice_back(parts):
    raw = "".join(parts)
    p = process_text(raw)
    assert len(p.clean.raw_offsets) == len(p.clean.text)
    assert all(0 <= o < max(len(raw), 1) for o in p.clean.raw_offsets)
    for s in p.sentences:
        assert p.clean.text[s.start:s.end] == s.text
        for m in p.mentions.get(s.index, []):
            assert s.text[m.start:m.end] == m.text
            a, b = p.clean.to_raw(s.start + m.start, s.start + m.end)
            assert 0 <= a < b <= len(raw)
