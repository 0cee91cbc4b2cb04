"""Issue 13, HTML: with --lang ja the reason of every pairing reads in Japanese, the auditor's too."""

from __future__ import annotations

import re
from pathlib import Path

from policydiff import api
from policydiff.diffengine.model import AUDITOR, Match, why
from policydiff.renderers import render
from policydiff.renderers.options import ReportOptions

NEXT = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


def test_every_pairing_reason_is_japanese_with_lang_ja(seed_path):
    from dataclasses import replace

    d = api.diff(seed_path, NEXT)
    assert {"same-title", "similarity"} <= {r.code for m in d.measures if m.match for r in m.match.reasons}
    first = next(k for k, m in enumerate(d.measures) if m.match)
    measures = list(d.measures)
    measures[first] = replace(measures[first], match=Match((why(AUDITOR),), 1.0, by="A", at="2026-12-02T00:00:00Z"))
    page = render(replace(d, measures=tuple(measures)), "html", ReportOptions(lang="ja"))
    reasons = re.findall(r"対応づけ: (.*?) <span class=\"score\">", page)
    assert len(reasons) == sum(1 for m in measures if m.match)
    assert all(not re.search(r"[A-Za-z]", r) for r in reasons), sorted({r for r in reasons if re.search(r"[A-Za-z]", r)})
