"""Program events: new, ended, succeeded, renamed and vanished, and the /1 views derived from them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from policydiff import load_edition, parse_report
from policydiff.diffengine.program_events import edition_events, plans_events, programs_of, renames_of

MINI = Path(__file__).parent / "data" / "yoy-mini"


def _key(renames):
    return [(r.old, r.new, r.evidence, round(r.confidence, 4)) for r in renames]


# The plans view of the real report as /1 reported it before the events existed (golden plans-fy2024.json).
V1_PLANS_RENAMES = [
    ("医工連携イノベーション推進事業", "医工連携グローバル展開事業", "explicit"),
    ("医工連携イノベーション推進事業", "医工連携グローバル展開事業（研究開発事業）", "explicit"),
    ("先進的研究開発・開発体制強靱化事業", "次世代型医療機器開発等促進事業", "explicit"),
    ("医療機器等における先進的研究開発・開発体制強靭化事業(医療機器開発体制強靱化)",
     "次世代型医療機器開発等促進事業(医療機器版3R事業)", "explicit"),
    ("医工連携イノベーション推進事業（開発・事業化事業、ベンチャー育成事業）", "医工連携グローバル展開事業（研究開発事業）",
     "similarity"),
    ("ヘルスケア産業国際展開推進事業費補助金事業", "ヘルスケア産業国際展開推進事業", "similarity"),
    ("医療機器等安定供給確保事業", "医療機器等のサプライチェーンリスク評価及び安定供給確保事業", "similarity"),
]
V1_PLANS_ADDED = ["医療機器開発ガイダンス事業", "次世代医療機器・再生医療等製品評価指標作成事業"]


def test_plans_view_keeps_its_v1_renames_and_programs_as_views_of_the_events(seed_edition) -> None:
    from policydiff.diffengine.plans import results_vs_plans

    diff = results_vs_plans(seed_edition)
    assert [(r.old, r.new, r.evidence) for r in diff.renames] == V1_PLANS_RENAMES
    assert _key(diff.renames) == _key(renames_of(diff.program_events))
    assert list(diff.programs_added) == V1_PLANS_ADDED
    added, removed = programs_of(diff.program_events)
    assert (diff.programs_added, diff.programs_removed) == (added, removed)
    # One refinement of /1: a program whose sub-line is succeeded (「…強靭化事業(医療機器開発体制強靱化)」 →
    # 「次世代型医療機器開発等促進事業(医療機器版3R事業)」, line 1019) is followed, not "no longer named".
    assert "医療機器等における先進的研究開発・開発体制強靭化事業" not in removed
    assert len(removed) == 12 and "商取引・サービス環境の適正化に係る事業" in removed


def test_a_succession_announced_last_year_and_carried_out_is_no_event(seed_edition) -> None:
    old, new = load_edition(MINI / "old.txt"), load_edition(MINI / "new.txt")
    events = edition_events(old, new, [(k, k) for k in range(len(old.measures))])
    assert [(e.event, e.program) for e in events] == [
        ("new", "医療機器スタートアップ伴走支援事業"),
        ("vanished", "官民による若手研究者発掘支援事業"),
    ]  # 医工連携イノベーション推進事業 → 医工連携グローバル展開事業 was stated in FY2024's plans


def test_a_stated_succession_is_an_event_with_its_sentence(seed_edition) -> None:
    events = plans_events(seed_edition)
    succeeded = [e for e in events if e.event == "succeeded"]
    assert ("先進的研究開発・開発体制強靱化事業", "次世代型医療機器開発等促進事業") in {
        (e.program, e.successor) for e in succeeded}
    assert all(e.evidence and "後継" in e.evidence.text and e.evidence.line for e in succeeded)


def test_an_ended_statement_names_the_program_and_is_not_vanished() -> None:
    text = (MINI / "new.txt").read_text(encoding="utf-8")
    ended = text.replace("・「医療機器スタートアップ伴走支援事業（令和7年度補正予算：2.5億円）」により、起業を目指す研究者を支援した。",
                         "・「官民による若手研究者発掘支援事業」は令和６年度をもって事業終了した。")
    assert ended != text
    old = load_edition(MINI / "old.txt")
    events = edition_events(old, parse_report(ended), [(k, k) for k in range(len(old.measures))])
    got = [(e.event, e.program) for e in events]
    assert ("ended", "官民による若手研究者発掘支援事業") in got
    assert ("vanished", "官民による若手研究者発掘支援事業") not in got
    assert next(e for e in events if e.event == "ended").evidence.text.endswith("事業終了した。")


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_a_synthetic_rename_is_a_renamed_event_and_the_v1_views_follow(seed_edition, seed_bytes, seed: int) -> None:
    from policydiff.diffengine.engine import diff_editions
    from policydiff.versions.synthetic import make_synthetic

    syn = make_synthetic(seed_bytes.decode("utf-8"), random.Random(seed).randrange(1_000_000), n_edits=12)
    diff = diff_editions(seed_edition, parse_report(syn.text))
    assert diff.relation == "revision"
    renamed = {(e.program, e.successor) for e in diff.program_events if e.event == "renamed"}
    assert {e.rename for e in syn.truth.edits if e.kind == "rename"} <= renamed
    assert _key(diff.renames) == _key(renames_of(diff.program_events))
    assert (diff.programs_added, diff.programs_removed) == programs_of(diff.program_events)
