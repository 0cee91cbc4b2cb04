"""What counts as a change is decided once, on the Diff record; every format asks it."""

from __future__ import annotations

import html_cases as cases
import pytest

from policydiff.diffengine.selection import select


@pytest.fixture(scope="module")
def edited():
    return cases.edited_pair()


def test_a_revision_counts_every_substantive_change(edited):
    assert edited.relation == "revision"
    assert [m.old_id for m in edited.measures if edited.is_change(m)] == ["m004", "m005", "m010", "m030", "m032"]


def test_between_years_a_paired_row_is_changed_only_when_its_basic_plan_column_changed(edited):
    # Issue 11: next year's edition rewrites every results and plans bullet, so between years a row is
    # rated by its Basic Plan column (title, description, ministries and lead ◎) alone. m030's only
    # change is in its results column; m004's and m032's are in their results and plans only.
    from policydiff.diffengine.engine import diff_editions
    from policydiff.diffengine.model import Options
    from policydiff.versions.readers.load import parse_report

    old = parse_report(cases.seed_text(), source_name=cases.SEED.name)
    new = parse_report(cases.edited_text(), source_name="fy2024-edited.txt")
    next_year = diff_editions(old, new, Options(relation="next-year"))
    assert next_year.relation == "next-year"
    basic = {m.old_id for m in edited.measures if edited.is_change(m) and m.status == "changed"
             and any(c.field in ("title", "description", "ministries") for c in m.changes)}
    changed = {m.old_id for m in next_year.measures if m.status == "changed"}
    # This pair's edits are all in results and plans columns (or move rows): a revision reports them,
    # between years none of them makes a row changed. (The hand-written next edition's three Basic
    # Plan edits are checked in test_yoy_nextyear.py.)
    assert basic == set() and changed == set()
    assert {m.old_id for m in edited.measures if m.status == "changed" and edited.is_change(m)} >= {"m004", "m030"}
    m030 = next(m for m in next_year.measures if m.old_id == "m030")
    assert m030.status == "unchanged" and not next_year.is_change(m030) and next_year.reads_as(m030) == "unchanged"
    assert next_year.summary()["measures"]["changed"] == len(basic)
    assert {m.old_id for m in select(next_year, statuses=["changed"]).measures} == basic


def test_a_formatting_only_change_reads_as_unchanged_unless_asked():
    diff = cases.pair(cases.format_only_text(), "width.txt")
    quiet = [m for m in diff.measures if m.status == "changed"]
    assert len(quiet) == 1 and quiet[0].format_only and not diff.is_change(quiet[0])
    assert (diff.reads_as(quiet[0]), diff.reads_as(quiet[0], show_format_only=True)) == ("unchanged", "format")
    assert diff.summary()["measures"]["changed"] == 0
    assert diff.summary(show_format_only=True)["measures"]["changed"] == 1
    assert not diff.has_changes()
