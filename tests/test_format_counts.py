"""Honest counts (issue 21, item 8): every format counts the same things the same way, on every demo pair.

The demo pairs: the real report's results against its plans (`plans fy2024`), the real report against
its SYNTHETIC variant (`diff fy2024 fy2024-synthetic`, as `make demo` makes it: a split, a merge, a
move), and the two year pairs with their SYNTHETIC sides (tests/data/nextyear, tests/data/prevyear).
Text, Markdown, JSON and the HTML cards must give one number for each status, outcome, budget step
that moved and program event.
"""

from __future__ import annotations

import json
import re

import html_cases as cases
import pytest
import yoy_eval

from policydiff import api, load_edition, render
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.options import ReportOptions

YEAR_PAIRS = {pair: yoy_eval.paths(pair) for pair in yoy_eval.PAIRS}  # nextyear, prevyear
STATUSES = ("changed", "added", "removed", "moved", "split", "merged", "unchanged")


@pytest.fixture(scope="module")
def pairs(tmp_path_factory, synthetic_text):
    folder = tmp_path_factory.mktemp("demo")
    synthetic = folder / "fy2024-synthetic.txt"
    synthetic.write_text(synthetic_text, encoding="utf-8")  # `policydiff synth` of the seed, as `make demo`
    out = {"plans": cases.real_plans(), "pair": api.diff(cases.SEED, synthetic)}
    for name, (old, new) in YEAR_PAIRS.items():
        out[name] = diff_editions(load_edition(old), load_edition(new))
    return out


def _text_counts(text: str) -> dict[str, int]:
    line = re.search(r"^ measures: (.*)$", text, re.M).group(1)
    return {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", line)}


def _markdown_counts(md: str) -> dict[str, int]:
    head, _, row = re.search(r"^(\| measures \|.*)\n\|[-|]+\n(\|.*)$", md, re.M).group(1, 1, 2)
    names = [c.strip() for c in head.strip("|").split("|")]
    values = [int(c) for c in row.strip("|").split("|")]
    return {k: v for k, v in zip(names, values, strict=True) if k != "measures"}


def _html_counts(page: str, attr: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(rf'<a class="card[^"]*" href="#\w[\w-]*" {attr}="([\w-]+)"[^>]*>'
                                             r'<span class="n">(\d+)</span>', page)}


@pytest.mark.parametrize("name", ["plans", "pair", *YEAR_PAIRS])
def test_every_format_counts_the_measures_the_same_way(pairs, name):
    d = pairs[name]
    data = json.loads(render(d, "json"))["summary"]["measures"]
    text = _text_counts(render(d, "text"))
    md = _markdown_counts(render(d, "markdown"))
    for lang in ("ja", "en"):
        html = _html_counts(render(d, "html", ReportOptions(lang=lang)), "data-kind")
        assert html == {k: data[k] for k in STATUSES}, (name, lang)
    assert text == {k: data[k] for k in STATUSES} == md, name


@pytest.mark.parametrize("name", list(YEAR_PAIRS))
def test_every_format_counts_the_annual_layer_the_same_way(pairs, name):
    d = pairs[name]
    data = json.loads(render(d, "json"))["summary"]
    outcomes = {k: v for k, v in data["follow_through"].items()}
    events = {k: v for k, v in data["program_events"].items() if v}
    for fmt in ("text", "markdown"):
        out = render(d, fmt)
        line = re.search(r"follow-through: (\d+) plan bullets — ([^;]*);", out)
        assert int(line.group(1)) == sum(outcomes.values()), fmt
        assert {k: int(n) for k, n in re.findall(r"([\w-]+) (\d+)", line.group(2))} == outcomes, fmt
        moved = re.search(r"budgets: (\d+) of (\d+) steps moved", out)
        assert (int(moved.group(1)), int(moved.group(2))) == (data["budget_steps"]["changed"],
                                                              data["budget_steps"]["total"]), fmt
        programs = re.search(r"programs: (.*?)\s*$", out, re.M).group(1)
        assert {k: int(n) for k, n in re.findall(r"([\w-]+) (\d+)", programs)} == events, fmt
    for lang in ("ja", "en"):
        page = render(d, "html", ReportOptions(lang=lang))
        assert {k: v for k, v in _html_counts(page, "data-outcome").items() if k != "unplanned"} == outcomes
        assert _html_counts(page, "data-outcome")["unplanned"] == data["unplanned_results"]
        assert sum(_html_counts(page, "data-step").values()) == data["budget_steps"]["changed"]
        assert _html_counts(page, "data-event") == events
