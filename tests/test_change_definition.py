"""What counts as a change is decided once, on the Diff record; every format asks it."""

from __future__ import annotations

from dataclasses import replace

import html_cases as cases
import pytest

from policydiff import render
from policydiff.diffengine.selection import select


@pytest.fixture(scope="module")
def edited():
    return cases.edited_pair()


def test_a_revision_counts_every_substantive_change(edited):
    assert edited.relation == "revision"
    assert [m.old_id for m in edited.measures if edited.is_change(m)] == ["m004", "m005", "m010", "m030", "m032"]


def test_next_year_counts_a_paired_row_only_when_its_plans_column_changed(edited):
    # m030's only change is in its results column (a program renamed there): next year's edition
    # rewrites every results column, so that is not news; its plans are unchanged.
    next_year = replace(edited, relation="next-year")
    m030 = next(m for m in edited.measures if m.old_id == "m030")
    assert [c.field for c in m030.changes] == ["results"]
    assert not next_year.is_change(m030) and next_year.reads_as(m030) == "unchanged"
    assert [m.old_id for m in next_year.measures if next_year.is_change(m)] == ["m004", "m005", "m010", "m032"]
    assert next_year.summary()["measures"]["changed"] == edited.summary()["measures"]["changed"] - 1
    assert [m.old_id for m in select(next_year, statuses=["changed"]).measures] == ["m004", "m005", "m032"]
    assert "m030" in render(edited, "markdown") and "m030" not in render(next_year, "markdown")


def test_a_formatting_only_change_reads_as_unchanged_unless_asked():
    diff = cases.pair(cases.format_only_text(), "width.txt")
    quiet = [m for m in diff.measures if m.status == "changed"]
    assert len(quiet) == 1 and quiet[0].format_only and not diff.is_change(quiet[0])
    assert (diff.reads_as(quiet[0]), diff.reads_as(quiet[0], show_format_only=True)) == ("unchanged", "format")
    assert diff.summary()["measures"]["changed"] == 0
    assert diff.summary(show_format_only=True)["measures"]["changed"] == 1
    assert not diff.has_changes()
