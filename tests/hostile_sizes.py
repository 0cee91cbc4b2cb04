"""Report texts of hostile sizes, well under the 20 MB limit (issue 10, finding 12), for the tests,
the benchmark's "hostile" section and the fuzz campaign. Each returns (old text, new text).

- tiny_bullets: one measure with N tiny bullets, every STEP-th the same on both sides and the rest
  reworded, so the bullet alignment meets many blocks just under its exact-alignment size;
- reworded_titles: N measures under one goal, every title and text reworded, so no title matches
  and all N go to the similarity assignment;
- long_bullet: one bullet of N random words, 30 % of them changed, so the token diff has a large
  edit distance everywhere.
"""

from __future__ import annotations

import random

HEAD = ("\n該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定\n\n（１）「研究開発の推進」に向けて\n\n"
        "【医療機器の研究開発の推進】\n\n")
ROW = "医療機器の研究開発に携わる人材の育成\n人材の育成に取り組む。［◎厚］\n\n"
WORDS = ("研究", "を", "推進", "し", "アイ", "に", "12", "ab", "開発", "が")


def tiny_bullets(n: int, step: int = 190) -> tuple[str, str]:
    old = [f"・項{k}" for k in range(n)]
    new = [f"・項{k}" if k % step == 0 else f"・目{k}" for k in range(n)]
    return HEAD + ROW + "\n".join(old) + "\n", HEAD + ROW + "\n".join(new) + "\n"


def reworded_titles(n: int, unrelated_every: int = 0) -> tuple[str, str]:
    """With UNRELATED_EVERY, every such new row is about something else entirely (no pair for it)."""
    def edition(word: str, unrelated: int = 0) -> str:
        # One blank line a row: the text reader refuses a text that is mostly blank lines (fragmented).
        rows = [f"別件{k}ロボット\nデータ{k}基盤を整える。［◎経］\n・システム{k}を構築した。\n\n"
                if unrelated and k % unrelated == 1 else
                f"施策{k}{word}の推進について\n施策{k}の{word}説明文である。［◎厚］\n・施策{k}の{word}取組を実施した。\n\n"
                for k in range(n)]
        return HEAD + "".join(rows)

    return edition("甲"), edition("改訂", unrelated_every)


def long_bullet(n_words: int, seed: int = 1) -> tuple[str, str]:
    rng = random.Random(seed)
    old = [rng.choice(WORDS) for _ in range(n_words)]
    new = [w if rng.random() < 0.7 else rng.choice(WORDS) for w in old]
    def wrapped(words: list[str]) -> str:  # lines of 40 characters, as a PDF's column wraps them
        text = "・" + "".join(words) + "。"
        return "\n".join(text[k : k + 40] for k in range(0, len(text), 40)) + "\n"

    return HEAD + ROW + wrapped(old), HEAD + ROW + wrapped(new)
