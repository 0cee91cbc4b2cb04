"""Latin words the document prints joined by a space more than once stay in one cell (interleaved_groups.
latin_phrases), on pdfplumber text cut from the generated layouts (out/d3040: lines as extracted)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_latin import latin_phrases


def _row(name: str, results: str):
    table = snippet_table(name)
    return next(r for r in table.rows if len(r.cells) > 1 and results in r.cells[1].text)


def test_a_phrase_printed_twice_is_not_parted_at_its_last_word():
    # 「…口である、Healthcare Innovation Hub InnoHubアドバイザー・サポーター団」 (source line 673): the results'
    # line ends at 「Hub」, the plans' starts at 「InnoHub…」. By widths 「Hub」 went to the plans (「…支援団体（Hub
    # InnoHub…」), though the plans print 「Healthcare Innovation Hub」 three lines above.
    row = _row("latin-phrase-parted-at-its-last-word.txt", "ワンストップ相談窓")
    assert "窓口である、Healthcare Innovation Hubにて、スタートアップ企業等" in row.cells[1].text
    assert "支援者・支援団体（InnoHubアドバイザー・サポーター団体）" in row.cells[2].text


def test_a_phrase_and_its_repeat_in_the_next_column_are_parted_between_them():
    # 「窓⼝である、Healthcare Innovation Hub Innovation Hubにて、スター」 (source line 636): the results end at the
    # first 「Hub」, the plans go on with 「Innovation Hubにて」. By widths the cut fell after the first 「Innovation」.
    row = _row("latin-phrase-then-its-repeat.txt", "ワンストップ相談")
    assert "窓口である、Healthcare Innovation Hubにて、スタートアップ企業等" in row.cells[1].text
    assert row.cells[2].text.startswith("・引き続き、Healthcare Innovation Hubにて、スタートアップ企業等")


def test_only_pairs_printed_more_than_once_are_phrases():
    lines = ["口である、Healthcare Innovation Hub InnoHubアドバイザー", "・引き続き、Healthcare Innovation Hub",
             "発1129 Computer Interface", "発1129 Computer"]
    assert latin_phrases(lines) == frozenset({("Healthcare", "Innovation"), ("Innovation", "Hub")})


def test_a_latin_parted_line_names_the_words_it_parts():
    # The same line (source line 673) still parts 「Hub」 (results) from 「InnoHub…」 (plans) at a space between
    # latin words: the warning names those words, not another line's (it showed 「Brain Computer」 on every line).
    table = snippet_table("latin-phrase-parted-at-its-last-word.txt")
    parted = [w for w in table.warnings if w.code == "layout-latin-parted"]
    assert any("(「Innovation Hub」 「InnoHubアドバイザー・サポーター団…」)" in w.message for w in parted)
    assert not any("Brain" in w.message for w in parted)
