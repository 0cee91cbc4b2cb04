"""Issue 13, explained non-matches: an added or removed measure shows its nearest candidates on the
other side with their scores and why each was not taken, in every format; scores are explained."""

from __future__ import annotations

import json

import pytest

from policydiff import api
from policydiff.diffengine.reasons import words
from policydiff.renderers import render
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def pair(tmp_path_factory, seed_path, synthetic_text):
    path = tmp_path_factory.mktemp("nonmatch") / "next.txt"
    path.write_text(synthetic_text, encoding="utf-8")
    return api.diff(seed_path, path)


def test_added_and_removed_measures_name_their_nearest_candidates_and_why_not(pair):
    lone = [m for m in pair.measures if m.status in ("added", "removed")]
    assert {m.status for m in lone} == {"added", "removed"}
    paired = {"removed": {m.new_id for m in pair.measures if m.status not in ("added", "removed")},
              "added": {m.old_id for m in pair.measures if m.status not in ("added", "removed")}}
    for m in lone:
        assert 1 <= len(m.candidates) <= 3
        scores = [c.score for c in m.candidates]
        assert scores == sorted(scores, reverse=True)
        for c in m.candidates:
            if c.id in paired[m.status]:
                assert words(c.reasons).startswith("paired with ")
            elif c.score < pair.options.match_threshold:
                assert "below the match threshold 0.60" in words(c.reasons)


def test_every_format_shows_the_candidates_and_explains_scores(pair):
    lone = [m for m in pair.measures if m.status in ("added", "removed")]
    for fmt in ("text", "markdown", "html"):
        out = render(pair, fmt, ReportOptions())
        for m in lone:
            for c in m.candidates:
                assert f"{c.id} {c.score:.2f}" in out, fmt
        assert "similarity" in out and "0..1" in out, f"{fmt}: no explanation of scores"
    rec = {(r["old_id"], r["new_id"]): r for r in json.loads(render(pair, "json"))["measures"]}
    for m in lone:
        assert rec[(m.old_id, m.new_id)]["candidates"] == [
            {"id": c.id, "score": c.score, "why": words(c.reasons), "reasons": [{"code": r.code, **dict(r.params)}
                                                                               for r in c.reasons]}
            for c in m.candidates]
