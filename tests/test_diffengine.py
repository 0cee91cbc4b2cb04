"""The diff engine on the real report and on hand-made edits of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydiff import parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.fields import ministries_text
from policydiff.diffengine.model import Options
from policydiff.diffengine.plans import results_vs_plans
from policydiff.diffengine.renames import lineage
from policydiff.diffengine.textdiff import rebuild
from policydiff.renderers.diff_json import diff_dict, render_json

# A made-up row in the report's layout (title, description with its ministry tag, results, plans).
NEW_MEASURE = (Path(__file__).parent / "data" / "diffengine" / "new_measure.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lines(seed_bytes):
    return seed_bytes.decode("utf-8").split("\n")


def edition(lines):
    return parse_report("\n".join(lines), source_name="edited.txt")


def block(ed, mid):
    """0-based [start, end) of a measure's lines: from its first line to the next row or heading."""
    m = next(x for x in ed.measures if x.id == mid)
    starts = sorted({x.line for x in ed.measures} | {g.line for g in ed.goals} | {v.line for v in ed.visions})
    end = next((s for s in starts if s > m.line), len(ed.measures) + 10_000)
    return m.line - 1, end - 1


def by_old(diff):
    return {m.old_id: m for m in diff.measures if m.old_id}


def test_edition_against_itself_reports_nothing(seed_edition):
    d = diff_editions(seed_edition, seed_edition)
    assert not d.has_changes()
    assert d.summary()["measures"]["unchanged"] == 59
    assert all(m.status == "unchanged" and not m.moved for m in d.measures)
    assert not d.budgets and not d.renames


def test_one_digit_budget_cut_is_a_budget_change_with_delta(seed_edition, lines):
    edited = list(lines)
    assert "19億円の内数" in edited[49]
    edited[49] = edited[49].replace("19億円", "17億円")
    d = diff_editions(seed_edition, edition(edited))
    (b,) = d.budgets
    assert (b.status, b.program, b.fiscal_year) == ("changed", "医工連携イノベーション推進事業", 2024)
    assert (b.old.yen, b.new.yen, b.delta_yen, b.delta_pct) == (1_900_000_000, 1_700_000_000, -200_000_000, -10.53)
    assert not b.comparable  # 内数
    m = by_old(d)["m004"]
    assert m.status == "changed" and m.substantive
    ops = [op for c in m.changes for op in c.ops if op[0] != "="]
    assert ops == [("-", "19"), ("+", "17")]


def test_moving_the_lead_mark_to_another_ministry_is_substantive(seed_edition, lines):
    edited = list(lines)
    row = next(i for i, x in enumerate(edited) if x.endswith("［文、◎経］"))
    edited[row] = edited[row].replace("［文、◎経］", "［◎文、経］")
    d = diff_editions(seed_edition, edition(edited))
    (m,) = [x for x in d.measures if x.status != "unchanged"]
    (c,) = m.changes
    assert c.field == "ministries" and not c.format_only and m.substantive
    assert rebuild(c.ops) == ("文、◎経", "◎文、経")


def test_width_quote_and_wrapping_changes_are_hidden_format_only_changes(seed_edition, lines):
    edited = list(lines)
    edited[45] = edited[45].replace("13億円", "１３億円").replace("「官民", "｢官民")
    assert edited[59].endswith("スタートアップ創")  # re-wrap a plans bullet two characters earlier
    edited[59], edited[60] = edited[59][:-2], edited[59][-2:] + edited[60]
    d = diff_editions(seed_edition, edition(edited))
    assert not d.has_changes() and not d.budgets
    fmt = [m for m in d.measures if m.status == "changed"]
    assert fmt and all(not m.substantive for m in fmt)
    assert all(c.format_only for m in fmt for c in m.changes)
    assert d.summary()["measures"]["changed"] == 0


def test_inserting_an_unrelated_measure_changes_no_other_match(seed_edition, lines):
    start, _ = block(seed_edition, "m018")
    edited = lines[:start] + NEW_MEASURE.strip("\n").split("\n") + [""] + lines[start:]
    d = diff_editions(seed_edition, edition(edited))
    added = [m for m in d.measures if m.status == "added"]
    assert [m.new_title for m in added] == ["遠隔医療機器の研究開発の推進"]
    pairs = {m.old_id: m.new_id for m in d.measures if m.old_id}
    shift = {f"m{k:03d}": f"m{k + (1 if k >= 18 else 0):03d}" for k in range(1, 60)}
    assert pairs == shift
    assert all(m.status == "unchanged" and not m.moved for m in d.measures if m.old_id)


def test_removed_measure_is_removed_and_nothing_else_moves(seed_edition, lines):
    start, end = block(seed_edition, "m010")
    d = diff_editions(seed_edition, edition(lines[:start] + lines[end:]))
    assert [m.old_id for m in d.measures if m.status == "removed"] == ["m010"]
    assert not any(m.moved for m in d.measures)
    assert d.programs_removed == ("医療機器開発ガイドライン事業",)


def test_measure_moved_to_another_goal_is_moved_only(seed_edition, lines):
    start, end = block(seed_edition, "m003")
    moved = lines[start:end]
    rest = lines[:start] + lines[end:]
    target = rest.index("【研究開発拠点、開発支援拠点や企業の連携強化】") + 2
    d = diff_editions(seed_edition, edition(rest[:target] + moved + rest[target:]))
    assert [m.old_id for m in d.measures if m.moved] == ["m003"]
    assert by_old(d)["m003"].status == "unchanged"
    assert d.summary()["measures"]["moved"] == 1


def test_reposted_measure_does_not_steal_the_original(seed_edition, lines):
    start, end = block(seed_edition, "m048")  # 有事における新規医療機器の早期実用化に向けた取組
    d = diff_editions(seed_edition, edition(lines[:start] + lines[end:]))
    assert by_old(d)["m048"].status == "removed"
    assert by_old(d)["m059"].new_id == "m058" and by_old(d)["m059"].status == "unchanged"


def test_program_renamed_everywhere_is_a_rename_candidate_with_evidence(seed_edition, lines):
    edited = [x.replace("医療機器開発推進研究事業", "医療機器開発加速研究事業") for x in lines]
    d = diff_editions(seed_edition, edition(edited))
    (r,) = d.renames
    assert (r.old, r.new, r.evidence) == ("医療機器開発推進研究事業", "医療機器開発加速研究事業", "similarity")
    assert r.confidence >= 0.6 and "name-similarity" in {x.code for x in r.reasons}
    assert not diff_editions(seed_edition, edition(edited), Options(rename_threshold=1.0)).renames or r.confidence == 1.0
    assert "医療機器開発加速研究事業" not in d.programs_added


def test_match_carries_reason_score_and_runner_up(seed_edition, lines):
    edited = list(lines)
    title = seed_edition.measures[2].title
    row = edited.index(title)
    edited[row] = title.replace("育成", "育成及び確保")
    d = diff_editions(seed_edition, edition(edited))
    m = by_old(d)["m003"]
    assert m.match.code == "similarity" and m.match.score >= 0.9
    assert m.match.runner_up_id and m.match.runner_up_score < m.match.score
    same = by_old(d)["m004"].match
    assert same.code == "same-title" and same.score == 1.0


def wrap(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def row(title: str, description: str, tag: str, results: list[str], plans: list[str]) -> list[str]:
    """A table row as PDF extraction prints it: description ~56 wide, results ~58, plans ~38."""
    out = [title] if title else []
    out += wrap(description + tag, 56) + [""]
    out += [x for b in results for x in wrap(b, 58)] + [""]
    return out + [x for b in plans for x in wrap(b, 38)] + [""]


def replace_rows(ed, lines, first: str, last: str, rows: list[list[str]]) -> list[str]:
    start, _ = block(ed, first)
    _, end = block(ed, last)
    return lines[:start] + [x for r in rows for x in r] + lines[end:]


def test_split_is_recognised(seed_edition, lines):
    m = seed_edition.measures[3]  # m004: 4 results, 3 plans
    texts = lambda bs: [b.text for b in bs]  # noqa: E731
    halves = m.description.split("。", 1)
    one = row(m.title, halves[0] + "。", m.ministries_text, texts(m.results[:2]), texts(m.plans[:1]))
    two = row(m.title + "（その２）", halves[1], m.ministries_text, texts(m.results[2:]), texts(m.plans[1:]))
    d = diff_editions(seed_edition, edition(replace_rows(seed_edition, lines, "m004", "m004", [one, two])))
    split = [x for x in d.measures if x.status == "split"]
    assert {x.old_id for x in split} == {"m004"} and {x.new_id for x in split} == {"m004", "m005"}
    assert d.summary()["measures"]["added"] == 0


def test_merge_is_recognised(seed_edition, lines):
    a, b = seed_edition.measures[12], seed_edition.measures[13]  # m013, m014: adjacent rows of one goal
    texts = lambda bs: [x.text for x in bs]  # noqa: E731
    both = row(a.title, a.description + b.description, a.ministries_text, texts(a.results) + texts(b.results),
               texts(a.plans) + texts(b.plans))
    d = diff_editions(seed_edition, edition(replace_rows(seed_edition, lines, "m013", "m014", [both])))
    assert {x.old_id for x in d.measures if x.status == "merged"} == {"m013", "m014"}
    assert d.summary()["measures"]["removed"] == 0


def test_every_change_rebuilds_both_field_texts(seed_edition, lines):
    edited = [x.replace("推進した", "強化した").replace("13億円", "15億円") for x in lines]
    new = edition(edited)
    d = diff_editions(seed_edition, new)
    old_by, new_by = {m.id: m for m in seed_edition.measures}, {m.id: m for m in new.measures}
    checked = 0
    for mc in d.measures:
        for c in mc.changes:
            o, n = old_by[mc.old_id], new_by[mc.new_id]
            texts = {"title": (o.title, n.title), "description": (o.description, n.description),
                     "ministries": (ministries_text(o.ministries), ministries_text(n.ministries)),
                     "results": ("\n".join(b.text for b in o.results), "\n".join(b.text for b in n.results)),
                     "plans": ("\n".join(b.text for b in o.plans), "\n".join(b.text for b in n.plans))}
            assert rebuild(c.ops) == texts[c.field]
            checked += 1
    assert checked >= 15


def test_results_vs_plans_on_the_real_report_gives_real_findings(seed_edition):
    d = results_vs_plans(seed_edition)
    assert d.kind == "results-vs-plans"
    explicit = {(r.old, r.new) for r in d.renames if r.evidence == "explicit"}
    assert ("医工連携イノベーション推進事業", "医工連携グローバル展開事業") in explicit
    assert ("先進的研究開発・開発体制強靱化事業", "次世代型医療機器開発等促進事業") in explicit
    inferred = {(r.old, r.new) for r in d.renames if r.evidence == "similarity"}
    assert ("医療機器等安定供給確保事業", "医療機器等のサプライチェーンリスク評価及び安定供給確保事業") in inferred
    tenkai = next(b for b in d.budgets if b.program == "医療機器等研究成果展開事業")
    assert (tenkai.old.yen, tenkai.new.yen, tenkai.delta_yen) == (1_090_000_000, 1_120_000_000, 30_000_000)
    assert tenkai.kind_changed and tenkai.new.kind == "request" and tenkai.fiscal_year == 2025
    ended = {m.old_id for m in d.measures if m.status == "removed"}
    assert ended == {"m002", "m007"}
    assert "官民による若手研究者発掘支援事業" in d.programs_removed


def test_lineage_chains_renames_across_editions():
    from policydiff.diffengine.model import Rename

    chain = lineage([Rename("A事業", "B事業", "explicit", 1.0, "", "m1"), Rename("B事業", "C事業", "similarity", 0.8, "", "m2")])
    assert chain == [["A事業", "B事業", "C事業"]]


def test_json_contract_is_deterministic_and_complete(seed_edition, lines):
    edited = [x.replace("13億円", "15億円") for x in lines]
    d = diff_editions(seed_edition, edition(edited))
    first, second = render_json(d), render_json(diff_editions(seed_edition, edition(edited)))
    assert first == second
    data = json.loads(first)
    assert data["schema"] == "policydiff/diff/2" and data["kind"] == "editions"
    assert set(data["summary"]["measures"]) == {"unchanged", "changed", "added", "removed", "moved", "split", "merged"}
    assert set(data["old"]) >= {"document", "edition", "results_fy", "plans_fy", "source_sha256", "synthetic"}
    m = next(x for x in data["measures"] if x["status"] == "changed")
    assert set(m) >= {"status", "old_id", "new_id", "old_title", "new_title", "moved", "match", "changes"}
    assert set(m["match"]) == {"reason", "reasons", "score", "runner_up"}
    assert data["budgets"][0]["delta_yen"] == 200_000_000
    assert diff_dict(d)["programs"] == {"added": [], "removed": []}
