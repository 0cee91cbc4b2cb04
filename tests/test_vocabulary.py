"""The report's vocabulary is defined once (versions/readers/vocabulary.py) and every part reads it."""

from __future__ import annotations

from dataclasses import replace

from policydiff.diffengine import plans, program_events
from policydiff.diffengine.plans import results_vs_plans
from policydiff.versions.readers import vocabulary
from policydiff.versions.readers.vocabulary import (
    ENDED_RE,
    is_header_text,
    is_heading,
    is_page_number,
    vision_number,
)


def test_the_ended_phrases_are_one_pattern_for_the_readers_and_the_engine():
    assert plans.ENDED_RE is program_events.ENDED_RE is vocabulary.ENDED_RE
    for said in ("令和５年度に事業終了", "令和６年度をもって事業を終了した", "後継事業の予定無し", "後継事業の予定なし"):
        assert ENDED_RE.search(said), said


def test_a_plan_that_says_its_program_ended_with_wo_is_an_ended_row(seed_edition):
    # 「事業を終了」 was missing from the plans report's copy of the pattern: the row read as unchanged.
    m = seed_edition.measures[5]
    bullet = replace(m.plans[0], text="・令和６年度をもって事業を終了し、後継事業で引き続き支援する。")
    ed = replace(seed_edition, measures=(*seed_edition.measures[:5], replace(m, plans=(bullet, *m.plans[1:])),
                                         *seed_edition.measures[6:]))
    record = next(r for r in results_vs_plans(ed).measures if r.old_id == m.id)
    assert record.status == "removed" and "事業を終了" in str(record.match.reasons[0].get("statement"))


def test_headings_header_and_page_numbers_as_printed():
    assert vision_number("（１）「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて") == 1
    assert vision_number("（２）については後述する。") is None
    assert is_heading("【国際展開に積極的に取り組む日本企業の増加】（再掲）") and is_heading("（上記参照）")
    assert is_header_text("該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定")
    # any order, with or without 担当 and the hidden labels
    assert is_header_text("担当 該当箇所 令和７年度の取組予定 令和６年度の実績・状況")
    assert not is_header_text("令和６年度の実績・状況 令和７年度の取組予定")  # no description column
    for number in ("3", "- 3 -", "－３－", "3 / 9", "３"):
        assert is_page_number(number), number
    assert not is_page_number("3件") and not is_page_number("・3")
