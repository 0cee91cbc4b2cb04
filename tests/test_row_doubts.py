"""Rows a text reading got SILENTLY wrong, named by versions/readers/row_doubts.py: each test makes again,
on the bundled edition's rows, a misreading that a text reader made of a generated layout with no warning."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import policydiff
from policydiff.versions.readers.row_doubts import row_doubts
from policydiff.versions.readers.text_checks import check_rows

SEED = Path(__file__).parents[1] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"


def _seed() -> policydiff.Edition:
    return policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)


def _row(ed: policydiff.Edition, title: str) -> int:
    return next(k for k, m in enumerate(ed.measures) if m.title.startswith(title))


def _named(ed: policydiff.Edition, why: str = "") -> set[str]:
    """The rows check_rows names; WHY: only those that row_doubts names with these words."""
    return {w.measure for w in check_rows(ed, "interleaved").warnings if w.code == "layout-row-doubt"} & {
        w.measure for w in row_doubts(ed) if why in w.message}


def test_the_bundled_edition_draws_no_doubt():
    assert row_doubts(_seed()) == []


def test_a_results_line_whose_end_went_to_the_plans_is_named_by_its_brackets():
    """pdfplumber's texts of 3935, 4106, 4853 (seen sets): 「…推進した（マッチング件数21」 ends the results, and the
    line's end 「件）。」 is read after the plans' 「…整備する。」; every field read, no warning named the row."""
    ed = _seed()
    k = next(k for k, m in enumerate(ed.measures) if m.results and m.results[-1].text.endswith("開催（令和6年9月3日）。"))
    m = ed.measures[k]
    result, plan = m.results[-1], m.plans[-1]
    cut = result.text.index("9月") + 2
    misread = replace(m, results=(*m.results[:-1], replace(result, text=result.text[:cut])),
                      plans=(*m.plans[:-1], replace(plan, text=plan.text + "。" + result.text[cut:])))
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "pairs with nothing") == {m.id}


def test_a_row_cut_in_two_by_a_page_break_is_named_on_its_untitled_part():
    """pdfplumber's texts of 3507 and 4425: a row cut by a page break is read as two, the title as the first
    part's description (no ministry tag: named), the description and tag as a second row without a title
    (not named)."""
    ed = _seed()
    k = _row(ed, "産業界ではアプローチが困難な情報")
    m = ed.measures[k]
    first = replace(m, title="", description=m.title, ministries=(), ministries_text="", results=m.results[:1],
                    plans=m.plans[:1])
    second = replace(m, id="m999", title="", results=m.results[1:], plans=m.plans[1:])
    assert _named(replace(ed, measures=(*ed.measures[:k], first, second, *ed.measures[k + 1:])), "no title") == {"m999"}


def test_the_plans_first_line_read_as_the_results_last_is_named():
    """pypdfium2's texts of 3610 and 3711: the plans' first line, narrower than the results' lines, read as
    the results' last bullet 「・引き続き、開発に際しての手引きとなる開発ガイダン」, the plans opening 「スを策定に努める。」."""
    ed, k, misread = _plans_first_line_in_results()
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "mid-sentence") == {misread.id}


def _plans_first_line_in_results():
    """The seed, the row of 「医療機器の研究開発の手引きの作成」, and that row with its plans' first line cut
    after 「…開発ガイダン」 and read as its results' last bullet."""
    ed = _seed()
    k = _row(ed, "医療機器の研究開発の手引きの作成")
    m = ed.measures[k]
    plan = m.plans[0]
    cut = plan.text.index("ガイダン") + 4
    return ed, k, replace(m, results=(*m.results, replace(plan, text=plan.text[:cut])),
                          plans=(replace(plan, text=plan.text[cut:]), *m.plans[1:]))


def test_a_sentence_run_on_after_the_results_last_full_stop_is_named():
    """pypdfium2's text of 4811: the plans' opening words 「引き続き、「…事業」」 read after the results' last
    「。」; the bullet's last sentence stops with no 「。」."""
    ed = _seed()
    k = _row(ed, "医療機器の研究開発の手引きの作成")
    m = ed.measures[k]
    result = m.results[-1]
    misread = replace(m, results=(*m.results[:-1], replace(result, text=result.text + "引き続き、「開発ガイダンス」")))
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "mid-sentence") == {m.id}


def test_the_synthetic_edition_draws_no_doubt(synthetic_text):
    """(A synthetic edition has a plan restating its neighbour's results: it shares words with its own too.)"""
    assert row_doubts(policydiff.parse_report(synthetic_text, source_name="next.txt")) == []


def test_plans_read_one_row_along_are_named():
    """pdfminer's texts of 4000 and 4938: the plans of several rows in turn read into the row before (the last
    row's plans into the one before it); every field read, no warning named those rows."""
    ed = _seed()
    k = _row(ed, "産業界ではアプローチが困難な情報") - 3
    ms = list(ed.measures)
    shifted = [replace(ms[k + i], plans=ms[k + i + 1].plans) for i in range(3)]
    ed = replace(ed, measures=(*ms[:k], *shifted, *ms[k + 3:]))
    assert {m.id for m in shifted[:2]} <= _named(ed, "one row along")


def test_a_rows_first_items_read_into_a_row_two_before_are_named():
    """pdfminer's text of 5149 (seen set h5100): the results' first paragraph 「重点５分野については…」 and items
    ①② of 「重点分野における医療機器の研究開発の促進」 printed after the results of the row two before, and read
    there; the row itself read from ③ on (named), the row two before read whole with them (not named)."""
    ed = _seed()
    k = _row(ed, "重点分野における医療機器の研究開発の促進")
    m, before = ed.measures[k], ed.measures[k - 2]
    third = next(i for i, b in enumerate(m.results) if b.text.startswith("③"))
    ms = list(ed.measures)
    ms[k - 2] = replace(before, results=(*before.results, *m.results[:third]))
    ms[k] = replace(m, results=m.results[third:])
    assert _named(replace(ed, measures=tuple(ms)), "one list") == {before.id}


def test_plans_opening_with_their_budget_note_are_named():
    """pypdfium2's text of 3722 (h3700): the plans' first line 「引き続き、「医療機器等研究成果展開事業」」 was read
    inside the results' sentence (「…実施すると引き続き、…」」ともに、…」), the plans opening with its note 「（令和７
    年度予算（案）：11.2憶円）において、…」; the report's own 「」」 hides it from bracket pairing."""
    ed = _seed()
    k = next(k for k, m in enumerate(ed.measures) if m.plans and m.plans[0].text.startswith("引き続き、「医療機器等研究成果"))
    m = ed.measures[k]
    plan, result = m.plans[0], m.results[0]
    cut = plan.text.index("（令和")
    at = result.text.index("するとともに") + 3
    misread = replace(m, results=(replace(result, text=result.text[:at] + plan.text[:cut] + result.text[at:]),
                                  *m.results[1:]),
                      plans=(replace(plan, text=plan.text[cut:]), *m.plans[1:]))
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "open with a note") == {m.id}


def test_the_last_rows_results_stopping_mid_sentence_are_named_too():
    """A text's last two rows were left unchecked (two test excerpts ended inside a row; they now end with it):
    the plans' first line read as the results' last (pypdfium2's 3610) in a text's last row is named too."""
    ed, k, misread = _plans_first_line_in_results()
    assert _named(replace(ed, measures=(*ed.measures[:k], misread)), "mid-sentence") == {misread.id}


def test_a_particle_read_before_a_conjunction_is_named():
    """pdfplumber's text of 3702 (h3700): the description's line 「…ルールインテリジェンス機能を」 printed its 「を」
    nearer the results column; it was read there, 「…評価指標」を及び「半月板修復再建用医療機器…」」 (the description
    「…機能構築する。」), and no warning named the row. 及び joins nouns, never a particle to one."""
    ed = _seed()
    k = next(k for k, m in enumerate(ed.measures) if any("」及び「半月板" in b.text for b in m.results))
    m = ed.measures[k]
    b = next(i for i, x in enumerate(m.results) if "」及び「半月板" in x.text)
    result = m.results[b]
    misread = replace(m, description=m.description.replace("機能を構築", "機能構築"),
                      results=(*m.results[:b], replace(result, text=result.text.replace("」及び「半月板", "」を及び「半月板")),
                               *m.results[b + 1:]))
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "conjunction") == {m.id}


def test_a_cell_opening_with_a_quote_it_never_opened_is_named():
    """pdfplumber's text of the lead's 6727 (d6700): the results' second line 「研究手続の合理化等に向けた法改正を含め
    た検討を進める」こと、及び「臨床研」, printed where the description column was empty before a page break, was read as
    the description's first line, and no warning named the row. The report opens every quote in the cell that
    closes it."""
    ed = _seed()
    k = _row(ed, "医療機関における医療機器の研究開発の支援体制の拡充")
    m = ed.measures[k]
    line = "研究手続の合理化等に向けた法改正を含めた検討を進める」こと、及び「臨床研"
    result = m.results[0]
    assert line in result.text
    misread = replace(m, description=line + m.description,
                      results=(replace(result, text=result.text.replace(line, "")), *m.results[1:]))
    assert _named(replace(ed, measures=(*ed.measures[:k], misread, *ed.measures[k + 1:])), "never opened") == {m.id}
