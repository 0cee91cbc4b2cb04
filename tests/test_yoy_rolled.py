"""The benchmark's next-year pairs: NEW is OLD a year later, plans rolled into results."""

from __future__ import annotations

from policydiff import parse_report
from policydiff.diffengine.relation import infer_relation
from policydiff.versions.synthetic.rolled import make_scaled_next_year, past_tense


def test_a_rolled_pair_is_a_synthetic_next_year_pair_with_the_same_rows(seed_bytes: bytes) -> None:
    old_text, new_text = make_scaled_next_year(seed_bytes.decode("utf-8"), 40, seed=3)
    old, new = parse_report(old_text), parse_report(new_text)
    assert old.synthetic and new.synthetic
    assert infer_relation(old.results_fy, old.plans_fy, new.results_fy, new.plans_fy) == "next-year"
    assert [m.title for m in old.measures] == [m.title for m in new.measures]
    assert [m.description for m in old.measures] == [m.description for m in new.measures]
    rolled = {past_tense(b.norm) for m in old.measures for b in m.plans}
    came_back = sum(b.norm in rolled for m in new.measures for b in m.results)
    assert came_back >= 0.7 * sum(len(m.plans) for m in old.measures)


def test_a_plan_comes_back_in_the_past_tense_with_its_request_enacted() -> None:
    assert past_tense("・「X事業」（令和7年度予算案：6.0億円）を通じて、支援を推進する。") == \
        "・「X事業」（令和7年度予算：6.0億円）を通じて、支援を推進した。"
    assert past_tense("・更なる拠点機能の強化を図る予定。") == "・更なる拠点機能の強化を図った。"
