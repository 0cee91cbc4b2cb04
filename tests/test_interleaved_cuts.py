"""Glued cuts placed by the text's own character statistics (interleaved_cuts.py), on pdfplumber text cut from
the generated layouts (out/d3040, seeds 3057, 3090 and 3091: synthetic editions, their lines as extracted)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_cuts import CharModel


def _cell(table, column: int, needle: str) -> str:
    return next(r.cells[column].text for r in table.rows if len(r.cells) > column and needle in r.cells[column].text)


def test_a_glued_cut_a_character_off_goes_where_both_columns_text_joins_on():
    # 「…なお、同事業は令和７る「ヘルステック・…」 (source line 20): the results' full line ends 「令和７」 (a half-width
    # digit, narrower than the text measures it) and goes on 「年度をもって事業終了。」; the plans' line before ends
    # 「…の後継事業とな」. Cut by width, 「る」 went to the results (「令和７る年度」, 「後継事業とな「ヘルス…」).
    table = snippet_table("glued-cut-by-the-texts-joins.txt")
    results = _cell(table, 1, "官民による若手研究者発掘支援事業")
    assert "なお、同事業は令和７年度をもって事業終了。" in results
    plans = _cell(table, 2, "成長加速事業")
    assert "の後継事業となる「ヘルステック・スタートアップ成長加速事業」" in plans
    assert any(w.code == "layout-glued" and w.line == 20 for w in table.warnings)  # still named: a judgement


def test_a_middle_dot_between_words_at_a_glued_cut_stays_with_its_words():
    # 「…アジア地域における臨床研究・活用しながら、…」 (source line 58): the results' line ends 「臨床研究・」 and
    # goes on 「治験ネットワークの構築のため」; the plans' line before ends 「…構築したネットワークを」. Cut before
    # the 「・」 as before a bullet, the plans read 「ネットワークを・活用しながら」 (a bullet) and the results
    # 「臨床研究治験ネットワーク」.
    table = snippet_table("glued-cut-at-a-middle-dot-between-words.txt")
    results = _cell(table, 1, "アジア地域における臨床研究")
    assert "において、アジア地域における臨床研究・治験ネットワークの構築のため" in results
    plans = _cell(table, 2, "これまでに構築したネットワークを")
    assert "これまでに構築したネットワークを活用しながら、ソフト面" in plans


def test_a_glued_cut_goes_on_a_full_lines_sentence_rather_than_start_a_bullet():
    # 「…審査プロセスが迅速化・事業」において、公募で…」 (source line 67): the description's full line ends 「迅速化・」
    # (goes on 「簡略化されること…」), the results' line before is full, 「…医療機器要覧掲載推進」, and goes on
    # 「事業」において」. Cut before the 「・」, the results read 「要覧掲載推進・事業」」, a bullet after a full line;
    # weighed as likely as the sentence going on, the cut stayed there.
    table = snippet_table("glued-cut-after-a-full-line.txt")
    assert "途上国における薬事審査プロセスが迅速化・簡略化されること" in _cell(table, 0, "薬事審査プロセス")
    assert "途上国向けWHO推奨医療機器要覧掲載推進事業」において、公募で選定した" in _cell(table, 1, "公募で選定した")


def test_the_character_model_prefers_the_documents_own_sequences():
    # The model knows only the text it is given: a sequence it saw is likelier than the same characters cut
    # and put together otherwise.
    model = CharModel(["令和７年度予算", "令和８年度予算案", "後継事業となる事業"])
    assert model.log_likelihood("令和７年度") > model.log_likelihood("令和７る年度")
    assert model.log_likelihood("事業となる") > model.log_likelihood("事業とな年")
