"""Token-level diff: Japanese changes read as whole tokens, and ops always rebuild both sides."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.diffengine.textdiff import diff_text, is_format_only, rebuild, tokenize

JAPANESE = st.text(alphabet=st.sampled_from(list("令和年度予算億円の内数事業推進した。、「」｢｣（）０１２３456789ABCabc アイウ医療機器")),
                   max_size=60)


def test_budget_amount_change_is_one_replaced_token():
    ops = diff_text("令和6年度予算：19億円の内数", "令和6年度予算：14億円の内数")
    assert ops == (("=", "令和6年度予算："), ("-", "19"), ("+", "14"), ("=", "億円の内数"))


def test_tokens_are_runs_of_one_script_class():
    assert tokenize("医工連携イノベーション推進事業（令和6年度予算：3.8億円）") == [
        "医工連携", "イノベーション", "推進事業", "（", "令和", "6", "年度予算", "：", "3.8", "億円", "）"]


def test_program_rename_reads_as_whole_words():
    ops = diff_text("医工連携イノベーション推進事業を通じて", "医工連携グローバル展開事業を通じて")
    assert ("-", "イノベーション推進事業") in ops and ("+", "グローバル展開事業") in ops


def test_width_and_quote_changes_are_format_only_but_one_digit_is_not():
    assert is_format_only("｢優れた医療機器｣（19億円）", "「優れた医療機器」(１９億円)")
    assert not is_format_only("1億円", "7億円")
    assert not is_format_only("［◎厚、経］", "［厚、◎経］")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(JAPANESE, JAPANESE)
def test_ops_rebuild_both_sides_exactly(old, new):
    ops = diff_text(old, new)
    assert rebuild(ops) == (old, new)
    assert all(op in "=-+" and text for op, text in ops)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(JAPANESE)
def test_text_against_itself_has_no_change(text):
    assert all(op == "=" for op, _ in diff_text(text, text))
