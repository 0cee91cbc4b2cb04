"""Issue 13, parser/HTML: a budget mention without an amount (「予算要求中」) is shown as its words in the
HTML measure's budget list, never as an empty 「— → —」 line."""

from __future__ import annotations

from policydiff import api
from policydiff.renderers import render


def test_an_amountless_budget_mention_shows_its_words_not_dashes(seed_path):
    plans = api.plans(seed_path)
    amountless = [b for b in plans.budgets if all(s is None or s.yen is None for s in (b.old, b.new))]
    assert amountless, "the real report has a budget mention without an amount (予算要求中)"
    page = render(plans, "html")
    assert "— → —" not in page
    for b in amountless:
        words = next(s.text for s in (b.new, b.old) if s is not None)
        assert f"— → {words}" in page or f"{words} → —" in page
