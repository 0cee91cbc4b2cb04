"""The output half of issue 10 stays fixed: tests/fuzz/output_shapes.py's injection inputs (hostile
strings in titles, program names and bullets) through every renderer, and its size shapes.
`make fuzz` runs 2,000 injection inputs; the suite runs a fixed few, and more when slow tests run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SHAPES = Path(__file__).resolve().parent / "fuzz" / "output_shapes.py"


def _load():
    spec = importlib.util.spec_from_file_location("policydiff_fuzz_output_shapes", SHAPES)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


shapes = _load()


@pytest.fixture(scope="module")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


def test_injection_inputs_really_inject(seed_text):
    changed = [shapes.make_input(seed_text, 1, i) for i in range(12)]
    assert all(what and text != seed_text for what, text in changed)
    kinds = " ".join(what for what, _ in changed)
    assert all(f"{where}:" in kinds for where in ("title", "program", "bullet"))


@pytest.mark.parametrize("index", range(8))
def test_hostile_strings_stay_text_in_every_format(seed_text, index):
    _, text = shapes.make_input(seed_text, 1, index)
    assert shapes.check_input(seed_text, text) == "ok"


@pytest.mark.slow
@pytest.mark.parametrize("index", range(8, 60))
def test_hostile_strings_stay_text_in_every_format_more(seed_text, index):
    _, text = shapes.make_input(seed_text, 1, index)
    assert shapes.check_input(seed_text, text) == "ok"


@pytest.mark.slow  # diffs of the hostile sizes, each to its work budget
def test_hostile_sizes_reach_the_work_budget_and_still_rebuild():
    lines = shapes.check_sizes()
    assert len(lines) == 3
