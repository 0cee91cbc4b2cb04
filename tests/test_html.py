"""The HTML change report without a browser: self-contained, pinned by CSP, escaped, complete, stable."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import replace

import html_cases as cases
import pytest

from policydiff.renderers.html import fiscal_year, pct, render_html, strings, visible
from policydiff.renderers.money import yen
from policydiff.renderers.options import ReportOptions

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.fixture(scope="module")
def plans_diff():
    return cases.real_plans()


@pytest.fixture(scope="module")
def edited_diff():
    return cases.edited_pair()


@pytest.fixture(scope="module")
def plans_html(plans_diff):
    return render_html(plans_diff)


@pytest.fixture(scope="module")
def edited_html(edited_diff):
    return render_html(edited_diff)


@pytest.fixture(scope="module")
def injected_html():
    return render_html(cases.pair(cases.injected_text(), "hostile.txt"))


def _sha(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode() + "'"


def test_csp_pins_the_inline_style_and_script_by_hash(plans_html, edited_html):
    for page in (plans_html, edited_html):
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert meta, "no CSP meta element"
        policy = html.unescape(meta.group(1))
        styles = re.findall(r"<style>(.*?)</style>", page, re.S)
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        assert len(styles) == 1 and len(scripts) == 1
        assert page.count("<style") == 1 and page.count("<script") == 1
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'none'"
        assert directives["style-src"] == _sha(styles[0])
        assert directives["script-src"] == _sha(scripts[0])
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert page.index("Content-Security-Policy") < page.index("<style>")


def test_report_loads_nothing_from_outside(plans_html, edited_html):
    for page in (plans_html, edited_html):
        assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:|//|javascript:|data:)""", page, re.I)
        assert not re.search(r"<(link|img|iframe|object|embed|base)\b", page, re.I)
        assert "@import" not in page and "url(" not in page and "@font-face" not in page
        assert ' style="' not in page  # the CSP allows no style attributes


def _assert_nothing_dropped(diff, page: str) -> None:
    assert page.count('<article class="measure') == len(diff.measures)
    for m in diff.measures:
        for mid in (m.old_id, m.new_id):
            if mid:
                assert html.escape(mid) in page, mid
    assert len(re.findall(r'<tr id="b-\d+"', page)) == len(diff.budgets)
    for b in diff.budgets:
        assert html.escape(b.program) in page, b.program
    assert len(re.findall(r'<tr id="r-\d+"', page)) == len(diff.renames)
    for r in diff.renames:
        assert html.escape(r.old) in page and html.escape(r.new) in page, r
    for p in diff.programs_added + diff.programs_removed:
        assert html.escape(p) in page, p


def test_every_measure_budget_line_and_rename_appears(plans_diff, plans_html, edited_diff, edited_html):
    assert plans_diff.budgets and plans_diff.renames
    _assert_nothing_dropped(plans_diff, plans_html)
    _assert_nothing_dropped(edited_diff, edited_html)


def test_edited_pair_shows_the_budget_cut_the_deleted_measure_and_the_rename(edited_diff, edited_html):
    (budget,) = [b for b in edited_diff.budgets if b.program == cases.BUDGET_PROGRAM]
    assert budget.delta_yen == -200_000_000
    assert "▲2億円" in edited_html and 'title="-200,000,000円"' in edited_html
    assert f'id="m-{cases.DELETED_ID}-x"' in edited_html
    assert "<del>19</del><ins>17</ins>" in edited_html
    old, new = cases.RENAMED
    assert re.search(rf"<del class=\"name\">{old}</del>.*?<ins class=\"name\">{new}</ins>", edited_html, re.S)


def test_same_diff_and_options_give_identical_bytes(plans_html, edited_diff, edited_html):
    assert render_html(cases.real_plans()) == plans_html
    assert render_html(edited_diff) == edited_html
    options = ReportOptions(lang="en", generated_at="2026-01-01 00:00 UTC")
    with_origin = replace(edited_diff, old=replace(edited_diff.old, origin=(("b", "2"), ("a", "1"))))
    assert render_html(with_origin, options) == render_html(with_origin, options)


def test_source_text_is_escaped_and_bidi_controls_shown(injected_html):
    page = injected_html
    assert "window.__pwned" in page  # the text is there ...
    assert "<script>window" not in page and page.count("<script") == 1  # ... but not as a script
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;/style&gt;" in page
    assert page.count("</style>") == 1
    assert "&#34;quotes&#34;" in page and "&#39;single&#39;" in page
    assert 'href="javascript:' not in page and "&lt;a href=&#34;javascript:alert(1)&#34;&gt;" in page
    for ch in BIDI:
        assert ch not in page
    assert "⟨U+202E⟩" in page and "⟨U+2066⟩" in page and "⟨U+2069⟩" in page


def test_every_bidi_control_is_made_visible():
    for ch in BIDI:
        shown = str(visible(f"a{ch}b"))
        assert ch not in shown and f"⟨U+{ord(ch):04X}⟩" in shown
    assert str(visible("<b>&\"'")) == "&lt;b&gt;&amp;&#34;&#39;"
    assert str(visible("line\nnext\ttab")) == "line\nnext\ttab"


def test_synthetic_banner_iff_an_edition_is_synthetic(plans_html, edited_html):
    assert 'class="banner"' not in plans_html and 'class="banner"' not in edited_html
    synthetic = render_html(cases.edited_pair(synthetic="test"))
    assert synthetic.count('class="banner"') == 1
    assert "合成版" in synthetic and "実際に公表された報告書ではありません" in synthetic
    english = render_html(cases.edited_pair(synthetic="test"), ReportOptions(lang="en"))
    assert "synthetic edition" in english and "not a published report" in english


def test_english_labels(edited_diff, edited_html):
    en = render_html(edited_diff, ReportOptions(lang="en"))
    assert '<html lang="en">' in en and '<html lang="ja">' in edited_html
    for label in ("Change report", "Budget lines", "Renames and successions", "Only changes", "Side by side"):
        assert label in en
    body = re.sub(r"<(style|script)>.*?</\1>", "", en, flags=re.S)  # the CSS holds both languages' :lang() rules
    for label in ("変更レポート", "新旧対照表", "変更のみ", "名称変更・後継事業"):
        assert label in edited_html and label not in body
    assert "−¥200 m" in en


def test_every_label_exists_in_both_languages():
    table = strings()
    assert set(table) == {"ja", "en"}
    assert set(table["ja"]) == set(table["en"])


def test_results_vs_plans_sides_are_labelled_as_columns(plans_diff, plans_html):
    assert plans_diff.kind == "results-vs-plans"
    assert "令和6年度（2024）の実績" in plans_html and "令和7年度（2025）の取組予定" in plans_html
    en = render_html(plans_diff, ReportOptions(lang="en"))
    assert "results FY2024" in en and "plans FY2025" in en


def test_formatting_only_change_is_hidden_unless_asked():
    diff = cases.pair(cases.format_only_text(), "width.txt")
    hidden = render_html(diff)
    assert "<del>６</del>" not in hidden and "<ins>6</ins>" not in hidden
    assert "幅・引用符・空白・改行だけの違い（1 件）" in hidden
    assert 'data-change="1"' not in hidden
    shown = render_html(diff, ReportOptions(show_format_only=True))
    assert "<del>６</del><ins>6</ins>" in shown
    assert '<span class="badge b-format">書式のみ</span>' in shown


def test_header_shows_provenance_time_and_version(edited_diff, edited_html):
    commit = "0123456789abcdef0123456789abcdef01234567"
    with_origin = replace(edited_diff, old=replace(edited_diff.old, origin=(("archive_commit", commit),
                                                                            ("file", "a.txt"))))
    page = render_html(with_origin, ReportOptions(generated_at="2026-11-25 10:00 UTC", version="9.9.9"))
    assert commit in page and "a.txt" in page and "アーカイブのコミット" in page
    assert "作成日時 2026-11-25 10:00 UTC" in page and "policydiff 9.9.9" in page
    assert "作成日時" not in edited_html
    assert edited_diff.old.source_sha256 in edited_html and edited_diff.new.source_sha256 in edited_html


def test_budget_summary_sums_only_comparable_lines(plans_diff, plans_html):
    ups = [b for b in plans_diff.budgets if b.status == "changed" and b.comparable and (b.delta_yen or 0) > 0]
    assert ups
    # 10.9億円 (令和6年度予算) → 11.2億円 (令和7年度予算案): +3,000万円. The 令和5年度補正 3.8億円 →
    # 令和7年度予算案 6.0億円 pair (two years apart, two kinds) is shown but not summed (issue 11).
    assert sum(b.delta_yen for b in ups) == 30_000_000
    assert re.search(r'<span class="total" title="\+30,000,000円">\+3,000万円</span>', plans_html)
    supp = next(b for b in plans_diff.budgets if b.old and b.old.kind == "supplementary" and b.new)
    assert not supp.comparable and not supp.old.part_of and not supp.new.part_of
    part_of = sum(1 for b in plans_diff.budgets if not b.comparable)
    assert f"内数（より大きな予算の一部）や年度・種別の異なる組の {part_of} 行は合計に含めていません" in plans_html


def test_numbers_are_formatted_for_readers():
    assert yen(1_900_000_000, lang="en") == "¥1.9 bn" and yen(-200_000_000, signed=True, lang="en") == "−¥200 m"
    assert pct(-10.53, "ja") == "▲10.5%" and pct(2.8, "en") == "+2.8%" and pct(None, "ja") == "—"
    assert fiscal_year(2024, "ja") == "令和6年度（2024）" and fiscal_year(2019, "ja") == "令和元年度（2019）"
    assert fiscal_year(2025, "en") == "FY2025"
