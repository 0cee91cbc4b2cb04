"""The cycle collector is paused while editions are parsed, diffed and rendered (versions/model/gc_pause.py):
on for the caller again afterwards, and safe because parsing and diffing make no reference cycles."""

from __future__ import annotations

import gc

import pytest

from policydiff import EditionParseError, parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.plans import results_vs_plans
from policydiff.renderers import render
from policydiff.renderers.diff_json import render_json
from policydiff.versions.synthetic import make_scaled


@pytest.fixture
def seed_text(seed_bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture
def collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_runs_again_after_each_call_and_after_a_refusal(seed_text, collector_restored):
    gc.enable()
    ed = parse_report(seed_text, source_name="seed.txt")
    assert gc.isenabled()
    d = diff_editions(ed, ed)
    assert gc.isenabled()
    render(d, "text"), render_json(results_vs_plans(ed))
    assert gc.isenabled()
    with pytest.raises(EditionParseError):
        parse_report(b"\x00\x01 binary", source_name="bad.bin")
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_finds_it_paused(seed_text, collector_restored):
    gc.disable()
    ed = parse_report(seed_text, source_name="seed.txt")
    render_json(diff_editions(ed, ed))
    assert not gc.isenabled()


@pytest.mark.slow
def test_parsing_and_diffing_make_no_reference_cycles(seed_text, collector_restored):
    # What pausing the collector rests on: the records a parse and a diff make are freed by their
    # reference counts alone, so none waits for a collector that does not run. (A first diff imports
    # modules, and a class made with slots=True leaves its first draft behind once: the second is measured.)
    old_text, new_text, _ = make_scaled(seed_text, 300, seed=7)
    for run in range(2):
        gc.collect()
        gc.disable()
        old, new = parse_report(old_text, source_name="old.txt"), parse_report(new_text, source_name="new.txt")
        d = diff_editions(old, new)
        if run:
            assert d.measures and gc.collect() == 0


def test_what_a_call_made_is_not_walked_when_the_collector_resumes(seed_text, collector_restored):
    # The records a paused call made go to the oldest generation unexamined, where the youngest
    # generation held them all and the first allocation after the call walked them (0.1-0.4 s a call on
    # a 10,000-measure pair): what a call returns is in the oldest generation as soon as it returns.
    gc.enable()
    old_text, new_text, _ = make_scaled(seed_text, 100, seed=7)
    old = parse_report(old_text, source_name="old.txt")
    assert any(x is old for x in gc.get_objects(generation=2))
    found = diff_editions(old, parse_report(new_text, source_name="new.txt"))
    assert any(x is found for x in gc.get_objects(generation=2))


def test_cyclic_garbage_made_in_a_paused_call_is_still_collected(seed_text, collector_restored):
    gc.enable()

    class Knot:
        pass

    from policydiff.versions.model.gc_pause import paused_gc

    with paused_gc():
        a, b = Knot(), Knot()
        a.other, b.other = b, a
        del a, b
    assert gc.get_freeze_count() == 0
    assert gc.collect() >= 2


def test_objects_a_caller_froze_stay_frozen(seed_text, collector_restored):
    gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        parse_report(seed_text, source_name="seed.txt")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
