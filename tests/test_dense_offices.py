"""An office of the 「担当」 column cut at its start (its first line read into another cell) is named, also
where the same cut happens in several rows (a check of text_checks.py, from pypdfium2's dev readings)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from dense_snippets import snippet_cells, snippet_rows

import policydiff
from policydiff.versions.readers.dense_pieces import options
from policydiff.versions.readers.text_checks import check_rows

SEED = Path(__file__).parents[1] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
OFFICES = {"厚": "厚労省医療機器審査管理課", "経": "経産省ヘルスケア産業課医療・福祉機器産業室",
           "文": "文科省研究振興局ライフサイエンス課"}


def _named(ed: policydiff.Edition) -> set[str]:
    return {i for w in ed.warnings if w.code == "layout-row-doubt" for i in re.findall(r"\bm\d{3}\b", w.message)}


def test_an_office_cut_at_its_start_in_two_rows_alike_is_named():
    # Dev layouts 3061 and 3076 (pypdfium2, 担当 first, 6 cells wide): 「厚労省医療機」 read at the end of the row
    # before and the office left as 「器審査管理課」. Cut so in two rows, that start is no longer one of a
    # kind, and the check of offices that start like no other passed both silently.
    ed = policydiff.parse_report(SEED.read_bytes())
    ed = replace(ed, measures=tuple(replace(m, office=OFFICES.get(next((x.code for x in m.ministries if x.lead), ""),
                                                                  "内閣官房健康・医療戦略室")) for m in ed.measures))
    assert _named(check_rows(ed, "dense")) == set()
    cut = [k for k, m in enumerate(ed.measures) if m.office.startswith("厚労省")][3:5]
    measures = list(ed.measures)
    for k in cut:
        measures[k] = replace(measures[k], office="器審査管理課")
    named = _named(check_rows(replace(ed, measures=tuple(measures)), "dense"))
    assert {measures[k].id for k in cut} | {measures[k - 1].id for k in cut} <= named


def test_a_cell_opening_with_a_count_in_brackets_is_named():
    # Dev layout 3084 (pypdfium2), read with an early version of the group-heading rule: the results' last
    # words 「（令和6年12月までに累計62件）」 were read as the plans' first paragraph, and no check named the row.
    ed = policydiff.parse_report(SEED.read_bytes())
    k, m = next((k, m) for k, m in enumerate(ed.measures) if m.results and m.results[-1].text.endswith("累計62件）"))
    assert m.id not in _named(check_rows(ed, "dense"))
    last = m.results[-1]
    cut = last.text.rindex("（")
    misread = replace(m, results=(*m.results[:-1], replace(last, text=last.text[:cut])),
                      plans=(replace(last, text=last.text[cut:]), *m.plans))
    ed = replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:]))
    assert m.id in _named(check_rows(ed, "dense"))


def test_an_office_line_after_an_office_line_that_ran_on_is_the_offices_rest_not_a_title():
    # L3038 (Chromium, the 「担当」 column first and 5 cells wide): a row opens with its office 「厚労省医療」 /
    # 「機器審査管」, then the title on the results' first baseline 「国際展開支援における業界団体と行政の連携強化
    # ・｢優れた…」. 「機器審査管」 was read as the title (the office's first line ran on), and the title as the
    # description's first line.
    rows = snippet_rows("office-rest-before-a-title", 22, 22, 22, 5)
    row = next(r for r in rows if any("国際展開支援における業界団体と行政の連携強化" in x for x in r["title"] + r["description"]))
    assert row["title"] == ["国際展開支援における業界団体と行政の連携強化"]


def test_a_line_closing_a_bracket_it_did_not_open_is_no_office_name():
    # L3049 (reportlab, the 「担当」 column last, page breaks unmarked): a page ends with a row's first baseline
    # 「出口戦略を策定し、…能力を有する人材（コーデ…」 / results / plans / 「厚労省医療機器審査」; the next page goes on
    # 「人材）の育成」, the title's rest, then the description. The title's rest was read as the office's (it fits the
    # office column), sparing the price of a page break the text does not mark.
    rows = snippet_rows("title-rest-after-an-unmarked-break-beside-an-office", 37, 41, 26, 9)
    row = next(r for r in rows if any("出口戦略を策定し" in x for x in r["title"] + r["description"]))
    assert row["title"][-1] == "人材）の育成"


def test_an_office_and_a_title_opening_with_a_latin_word_share_a_baseline():
    # L4225 (reportlab, 担当 first; office 12 cells, description 48): 「厚労省医療機器審査管理課 Software as a Medical
    # Device（SaMD）の実用化促進」, the office and the row's title on one baseline. A space before a Latin word was
    # never taken for a cut between cells, and the office was read as the title's first words.
    cells = snippet_cells("office-and-a-latin-title-on-one-baseline", 48, 53, 35, 12)
    assert [x.text for x in cells[0]["office"].lines] == ["厚労省医療機器審査管理課"]
    desc = cells[0]["description"]
    assert [x.text for x in desc.lines[: desc.title]] == ["Software as a Medical Device（SaMD）の実用化促進"]


def test_cells_on_one_baseline_part_after_a_number_cut_by_a_lines_end():
    # L4534 (reportlab, 担当 last): a title, the results' first line, the plans' first line and the office's share
    # a baseline: 「…の研究開発の促進 ・「医療機器等研究成果展開事業」（令和６年度予算：10. 引き続き、「医療機器等研究
    # 成果展開事業」」（令和７年 文科省研究振」. The results' line ends in a number cut (「10.」 / 「9億円）」); the space
    # after it was never taken for a cut between cells, and the line, read as one, fitted no column.
    line = ("革新的な医療機器の要素技術の研究開発の促進 ・「医療機器等研究成果展開事業」（令和６年度予算：10. "
            "引き続き、「医療機器等研究成果展開事業」」（令和７年 文科省研究振")
    finest = max(options(line, 852), key=lambda reading: len(reading[0]))[0]
    assert [x.text for x in finest] == ["革新的な医療機器の要素技術の研究開発の促進", "・「医療機器等研究成果展開事業」（令和６年度予算：10.",
                                        "引き続き、「医療機器等研究成果展開事業」」（令和７年", "文科省研究振"]
    assert max(len(pieces) for pieces, _ in options("ることでARO に必要な人材の充実や", 1)) == 1  # (a space inside a cell)
