"""Issue 13: every record of the engine carries a stable id made in one place (diffengine/ids.py)
from the change's content and both sources' sha256, never from its position; the JSON report prints
the engine's ids, the same across runs and re-parses."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from policydiff import api
from policydiff.diffengine.ids import with_ids
from policydiff.renderers import render

NEXT = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
LAYERS = ("measures", "budgets", "renames", "follow_through", "unplanned_results", "budget_trajectories",
          "program_events", "warnings")


@pytest.fixture(scope="module")
def nextyear(seed_path):
    return api.diff(seed_path, NEXT)


def test_every_record_of_every_layer_has_a_unique_engine_id(nextyear):
    for layer in LAYERS:
        records = getattr(nextyear, layer)
        assert records, layer
        ids = [r.id for r in records]
        assert all(ids) and len(set(ids)) == len(ids), layer


def test_json_prints_the_engine_ids(nextyear):
    data = json.loads(render(nextyear, "json"))
    for layer in LAYERS:
        assert [r["id"] for r in data[layer]] == [r.id for r in getattr(nextyear, layer)], layer


def test_ids_do_not_depend_on_positions(nextyear):
    """The same records in another order, with other measure ids, keep their ids."""
    cleared = {layer: tuple(replace(r, id="") for r in reversed(getattr(nextyear, layer))) for layer in LAYERS}
    cleared["measures"] = tuple(replace(m, old_id=m.old_id and "x" + m.old_id, new_id=m.new_id and "y" + m.new_id)
                                for m in cleared["measures"])
    moved = with_ids(replace(nextyear, **cleared))
    for layer in LAYERS:
        assert sorted(r.id for r in getattr(moved, layer)) == sorted(r.id for r in getattr(nextyear, layer)), layer


def test_ids_are_the_same_across_runs_and_change_with_a_source(seed_path, nextyear, tmp_path):
    again = api.diff(seed_path, NEXT)
    for layer in LAYERS:
        assert [r.id for r in getattr(again, layer)] == [r.id for r in getattr(nextyear, layer)]
    other = tmp_path / "next.txt"
    other.write_bytes(NEXT.read_bytes() + b"\n")
    changed = api.diff(seed_path, other)
    assert not {r.id for r in changed.measures} & {r.id for r in nextyear.measures}
