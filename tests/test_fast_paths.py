"""The faster forms of issue 19 give what the plain ones gave: join_lines against the loop it replaced,
an edition's budgets and successions gathered once against a fresh walk over its bullets."""

from __future__ import annotations

import random

from policydiff.versions.readers.table import Line, join_lines


def _join_lines_reference(lines: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """join_lines as it was: a function call per latin test."""
    def latin(c: str) -> bool:
        return ("A" <= c <= "Z") or ("a" <= c <= "z")

    parts, marks, size, last = [], [], 0, ""
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if last and latin(last[-1]) and latin(piece[0]):
            parts.append(" ")
            size += 1
        marks.append((size, line.page, line.no))
        parts.append(piece)
        size += len(piece)
        last = piece
    return "".join(parts), marks


def test_join_lines_as_before_on_random_lines() -> None:
    rnd = random.Random(19)
    alphabet = ["a", "Z", "é", "医", "ー", " ", "\u3000", "1", "。", "Ａ", ""]
    for _ in range(5_000):
        lines = [Line(k + 1, rnd.randint(1, 3), "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 4))))
                 for k in range(rnd.randint(0, 6))]
        assert join_lines(lines) == _join_lines_reference(lines)


def test_join_lines_puts_a_space_between_latin_words_only() -> None:
    lines = [Line(1, 1, "Brain "), Line(2, 1, "Computer"), Line(3, 1, "　医療"), Line(4, 2, "機器 ")]
    assert join_lines(lines) == ("Brain Computer医療機器", [(0, 1, 1), (6, 1, 2), (14, 1, 3), (16, 2, 4)])


def test_an_editions_budgets_and_successions_are_a_fresh_list_each_time(seed_edition) -> None:
    walked = [(m, col, b, x) for m in seed_edition.measures for col, b in m.bullets for x in b.budgets]
    got = seed_edition.budgets()
    assert got == walked and len(got) > 50
    got.clear()  # a caller may change what it got: the next caller still gets every line
    assert seed_edition.budgets() == walked
    succ = [(m, col, b, x) for m in seed_edition.measures for col, b in m.bullets for x in b.successions]
    assert seed_edition.successions() == succ and succ
    assert seed_edition.successions() is not seed_edition.successions()


def test_a_names_start_as_before_on_random_texts() -> None:
    from policydiff.versions.readers.programs import _name_start, _name_start_walk

    rnd = random.Random(19)
    alphabet = list("事業医療（）()、。「」＜＞ 　：:；;,\nAa1") + ["推進", "事業（仮称）"]
    for _ in range(20_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert _name_start(s) == _name_start_walk(s), s


def test_names_before_a_mention() -> None:
    from policydiff.versions.readers.programs import name_before

    assert name_before("引き続き、医工連携イノベーション推進事業（開発・事業化事業）") == "医工連携イノベーション推進事業（開発・事業化事業）"
    assert name_before("また、官民ミッション、医療機器開発推進事業") == "医療機器開発推進事業"
    assert name_before("（いずれも医療機器等研究開発事業") == "医療機器等研究開発事業"


def test_coverage_and_dice_are_the_two_scores_bit_for_bit(seed_edition) -> None:
    from policydiff.diffengine.ledger_text import coverage, coverage_and_dice, dice

    texts = [b.text for m in seed_edition.measures[:20] for _, b in m.bullets] + ["", "・", "令和７年度予算案"]
    for a in texts:
        for b in texts[::3]:
            for names in (True, False):
                assert coverage_and_dice(a, b, names) == (coverage(a, b, names), dice(a, b, names))
