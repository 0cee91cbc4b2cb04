"""Issue 13, traceability: every change of a report cites page and line on each side, in every format,
and a moved measure says from which goal (and position) to which."""

from __future__ import annotations

import csv
import io
import json

import pytest

from policydiff import api
from policydiff.renderers import render
from policydiff.renderers.options import ReportOptions

FORMATS = ("text", "markdown", "html", "json", "csv")


@pytest.fixture(scope="module")
def pair(tmp_path_factory, seed_path, synthetic_text):
    path = tmp_path_factory.mktemp("trace") / "next.txt"
    path.write_text(synthetic_text, encoding="utf-8")
    return api.diff(seed_path, path)


def _shown(d):
    return [m for m in d.measures if d.reads_as(m) != "unchanged" or m.moved]


def _cites(m) -> list[str]:
    return [f"p.{p} l.{line}" for p, line in (m.old_cite, m.new_cite) if p]


def test_every_shown_measure_cites_page_and_line_of_each_side_in_text_markdown_html(pair):
    shown = _shown(pair)
    assert shown
    for fmt in ("text", "markdown", "html"):
        out = render(pair, fmt, ReportOptions())
        for m in shown:
            for cite in _cites(m):
                assert cite in out, f"{fmt}: {m.old_id}→{m.new_id} lacks {cite}"
    assert all(len(_cites(m)) == (m.old_id is not None) + (m.new_id is not None) for m in shown)


def test_every_budget_line_cites_page_and_line_in_every_format(pair):
    assert pair.budgets
    for fmt in ("text", "markdown", "html"):
        out = render(pair, fmt, ReportOptions())
        for b in pair.budgets:
            for side in (b.old, b.new):
                if side is not None:
                    assert f"p.{side.page} l.{side.line}" in out, f"{fmt}: {b.program} lacks p.{side.page} l.{side.line}"
    rows = list(csv.DictReader(io.StringIO(render(pair, "csv").lstrip("\ufeff"))))
    for b, row in zip(pair.budgets, rows, strict=True):
        assert (row["old_page"], row["old_line"]) == ((str(b.old.page), str(b.old.line)) if b.old else ("", ""))
        assert (row["new_page"], row["new_line"]) == ((str(b.new.page), str(b.new.line)) if b.new else ("", ""))


def test_json_measures_and_budget_sides_carry_page_and_line(pair):
    data = json.loads(render(pair, "json"))
    for m, rec in zip(pair.measures, data["measures"], strict=True):
        for side in ("old", "new"):
            cite = getattr(m, f"{side}_cite")
            assert rec[f"{side}_cite"] == ({"page": cite[0], "line": cite[1]} if cite[0] else None)
    for b in data["budgets"]:
        for side in (b["old"], b["new"]):
            if side:
                assert side["page"] >= 1 and side["line"] >= 1


def test_a_moved_measure_is_listed_with_its_goals_and_positions_in_every_format(pair):
    moved = [m for m in pair.measures if m.moved]
    assert moved
    for fmt in FORMATS[:3]:
        out = render(pair, fmt, ReportOptions())
        for m in moved:
            assert m.old_goal and m.goal and m.old_goal in out and m.goal in out
            assert f"#{m.old_position}" in out and f"#{m.new_position}" in out, fmt
    rec = {r["old_id"]: r for r in json.loads(render(pair, "json"))["measures"]}
    for m in moved:
        assert rec[m.old_id]["move"] == {"from_goal": m.old_goal, "from_position": m.old_position,
                                         "to_goal": m.goal, "to_position": m.new_position}


def test_a_moved_only_measure_is_listed_in_text_and_markdown(pair):
    only = [m for m in pair.measures if m.moved and pair.reads_as(m) == "unchanged"]
    for fmt in ("text", "markdown"):
        out = render(pair, fmt, ReportOptions())
        for m in only:
            assert m.label in out


def _warnings(d):
    return [(side, w) for side, ref in (("old", d.old), ("new", d.new)) for w in ref.warnings]


def test_parser_warnings_of_both_editions_have_their_own_section_in_every_format(pair):
    found = _warnings(pair)
    assert {side for side, _ in found} == {"old", "new"}
    for fmt in ("text", "markdown", "html"):
        out = render(pair, fmt, ReportOptions())
        for _, w in found:
            assert f"{w.code} p.{w.page} l.{w.line}" in out, f"{fmt}: {w.code} at l.{w.line} missing"
    data = json.loads(render(pair, "json"))
    assert len(data["parser_warnings"]) == len(found)
    assert {(x["edition"], x["code"], x["line"]) for x in data["parser_warnings"]} == {
        (side, w.code, w.line) for side, w in found}


def test_a_parser_warning_is_shown_beside_its_measure(pair):
    m016 = next(m for m in pair.measures if m.old_id == "m016")
    assert [w.code for _, w in m016.warnings] == ["label-fragment"] * len(m016.warnings) and m016.warnings
    text = render(pair, "text", ReportOptions(show_unchanged=True))
    lines = text.split("\n")
    start = next(k for k, x in enumerate(lines) if f" {m016.old_id} → {m016.new_id} " in x)
    block = []
    for x in lines[start + 1:]:
        if not x.startswith("    "):
            break
        block.append(x)
    assert any("label-fragment" in x for x in block)
    rec = next(r for r in json.loads(render(pair, "json"))["measures"] if r["old_id"] == "m016")
    assert [w["code"] for w in rec["warnings"]] == [w.code for _, w in m016.warnings]
