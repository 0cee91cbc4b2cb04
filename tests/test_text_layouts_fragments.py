"""What text_layouts.prepare does for pdfminer's one-line boxes before any reader sees them: header cells
printed as boxes of their own are no running titles, and neither are a table's lines printed above its
first whole header line (cut from dev 3083 and 3099, reduced)."""

from __future__ import annotations

from policydiff.versions.readers.text_layouts import prepare

HEADER = ["担当", "列1 該当箇所", "列2 令和７年度の実績・状況", "列3 令和８年度の取組予定", "列4"]
ROW = ["厚労省医療", "医療機器の研究開発に積極的に携わる医師をはじめとする", "・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、",
       "機器審査管", "医療従事者の育成", "理課"]


def _boxes(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_header_cell_behind_its_hidden_label_is_no_running_title():
    # dev 3083: 「列1 該当箇所」 is printed on every page next to the page's edge: it was blanked as a running
    # title, and the reader found no header
    pages = [HEADER + ROW + [f"- {n} -"] for n in (1, 2, 3)]
    prepared = prepare(_boxes([x for page in pages for x in page]))
    assert sum(1 for x in prepared.lines if x.strip() == "列1 該当箇所") == 3


def test_lines_above_a_header_parted_by_the_title_are_no_document_title():
    # dev 3099: the document's title is printed between the first page's header cells, so the first whole
    # header line is page 2's: the first page's lines printed again and again were blanked as the title
    first = ["該当箇所", "医療機器基本計画 重点的に取り組むべき施策の進捗状況", "令和６年度の実績・状況", "令和７年度の取組予定"]
    page1 = first + ROW * 3 + ["1"]
    page2 = ["該当箇所 令和６年度の実績・状況 令和７年度の取組予定"] + ROW + ["2"]
    prepared = prepare(_boxes(page1 + page2))
    assert sum(1 for x in prepared.lines if x.strip() == "医療従事者の育成") == 4


def test_an_office_cell_joined_before_the_header_keeps_it_from_the_running_titles():
    # dev 3099 after the 「担当」 cell above 「該当箇所」 is joined onto it (「担当 列1 列2  該当箇所」): the joined line,
    # printed on every page, was blanked as a running title (no 該当箇所 line left on the first page), and the
    # first page's rows were read outside the table
    head = ["担当 列1 列2", "該当箇所", "列3"]
    labels = ["令和６年度の実績・状況", "令和７年度の取組予定"]
    pages = [head + ROW[:2] + labels + ROW[2:] + ROW + [f"- {n} -"] for n in (1, 2, 3)]
    text = "\f".join(_boxes(page) for page in pages)
    prepared = prepare(_boxes(["policydiff-synthetic: SYNTHETIC: INVENTED 「担当」 column"]) + text)
    assert sum(1 for x in prepared.lines if "該当箇所" in x) == 3
