"""The follow-through ledger on small cases: bounded work inside a measure, tense and year roll."""

from __future__ import annotations

from dataclasses import replace

from policydiff.diffengine import ledger
from policydiff.diffengine.ledger import MAX_PAIRS, WINDOW, coverage, measure_ledger
from policydiff.versions.model.edition import Bullet


def _bullet(text: str, line: int) -> Bullet:
    return Bullet(text, 1, line, line)


def test_tense_years_and_amounts_do_not_change_what_a_sentence_is_about() -> None:
    plan = "・「X事業」（令和７年度予算案：11.2億円）を通じて、若手研究者の育成を推進する。"
    result = "・「X事業」（令和7年度予算：11.5億円）を通じて、若手研究者１２名の育成を推進した。"
    assert coverage(plan, result) == 1.0  # every content bigram of the plan is in the result


def _topic(k: int) -> str:
    """A distinct katakana word per k: 「アイ」, 「アウ」…"""
    return "".join(chr(0x30A2 + d) for d in (k // 80, k % 80, 7))


def test_a_measure_with_thousands_of_bullets_scores_a_bounded_number_of_pairs(seed_edition, monkeypatch) -> None:
    calls = []
    real = ledger._score
    monkeypatch.setattr(ledger, "_score", lambda p, r, key: calls.append(1) or real(p, r, key))
    n = 600
    base = seed_edition.measures[3]
    old = replace(base, plans=tuple(_bullet(f"・{_topic(k)}の支援を推進する。", k) for k in range(n)))
    new = replace(base, results=tuple(_bullet(f"・{_topic(k)}の支援を推進した。", k) for k in range(n)))
    entries, unplanned = measure_ledger(old, [new], str)
    assert n * n > MAX_PAIRS and len(calls) <= n * (2 * WINDOW + 1) + n  # linear, not n × n
    assert [e.outcome for e in entries] == ["done"] * n and not unplanned
    assert all(e.results[0].line == e.plan.line for e in entries)  # each plan found its own result
