"""A text reading's rows checked against what every row of the report holds (versions/readers/text_checks.py):
a misread title or a bullet read in the other column is named in a warning, never passed silently."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from pathlib import Path

import pytest

import policydiff
from policydiff.versions.model.errors import EditionParseError
from policydiff.versions.readers.text_checks import check_rows, heading_start

LAYOUTS = Path(__file__).parent / "data" / "layouts"
SEED = Path(__file__).parents[1] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"


def _read(name: str) -> policydiff.Edition:
    return policydiff.parse_report(gzip.decompress((LAYOUTS / name).read_bytes()), source_name=name[:-3])


def _doubted(ed: policydiff.Edition) -> set[str]:
    return {w.message.split(":")[0] for w in ed.warnings if w.code == "layout-row-doubt"}


def test_a_title_read_into_its_description_is_named():
    """pdfplumber's text of layout 1 (9 pt, bold titles): m003's title 「臨床現場を理解した企業の医療機器の研究
    開発人材の育成」 runs into its description; before, nothing named the row."""
    ed = _read("L0001-reportlab-fy2024.pdfplumber.txt.gz")
    m = next(m for m in ed.measures if m.description.startswith("臨床現場を理解した企業"))
    assert not m.title and m.id in _doubted(ed)
    assert any(w.measure == m.id for w in ed.warnings if w.code == "layout-row-doubt")  # the row, in its field
    assert ed.warnings[0].code == "reading-doubtful"


def test_a_heading_is_told_only_where_a_sentence_follows_it():
    assert heading_start("臨床現場を理解した企業の医療機器の研究開発人材の育成医療機器の研究開発に当たっては、") \
        == "臨床現場を理解した企業の医療機器の研究開発人材の育成"
    assert heading_start("AI研究開発に必要な人材の育成\n今後、AIを用いた") == "AI研究開発に必要な人材の育成"
    assert heading_start("医療従事者の育成ることが必要である。") == "医療従事者の育成"  # first line lost
    assert heading_start("医療機器の研究開発の推進に取り組む。") == ""
    assert heading_start("特に医療機器の研究開発においてニーズに応じたプロトタイプの作製が重要") == ""


def test_the_rows_of_the_bundled_edition_read_as_the_report_writes_them():
    """The checks name no row of the real edition, not even m016, whose description starts mid-word (its
    first line lost in extraction: 「テンシャルを有する地域連携」「拠点については、…」)."""
    ed = policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)
    assert _doubted(check_rows(ed, "dense")) == set()


def test_a_text_whose_columns_were_lost_is_refused_in_one_line():
    """pdfminer's text of layout 8 (担当 first): its boxes lost the columns, offices read as bullets, titles
    in descriptions, 44 of 59 rows wrong; before, an edition of 74 measures, 45 rows unwarned."""
    with pytest.raises(EditionParseError, match=r"columns were not told apart .* rows do not read") as err:
        _read("L0008-chromium-fy2024.pdfminer.txt.gz")
    assert "\n" not in str(err.value)


def test_cells_spliced_after_a_sentence_end_are_named():
    """pdfminer's text of seed-chromium.pdf: m011's last plan ends 「…推進する。において、産学連携…」, the
    next row's result spliced on; before, nothing named m011."""
    ed = policydiff.load_edition(Path(__file__).parent / "data" / "pdf" / "seed-chromium.pdfminer.txt")
    assert "m011" in _doubted(ed)


def test_results_or_plans_opening_mid_sentence_are_named():
    """pypdfium2's text of layout 18: a page break cut m045's plans, whose first line was read elsewhere;
    before, the row differed unnamed."""
    assert "m045" in _doubted(_read("L0018-chromium-fy2024.pypdfium2.txt.gz"))


def test_a_line_of_another_cell_spliced_onto_a_bullet_is_named():
    """pypdfium2's texts of seeds 1500, 1517, 1528 (fresh layouts): the 重点分野 row's last result joined to
    the first line of its plan, 「…３件の課題を採択引き続き、AMEDの…」; before, nothing named the row."""
    ed = policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)
    k, m = next((k, m) for k, m in enumerate(ed.measures) if m.description.startswith("以下の5分野"))
    spliced = replace(m.plans[0], text="・医工連携グローバル展開事業において３件の課題を採択" + m.plans[0].text)
    ed = replace(ed, measures=(*ed.measures[:k], replace(m, plans=(spliced,)), *ed.measures[k + 1:]))
    assert _doubted(check_rows(ed, "dense")) == {m.id}


def _seed() -> policydiff.Edition:
    return policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)


def _with_measure(ed: policydiff.Edition, k: int, **fields) -> policydiff.Edition:
    return replace(ed, measures=(*ed.measures[:k], replace(ed.measures[k], **fields), *ed.measures[k + 1:]))


def _named_ids(ed: policydiff.Edition) -> set[str]:
    return {i for w in ed.warnings if w.code == "layout-row-doubt" for i in re.findall(r"\b[mg]\d{2,3}\b", w.message)}


@pytest.mark.parametrize("tail", [
    "（その２）",  # a title's wrapped end alone at the end of a results cell (pypdfium2, seed 3003)
    "・供給不安が生じた場合には、個別の品目ごとに関係者と議論を行い、解決策を検討した。＜有事における新規医療機器の早期実用化に向けた取組＞（再掲）",
    "・MEDISOにおいて、海外のエコシステムや支援機関等と連携国際展開支援における業界団体と行政の連携強化（その２）",
], ids=["alone", "after-a-sentence", "at-a-bullets-end"])
def test_the_next_rows_title_read_at_the_end_of_a_cell_is_named(tail):
    """pypdfium2's texts of dev seeds 3003, 3007, 3016 (fresh layouts): the next row's title (or this row's
    title's end) read as the last result or plan, and the next row left without its title; before, nothing
    named either row. Both are named now."""
    ed = _seed()
    k = next(k for k, m in enumerate(ed.measures) if m.title.startswith("国際展開支援における業界団体"))
    m = ed.measures[k]
    ed = _with_measure(ed, k, plans=(*m.plans, replace(m.plans[-1], text=tail)))
    assert _named_ids(check_rows(ed, "dense")) == {m.id, ed.measures[k + 1].id}


def test_a_cell_ends_in_a_status_or_a_stated_end_as_the_report_writes_it():
    """「（対応済み）」 and 「後継事業の予定無し」 end a plans cell in the real report: no doubt."""
    ed = _seed()
    ends = {b.plans[-1].text for b in ed.measures if b.plans}
    assert "（対応済み）" in ends and "後継事業の予定無し" in ends
    assert _doubted(check_rows(ed, "dense")) == set()


def test_a_goals_note_read_as_a_measure_names_the_goal():
    """pypdfium2's text of dev seed 3015: g06's sub-heading row (title and text, no tag) read as a measure
    whose text went to its results; the goal lost its note and nothing named it."""
    ed = _seed()
    g = next(g for g in ed.goals if g.notes)
    k = next(k for k, m in enumerate(ed.measures) if m.goal == g.id)
    note = g.notes[0]
    row = replace(ed.measures[k], title=note.title, description="", ministries=(), office="",
                  results=(replace(ed.measures[k].results[0], text=note.text),), plans=())
    goals = tuple(replace(x, notes=()) if x.id == g.id else x for x in ed.goals)
    ed = replace(ed, goals=goals, measures=(*ed.measures[:k], row, *ed.measures[k:]))
    assert g.id in _named_ids(check_rows(ed, "dense"))


def test_headings_cut_by_a_page_break_are_named():
    """pypdfium2 and pdfplumber texts of dev seed 3016: vision 3's heading read with the page number inside
    (「…アクセシビリ-8-ティの確保」) and its reposted goal without 「（再掲）」 (still see-above); before,
    neither was named."""
    ed = _seed()
    v = next(v for v in ed.visions if v.number == 3)
    g = next(g for g in ed.goals if g.see_above)
    visions = tuple(replace(x, title=x.title.replace("アクセシビリティ", "アクセシビリ-8-ティ")) if x is v else x
                    for x in ed.visions)
    goals = tuple(replace(x, title=x.title.replace("（再掲）", ""), reposted=False) if x is g else x for x in ed.goals)
    messages = [w.message for w in check_rows(replace(ed, visions=visions, goals=goals), "dense").warnings
                if w.code == "layout-row-doubt"]
    assert any(x.startswith("vision 3: a page number 「-8-」") for x in messages)
    assert any(x.startswith(f"{g.id}: printed as a see-above row") for x in messages)


def test_a_title_run_into_a_description_that_restates_its_first_noun():
    """pdfplumber's texts of dev seeds 3024, 3026, 3039: 「有事における…取組」 run into 「有事において、…」; the
    compound rule (「取組有事」 one noun?) hid the heading before."""
    assert heading_start("有事における新規医療機器の早期実用化に向けた取組有事において、臨床現場に必要とされる") \
        == "有事における新規医療機器の早期実用化に向けた取組"
    assert heading_start("引き続き、「医療機器等研究成果展開事業」において、実用化支援") == ""  # an opener


def test_a_readers_line_warning_is_named_by_the_row_holding_the_line():
    """pdfplumber's text of layout 1: the interleaved reader warns about line 140 (its columns read two
    ways) before any measure exists; the warning had no page and no measure, so no report could show it
    with its row."""
    ed = _read("L0001-reportlab-fy2024.pdfplumber.txt.gz")
    amb = [w for w in ed.warnings if w.code == "layout-ambiguous"]
    assert amb and all(w.measure and w.page and w.message.startswith(f"{w.measure}: line ") for w in amb)
    starts = {m.id: m.line for m in ed.measures}
    ids = [m.id for m in ed.measures]
    for w in amb:
        k = ids.index(w.measure)
        assert starts[w.measure] <= w.line and (k + 1 == len(ids) or w.line < starts[ids[k + 1]])
