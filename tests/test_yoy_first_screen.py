"""Between years, a report an auditor can act on (issue 18), on the real FY2024 report against the
hand-written SYNTHETIC FY2025 edition (tests/data/nextyear):

- the first screen answers the auditor's questions: what became of last year's plans (done, partial,
  reworked, unclear, dropped), which budget steps moved, what happened to programs; not churn counts;
- one summary line per subject;
- ids say which edition they belong to;
- `--fail-on added/removed` are measures, never program names; the kinds are documented.
"""

from __future__ import annotations

import json
import re

import pytest
import yoy_eval
from click.testing import CliRunner

from policydiff import load_edition, render
from policydiff.cli import cli
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.options import ReportOptions

PAIR = (str(yoy_eval.OLD_PATH), str(yoy_eval.NEW_PATH))


@pytest.fixture(scope="module")
def diff():
    return diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))


def _head(text: str) -> list[str]:
    """The summary lines: from the title to the first blank line."""
    return text.split("\n\n", 1)[0].splitlines()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_one_summary_line_per_subject(diff, fmt):
    head = [line.strip().lstrip("|").strip() for line in _head(render(diff, fmt))] if fmt == "text" else \
        render(diff, fmt).split("#### ", 1)[0].splitlines()
    subjects = [re.match(r"([a-z-]+( lines)?):", line.strip()) for line in head]
    named = [m.group(1) for m in subjects if m]
    assert named.count("budgets") == 1 and named.count("programs") == 1, named
    assert "Budget lines" not in named and "follow-through" in named


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_first_lines_say_what_became_of_last_years_plans_then_budgets_then_programs(diff, fmt):
    out = render(diff, fmt)
    first = out[: out.index("measures")]  # before the Basic Plan's counts
    data = json.loads(render(diff, "json"))["summary"]
    assert all(f"{k} {n}" in first for k, n in data["follow_through"].items()), first
    assert "unclear" in first  # every outcome named, none left out when it is 0
    assert f"{data['budget_steps']['changed']} of {data['budget_steps']['total']} steps moved" in first
    assert all(f"{k} {n}" in first for k, n in data["program_events"].items() if n)
    assert first.index("follow-through") < first.index("budgets") < first.index("programs")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_html_summary_between_years_shows_outcomes_steps_and_events_not_budget_churn(diff, lang):
    page = render(diff, "html", ReportOptions(lang=lang))
    summary = page[page.index('<section id="summary"'): page.index("</section>", page.index('<section id="summary"'))]
    data = json.loads(render(diff, "json"))["summary"]
    outcomes = dict(re.findall(r'data-outcome="([\w-]+)"><span class="n">(\d+)</span>', summary))
    assert {k: int(v) for k, v in outcomes.items() if k != "unplanned"} == data["follow_through"]
    assert summary.index("data-outcome") < summary.index("data-step") < summary.index("data-event") \
        < summary.index('data-kind="changed"')  # plans first, the Basic Plan's measures last
    assert "bb-new" not in summary and "bb-dropped" not in summary  # budget lines new/gone: every year has them


def test_revision_reports_keep_their_budget_change_cards(seed_path):
    from policydiff import api

    d = api.diff(seed_path, seed_path)
    page = render(d, "html")
    summary = page[page.index('<section id="summary"'): page.index("</section>", page.index('<section id="summary"'))]
    assert "bb-new" in summary and "data-outcome" not in summary


def test_text_ledger_ids_say_which_edition_they_belong_to(diff):
    text = render(diff, "text")
    section = text[text.index("Follow-through: last year's plans:"):text.index("Budget trajectories:")]
    assert not re.search(r"\[m\d{3}\]", section)  # no bare id: m007 of which edition?
    entries = re.findall(r"ft-[\w.]+ \[old (m\d+) → (new m\d+|—)\]", section)
    assert len(entries) == len(diff.follow_through)
    moved = [(e.old_measure, e.new_measure) for e in diff.follow_through if e.new_measure not in (None, e.old_measure)]
    assert moved and f"[old {moved[0][0]} → new {moved[0][1]}]" in section  # old m008 is new m007
    unplanned = re.findall(r"un-[\w.]+ \[new (m\d+)\]", section)
    assert len(unplanned) == len(diff.unplanned_results)


def test_fail_on_added_or_removed_between_years_is_about_measures_never_program_names():
    runner = CliRunner()
    # old m011 → new m010 names CiCLE (医療研究開発革新基盤創成事業), which the new edition no longer names:
    # a vanished program, not a removed measure (nothing of the Basic Plan was removed there).
    only = ["--measure", "m011"]
    shown = json.loads(runner.invoke(cli, ["diff", *PAIR, *only, "--format", "json"]).stdout)
    assert not [m for m in shown["measures"] if m["status"] in ("added", "removed")]
    assert any(e["event"] == "vanished" for e in shown["program_events"])
    for kind, code in (("removed", 0), ("added", 0), ("ended", 1)):
        result = runner.invoke(cli, ["diff", *PAIR, *only, "--fail-on", kind, "--format", "json"])
        assert result.exit_code == code, (kind, result.output[-300:])
    # the whole pair removes m007 and adds m048: measures, so removed and added fire
    for kind in ("removed", "added"):
        assert runner.invoke(cli, ["diff", *PAIR, "--fail-on", kind, "--format", "json"]).exit_code == 1


def test_fail_on_kinds_are_documented_in_help_and_readme():
    from pathlib import Path

    from policydiff.api import FAIL_KINDS

    help_text = " ".join(CliRunner().invoke(cli, ["diff", "--help"]).output.split())
    readme = " ".join((Path(yoy_eval.__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    for kind in FAIL_KINDS:
        assert kind in help_text and f"`{kind}`" in readme, kind
    assert "never program names" in help_text and "never program names" in readme
