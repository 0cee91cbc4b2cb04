"""Glued pieces cut where the text's own marks tell (interleaved_groups.py), on pdfplumber text cut from the
generated layouts (out/d3040: synthetic editions, their lines as extracted)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_latin import latin_space
from policydiff.versions.readers.interleaved_marks import tag_cut


def test_a_ministry_tag_wrapped_and_glued_to_the_next_column_is_cut_after_its_names():
    # 「…産官学連携のもとで取り組む。［◎アップを伴走支援する拠点整備を推進した。」 (source line 76): the description's
    # tag wraps (「厚、◎経］」 on the next line) and the results' 「アップを…推進した。」 is glued to its 「［◎」.
    # Cut by width alone, the whole line went to a new row's description and the row was read as two.
    table = snippet_table("tag-wrapped-glued-to-results.txt")
    row = next(r for r in table.rows if "産官学連携のもとで取り組む" in r.cells[0].text)
    assert row.cells[0].text.endswith("産官学連携のもとで取り組む。［◎厚、◎経］")
    assert "医療機器スタートアップを伴走支援する拠点整備を推進した。" in row.cells[1].text
    assert "・地方経済産業局（官）が必須協力者となる" in row.cells[1].text
    assert "・引き続き、「地域連携拠点」（医工連携イノベーション推進事業の後継事業となる" in row.cells[2].text


def test_a_tag_is_cut_after_its_end_or_its_names_only():
    assert tag_cut("取り組む。［◎厚、チャー育成事業）」") == len("取り組む。［◎厚、")
    assert tag_cut("取り組む。［◎アップを伴走") == len("取り組む。［◎")
    assert tag_cut("取り組む。［内、文、◎厚、◎") == 0  # the tag goes on below: nothing glued
    assert tag_cut("取り組む。［担当省庁については、各プラット") == 0  # a sub-heading's bracket, no tag
    assert tag_cut("取り組む。［◎厚、◎経］チェーンリスク") == len("取り組む。［◎厚、◎経］")
    assert tag_cut("取り組む。［◎厚］") == 0
    assert tag_cut("［担当省庁については、各プラットフォームを参照］・引き続き") == 0  # a sub-heading's bracket


def test_a_closed_ministry_tag_with_the_next_columns_text_glued_after_it_ends_the_description():
    # 「…から供給力を高めることに取り組む。［◎厚、◎経］チェーンリスク評価及び安定供給確保」 (source line 755): the
    # description ends at its tag, the plans' line 「チェーンリスク評価…」 is glued after it. Not cut there, the row
    # was read as two (the first with no description, the second's description holding the office and plans).
    table = snippet_table("tag-closed-glued-to-plans.txt")
    row = next(r for r in table.rows if any("平時から供給力を高めることに取り組む" in c.text for c in r.cells))
    texts = [c.text for c in row.cells]
    assert "握したサプライチェーン上の問題を踏まえて、平時から供給力を高めることに取り組む。［◎厚、◎経］" in texts
    assert any(t.startswith("・引き続き、「医療機器等のサプライチェーンリスク評価及び安定供給確保事業」において") for t in texts)
    assert "厚労省医療機器審査管理課" in texts


def test_a_glued_line_may_start_with_a_latin_word_spaced_from_its_particle():
    # 「臨床研究中核病院においては、研究開発拠点と連携することでARO に必要な人材の充実や他機・医療技術実用化…」
    # (source line 153): the description's line holds a space after 「ARO」 (its glyphs print wider than measured),
    # and the results' line is glued to the rest. The glued piece was cut as if the line started at 「に必要な…」,
    # too far right: the whole row went wrong. Its line starts at 「連携することでARO」, like a latin word's space.
    table = snippet_table("glued-after-a-latin-word-and-its-particle.txt")
    row = next(r for r in table.rows if any("研究開発拠点と連携することで" in c.text for c in r.cells))
    texts = [c.text for c in row.cells]
    assert any(t.startswith("臨床研究中核病院においては、研究開発拠点と連携することでARO に必要な人材の充実や他機関")
               for t in texts)
    assert any(t.startswith("・医療技術実用化総合促進事業（令和６年度予算：28億円）において、すべての臨床研究中核病院に")
               for t in texts)


def test_a_bare_number_and_the_latin_word_after_its_space_are_not_one_word():
    # pdfplumber's text of held-out layout 4319 (line 282): 「…医薬機審発 1129 Computer Interface利用機器…」, the
    # results line ending in the number and the plans' line going on 「Brain」 / 「Computer Interface…」. Taken for
    # latin words, 「1129 Computer」 went to the plans, silently. Latin words, with a number or not, stay one.
    assert not latin_space("1129", "Computer")
    assert not latin_space("・「次世代医療機器評価指標の公表について」（令和６年11月29日付け医薬機審発1129", "Computer")
    assert latin_space("ROUND", "～MedTech") and latin_space("MEDICA2025", "Startups") and latin_space("5.0", "Health")
