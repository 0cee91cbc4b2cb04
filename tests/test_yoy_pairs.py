"""Issue 18's "Done when", on both year pairs: `nextyear` (the real FY2024 report → a hand-written
SYNTHETIC FY2025 edition) and `prevyear` (a hand-written SYNTHETIC FY2023 edition, written blind to the
ledger's rules → the real FY2024 report). The truths are tests/data/<pair>/truth.json, the scorer
tests/yoy_eval.py; `python tests/yoy_eval.py --detail` prints the figures and where they part.

Then the defects the issue names, each on the rows it names (prevyear: the real FY2024 text is NEW).
"""

from __future__ import annotations

import pytest
import yoy_eval

from policydiff.diffengine.ends import stated_end
from policydiff.diffengine.reasons import words

PAIRS = ("nextyear", "prevyear")


@pytest.fixture(scope="module")
def diffs():
    return {pair: yoy_eval.diff_of(pair) for pair in PAIRS}


@pytest.fixture(scope="module")
def figures(diffs):
    return {pair: yoy_eval.figures(pair, diffs[pair]) for pair in PAIRS}


@pytest.mark.parametrize("pair", PAIRS)
def test_measure_statuses_are_exact(figures, pair):
    assert figures[pair].measures_wrong == (0, 0)


@pytest.mark.parametrize("pair", PAIRS)
def test_outcomes_are_right_for_nine_plans_in_ten_and_no_stated_end_gets_one(figures, pair):
    f = figures[pair]
    print(f"\n{pair} outcomes {f.outcomes}, answering lines {f.answering}")
    assert f.outcomes.value >= 0.9 and f.stated_ends.right == 0


@pytest.mark.parametrize("pair", PAIRS)
def test_answering_lines_are_right_for_nine_plans_in_ten(figures, pair):
    assert figures[pair].answering.value >= 0.9


@pytest.mark.parametrize("pair", PAIRS)
def test_dropped_is_said_only_on_positive_evidence(figures, pair):
    f = figures[pair].dropped
    print(f"\n{pair} dropped {f}")
    assert f.precision >= 0.9 and f.recall >= 0.75


@pytest.mark.parametrize("pair", PAIRS)
def test_unplanned_results_are_mostly_real(figures, pair):
    f = figures[pair].unplanned
    print(f"\n{pair} unplanned {f}")
    assert f.precision >= 0.7 and f.recall >= 0.8


@pytest.mark.parametrize("pair", PAIRS)
def test_every_request_to_enacted_step_is_right(figures, pair):
    f = figures[pair].requests
    assert f.precision == 1.0 and f.recall == 1.0


@pytest.mark.parametrize("pair", PAIRS)
def test_program_events_and_none_the_old_edition_announced_reported_anew(figures, pair):
    f = figures[pair]
    print(f"\n{pair} events {f.events}")
    assert f.events.precision >= 0.9 and f.events.recall >= 0.9 and f.announced_anew == 0


# ---------------------------------------------------------------- the defects the issue names


def test_rows_whose_first_lines_were_lost_keep_their_partner(diffs):
    by_old = {m.old_id: m for m in diffs["prevyear"].measures if m.old_id}
    # 「…も横展開する。［◎文］」: NEW keeps only its last line; 「な活用が進むように、ARO機能を持つ…」 as both lost it
    assert (by_old["m002"].new_id, by_old["m002"].status) == ("m002", "unchanged")
    assert (by_old["m020"].new_id, by_old["m020"].status) == ("m021", "unchanged")
    assert by_old["m013"].status == "unchanged"  # one line more lost in OLD is no Basic Plan edit
    assert not [m for m in diffs["prevyear"].measures if m.status in ("split", "merged")]


def test_statements_of_an_end_are_no_plans_and_their_confirmation_no_unplanned_result(diffs):
    d = diffs["prevyear"]
    ends = [e for e in d.follow_through if stated_end(e.plan.text)]
    assert {e.plan.text.strip("・") for e in ends} == {"令和５年度で事業終了予定（後継事業の予定無し）", "令和５年度で事業終了予定",
                                                      "後継事業の予定無し", "該当なし"}
    assert {e.outcome for e in ends} == {"stated-end"} and not any(e.results for e in ends)
    assert not [u for u in d.unplanned_results if stated_end(u.result.text)]  # 「令和５年度に事業終了」 confirms
    assert not d.has_changes(frozenset({"dropped"})) or all(
        not stated_end(e.plan.text) for e in d.follow_through if e.outcome == "dropped")


def test_an_announced_end_is_an_ended_event_checked_against_the_next_edition(diffs):
    d = diffs["prevyear"]
    ended = {e.program: e for e in d.program_events if e.event == "ended"}
    for program in ("医療機器開発人材教育プログラム構築支援事業", "医療AI研究開発人材育成推進事業"):
        e = ended[program]
        assert e.announced and e.evidence.edition == "old" and stated_end(e.evidence.text)
        assert [r.code for r in e.reasons] == ["end-announced", "end-confirmed"] and "confirmed" in words(e.reasons)
        assert e.old_cite != (0, 0)
    removed = ended["医療機器リアルワールドデータ活用基盤整備事業"]  # its whole row (OLD m030) removed
    assert not removed.announced and [r.code for r in removed.reasons] == ["row-removed"]
    assert removed.evidence and removed.evidence.edition == "old"


def test_every_program_event_has_its_evidence_and_citations(diffs):
    for pair in PAIRS:
        for e in diffs[pair].program_events:
            assert e.evidence is not None or e.event == "renamed", (pair, e.event, e.program)
            assert e.reasons or e.event == "succeeded", (pair, e.event, e.program)
            assert e.old_cite != (0, 0) or e.new_cite != (0, 0), (pair, e.event, e.program)
        new = [e for e in diffs[pair].program_events if e.event == "new"]
        assert new and all(e.evidence.edition == "new" and e.program in e.evidence.text for e in new)


def test_a_plan_whose_evidence_is_thin_is_unclear_with_its_candidates_never_dropped(diffs):
    unclear = [e for d in diffs.values() for e in d.follow_through if e.outcome == "unclear"]
    assert unclear
    for e in unclear:
        assert e.candidates and not e.results
        assert all(c.edition == "new" for c in e.candidates)
    for d in diffs.values():
        for e in d.follow_through:
            if e.outcome == "dropped":
                assert not e.candidates and any(r.code in ("nothing-answers", "measure-gone") for r in e.reasons)
