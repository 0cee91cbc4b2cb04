"""Source strings written by an attacker reach every reader of a report as text, never as action:
no terminal control, no Markdown/HTML markup in a pull-request comment, no spreadsheet formula.

tests/data/hostile/ holds the seed's first rows (old.txt) and the same with hostile titles, program
names and bullets (new.txt; tests/data/hostile/make.py rebuilds both and says what each string is).
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import policydiff as p
from policydiff.cli import cli
from policydiff.renderers.escaping import csv_cell, markdown, one_line, reveal

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
OLD, NEW = HOSTILE / "old.txt", HOSTILE / "new.txt"
# What no terminal may receive from a source: C0 (but tab, newline), DEL, C1, bidi controls.
RAW_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
OUR_COLOURS_RE = re.compile(r"\x1b\[[0-9;]*m")  # the SGR codes the text renderer itself writes


@pytest.fixture(scope="module")
def hostile_diff() -> p.Diff:
    return p.diff(OLD, NEW)


@pytest.fixture(scope="module")
def hostile_plans() -> p.Diff:
    return p.plans(NEW)


def test_fixture_really_carries_the_hostile_strings():
    text = NEW.read_text(encoding="utf-8")
    for needle in ("<!--", "<img src=", "\x1b[2J", "\u202e", "\x9b", "=1+2事業", "@SUM(", "+cmd", "-2+3事業"):
        assert needle in text


@pytest.mark.parametrize("color", [False, True])
def test_text_report_prints_source_controls_escaped(hostile_diff, hostile_plans, color):
    for d in (hostile_diff, hostile_plans):
        out = p.render(d, "text", p.ReportOptions(color=color))
        assert not RAW_CONTROL_RE.search(OUR_COLOURS_RE.sub("", out)), RAW_CONTROL_RE.findall(out)
    out = p.render(hostile_diff, "text", p.ReportOptions(color=color))
    assert "⟨U+202E⟩evil" in out and "⟨U+009B⟩31m" in out


def with_escape_in_titles(ed: p.Edition) -> p.Edition:
    """The parser drops C0 controls from a report; an Edition built in Python keeps them."""
    return replace(ed, measures=tuple(replace(m, title=m.title + "\x1b[2J\x1b]0;x\x07") for m in ed.measures))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_escape_in_an_edition_built_in_python_is_shown_escaped_in_every_format(fmt):
    old = p.open_edition(OLD)
    d = p.diff(old, with_escape_in_titles(old))
    out = p.render(d, fmt, p.ReportOptions(color=True))
    assert not RAW_CONTROL_RE.search(OUR_COLOURS_RE.sub("", out).replace("\n", ""))
    assert "⟨U+001B⟩" in (html.unescape(out) if fmt != "text" else out)


def test_show_prints_the_edition_with_controls_escaped():
    out = p.render_edition(with_escape_in_titles(p.open_edition(NEW)), "text")
    assert not RAW_CONTROL_RE.search(out) and "⟨U+001B⟩[2J" in out


def test_show_prints_a_source_file_name_escaped(tmp_path):
    name = "fy\x1b]0;owned\x07\u202etxt.\x9b2J\t.txt"
    (tmp_path / name).write_bytes(OLD.read_bytes())
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "show", str(tmp_path / name), "--summary"])
    assert result.exit_code == 0, result.output
    assert not RAW_CONTROL_RE.search(result.output) and "\t.txt" not in result.output
    assert "source: fy⟨U+001B⟩]0;owned⟨U+0007⟩⟨U+202E⟩txt.⟨U+009B⟩2J⟨U+0009⟩.txt" in result.output


def test_an_error_naming_a_hostile_file_is_one_escaped_line(tmp_path):
    (tmp_path / "e\x1b[2J\u202e\n.txt").mkdir()  # "… is a directory, not a report file"
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "show", str(tmp_path / "e\x1b[2J\u202e\n.txt")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and not RAW_CONTROL_RE.search(result.stderr)
    assert "e⟨U+001B⟩[2J⟨U+202E⟩⟨U+000A⟩.txt" in result.stderr


def test_escaping_functions_show_every_hidden_character():
    assert reveal("a\x1b[2Jb\x9bc\u202ed\te\nf") == "a⟨U+001B⟩[2Jb⟨U+009B⟩c⟨U+202E⟩d\te\nf"
    assert one_line("a\tb\nc\x85") == "a⟨U+0009⟩b⟨U+000A⟩c⟨U+0085⟩"
    assert markdown("a\nb") == "a b"


# ---------------------------------------------------------------- Markdown as GitHub renders it


def github(md: str) -> str:
    """The comment as GitHub's cmark-gfm renders it, raw HTML passed through (GitHub's sanitizer
    then keeps <img>, <details>, comments and links: none may come from a source)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)


def test_markdown_source_strings_render_as_text_on_github(hostile_diff, hostile_plans):
    for d in (hostile_diff, hostile_plans):
        page = github(p.render(d, "markdown"))
        for markup in ("<img", "<!--", "<script", "<b>展開", "href=", "<code>", "<em>強調"):
            assert markup not in page, markup
        assert not RAW_CONTROL_RE.search(page)
    page = github(p.render(hostile_diff, "markdown"))
    # Every section after the hostile title is still there, and the title reads as written.
    for heading in ("<h4>Budget lines</h4>", "<h4>Renames and successions</h4>", "<h4>Measures</h4>"):
        assert heading in page
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for written in ("<!-- 隠す", "<img src=https://evil.example/t.png>"):  # (the new reader takes [i] for a tag)
        assert written in shown, written
    assert "<script>alert(1)</script> &amp; @user" in shown
    assert "⟨U+009B⟩31m" in shown and "⟨U+202E⟩evil" in shown


def test_markdown_table_cells_keep_a_pipe_inside_the_cell(hostile_plans):
    page = github(p.render(hostile_plans, "markdown"))
    cells = [html.unescape(c.replace("<wbr>", "")) for c in re.findall(r"<td>(.*?)</td>", page, re.S)]
    assert "@SUM(1+1)|<b>展開事業" in cells and "+cmd|'/C calc'!A0事業" in cells
    for table in re.findall(r"<table>(.*?)</table>", page, re.S):  # no row split by a source's pipe
        head, *rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert all(row.count("<td>") == head.count("<th>") for row in rows)


# ---------------------------------------------------------------- CSV as a spreadsheet reads it


def csv_rows(d: p.Diff) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(p.render(d, "csv").lstrip("\ufeff"))))


def test_csv_cells_of_source_text_cannot_start_a_formula(hostile_diff, hostile_plans):
    programs = set()
    for d in (hostile_diff, hostile_plans):
        for row in csv_rows(d):
            for column in ("program", "old_measure", "new_measure", "old_text", "new_text", "status"):
                assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])
            programs.add(row["program"])
    assert {"'=1+2事業", "'@SUM(1+1)|<b>展開事業", "'+cmd|'/C calc'!A0事業", "'-2+3事業\u202e"} <= programs


def test_csv_numbers_stay_numbers_a_cut_included(seed_path):
    rows = csv_rows(p.plans(seed_path))
    deltas = [row["delta_yen"] for row in rows if row["delta_yen"]]
    assert any(int(x) < 0 for x in deltas), deltas  # a cut is written -200000000, not '-200000000
    assert all(re.fullmatch(r"-?\d+", x) for x in deltas)
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", row["delta_pct"]) for row in rows if row["delta_pct"])


def test_csv_cell_rule_is_owasp_s():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(start + "SUM(A1)") == "'" + start + "SUM(A1)"
    assert csv_cell("医療機器") == "医療機器" and csv_cell(-5) == -5 and csv_cell(-0.5) == -0.5


# ---------------------------------------------------------------- HTML


def test_html_shows_c1_controls_as_it_shows_bidi(hostile_diff):
    page = p.render(hostile_diff, "html")
    assert "\x9b" not in page and "⟨U+009B⟩" in page and "⟨U+202E⟩" in page
    assert not RAW_CONTROL_RE.search(page.replace("\n", "").replace("\t", ""))


# ---------------------------------------------------------------- between years (the annual layer)

NEXT = HOSTILE / "next.txt"  # new.txt as next year's edition: follow-through, trajectories, events


@pytest.fixture(scope="module")
def next_year_diff() -> p.Diff:
    d = p.diff(OLD, NEXT)
    assert d.between_years
    return d


def test_next_year_text_and_markdown_show_source_strings_as_text(next_year_diff):
    text = p.render(next_year_diff, "text", p.ReportOptions(color=True))
    assert not RAW_CONTROL_RE.search(OUR_COLOURS_RE.sub("", text)) and "⟨U+202E⟩" in text
    page = github(p.render(next_year_diff, "markdown"))
    for markup in ("<img", "<!--", "<script", "<b>展開", "href="):
        assert markup not in page, markup
    assert not RAW_CONTROL_RE.search(page)
    assert "@SUM(1+1)|<b>展開事業" in html.unescape(page)  # read as written, in a table or a code block


def test_a_code_block_of_the_annual_layer_cannot_be_closed_by_a_source(tmp_path):
    fenced = NEXT.read_text(encoding="utf-8").replace("「=1+2事業", "「```\n# 見出し <img src=x>\n```=1+2事業")
    (tmp_path / "fenced.txt").write_text(fenced, encoding="utf-8")
    page = github(p.render(p.diff(OLD, tmp_path / "fenced.txt"), "markdown"))
    assert "<img" not in page and "<h1>" not in page


@pytest.mark.parametrize("table", ["budgets", "follow-through", "events"])
def test_next_year_csv_tables_neutralise_formulas(next_year_diff, table):
    out = p.render(next_year_diff, "csv", p.ReportOptions(table=table))
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    for row in rows[1:]:
        for cell in row:
            assert not (cell.startswith(("=", "+", "@", "\t", "\r")) or re.match(r"-(?!\d+(\.\d+)?$)", cell)), cell


def test_next_year_html_shows_every_control(next_year_diff):
    page = p.render(next_year_diff, "html")
    assert not RAW_CONTROL_RE.search(page.replace("\n", "").replace("\t", "")) and "⟨U+009B⟩" in page


# ---------------------------------------------------------------- JSON and XML printed to a terminal


def test_json_and_xml_views_hold_the_same_data_with_no_raw_control(hostile_diff):
    import json

    from policydiff.versions.xml import edition_from_xml

    ed = p.open_edition(NEW)
    for out in (p.render(hostile_diff, "json"), p.render_edition(ed, "json")):
        assert not RAW_CONTROL_RE.search(out.replace("\n", "")) and "\\u202e" in out
        assert "\u202e" in json.dumps(json.loads(out), ensure_ascii=False)  # the data kept
    xml = p.render_edition(ed, "xml")
    assert not RAW_CONTROL_RE.search(xml.replace("\n", "").replace("\t", "")) and "&#x202E;" in xml
    assert edition_from_xml(xml.encode("utf-8")) == ed
