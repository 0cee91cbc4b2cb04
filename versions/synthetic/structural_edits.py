"""The edits that change which rows there are: add, remove, move, split and merge. They work on
segments: the measures' blocks and the raw lines between them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.normalize import display_width, normalize
from ..readers.vocabulary import is_bullet_start
from .layout import TITLE_MAX, Row, random_widths, render_row
from .records import SyntheticEdit
from .state import Editor, Ledger, Proposal, State, clean_row, printed_widths, row_sig
from .wording import ADD_ACTIONS, ADD_REASONS, ADD_TAGS, ADD_TITLE_ENDS, ADD_TOPICS, FULL_DIGITS


@dataclass
class _Seg:
    key: str | None  # None: headings, blank lines and page headers between measures
    lines: list[str]


def _segments(st: State) -> list[_Seg]:
    segs, pos = [], 0
    for key, (lo, hi) in zip(st.keys, st.blocks, strict=True):
        segs.append(_Seg(None, st.lines[pos:lo]))
        segs.append(_Seg(key, st.lines[lo:hi]))
        pos = hi
    segs.append(_Seg(None, st.lines[pos:]))
    return segs


def _assemble(segs: list[_Seg]) -> tuple[list[str], list[str]]:
    return [x for s in segs for x in s.lines], [s.key for s in segs if s.key is not None]


def _seg_at(segs: list[_Seg], key: str) -> int:
    return next(n for n, s in enumerate(segs) if s.key == key)


def _insert(segs: list[_Seg], seg: _Seg, before: str | None, after: str | None) -> None:
    """Put a block before or after a measure, with a blank line between them."""
    if before is not None:
        n = _seg_at(segs, before)
        segs[n:n] = [seg, _Seg(None, [""])]
    else:
        n = _seg_at(segs, after) + 1  # type: ignore[arg-type]
        segs[n:n] = [_Seg(None, [""]), seg]


def _delete(segs: list[_Seg], key: str) -> list[str]:
    n = _seg_at(segs, key)
    lines = segs.pop(n).lines
    before, after = segs[n - 1].lines, segs[n].lines  # the raw segments around it
    if before and after and not before[-1].strip() and not after[0].strip():
        after.pop(0)
    return lines


def _places(st: State, led: Ledger, exclude: str | None = None) -> list[tuple[str, str | None, str | None]]:
    """(goal, before key, after key): where a block may go; goals with a move inside are left alone."""
    out: list[tuple[str, str | None, str | None]] = []
    for g in st.edition.goals:
        keys = [k for k in st.goal_keys(g.id) if k != exclude]
        if g.id in led.locked_goals or not keys:
            continue
        out += [(g.id, k, None) for k in keys] + [(g.id, None, keys[-1])]
    return out


def _structural_keys(st: State, led: Ledger, kind: str) -> list[str]:
    """Rows that may be removed, moved, split or merged. Not a row followed by an untitled tagless
    one: 「保険導入の手引きの作成」 (line 896) is read as a row only after the results of the row before."""
    ms = st.edition.measures
    return [k for n, (k, m) in enumerate(zip(st.keys, ms, strict=True))
            if led.free(k, kind) and k not in led.moved and m.ministries_text and not m.reposted
            and m.goal not in led.locked_goals and (n + 1 == len(ms) or ms[n + 1].ministries_text)]


def _add(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    places = _places(st, led)
    existing = {normalize(m.title) for m in st.edition.measures} | led.titles
    topic = rng.choice(ADD_TOPICS)
    title = topic + rng.choice(ADD_TITLE_ENDS)
    if not places or normalize(title) in existing or ("add", title) in led.rejected:
        return None
    n1, n2 = rng.randint(2, 12), rng.randint(2, 9)
    row = Row(
        title,
        f"{topic}については、{rng.choice(ADD_REASONS)}。このため、{rng.choice(ADD_ACTIONS)}。",
        rng.choice(ADD_TAGS),
        (f"・{topic}について、医療機関や関係団体への聞き取りを{str(n1).translate(FULL_DIGITS)}件実施し、"
         "現場で生じている課題と対応の状況を整理した。",
         f"・{topic}に関する国内外の先行事例を収集し、{str(n2).translate(FULL_DIGITS)}事例を取りまとめた。"),
        (f"・整理した課題を踏まえ、{topic}の手順書の案を作成する予定。",
         f"・関係団体と連携し、{topic}に関する周知を進める。"),
    )
    goal, before, after = rng.choice(places)
    segs = _segments(st)
    key = f"+{len(led.titles) + 1}"
    _insert(segs, _Seg(key, render_row(row, *random_widths(rng))), before, after)
    lines, keys = _assemble(segs)

    def claim(led: Ledger) -> None:
        led.titles.add(normalize(title))
        led.structural.add(key)
        led.touched_goals.add(goal)

    return Proposal(title, lines, keys, {key: row_sig(goal, row)}, SyntheticEdit("add", (), f"new row in {goal}", title=title),
                    claim)


def _pick_row(st: State, rng: random.Random, led: Ledger, kind: str) -> tuple[str, str] | None:
    """A row that an edit of `kind` may take out of its place, and its goal."""
    found = _structural_keys(st, led, kind)
    if not found:
        return None
    key = rng.choice(found)
    return key, st.measure(key).goal


def _remove(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    if (picked := _pick_row(st, rng, led, "remove")) is None:
        return None
    key, goal = picked
    segs = _segments(st)
    _delete(segs, key)
    lines, keys = _assemble(segs)

    def claim(led: Ledger) -> None:
        led.structural.add(key)
        led.touched_goals.add(goal)

    return Proposal(key, lines, keys, {}, SyntheticEdit("remove", (key,), f"row deleted from {goal}"), claim)


def _move(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    if (picked := _pick_row(st, rng, led, "move")) is None:
        return None
    key, goal = picked
    row_keys = st.goal_keys(goal)
    pos = row_keys.index(key)
    places = []
    for g, before, after in _places(st, led, exclude=key):
        if g != goal:
            places.append((g, before, after))
        elif goal not in led.touched_goals:  # within the goal: at least two rows away
            rest = [k for k in row_keys if k != key]
            new_pos = rest.index(before) if before is not None else len(rest)
            if abs(new_pos - pos) >= 2:
                places.append((g, before, after))
    if not places:
        return None
    target, before, after = rng.choice(places)
    segs = _segments(st)
    block = _delete(segs, key)
    _insert(segs, _Seg(key, block), before, after)
    lines, keys = _assemble(segs)
    where = f"to {target}" if target != goal else f"within {goal}, {'before ' + before if before else 'to the end'}"

    def claim(led: Ledger) -> None:
        led.moved.add(key)
        if target == goal:
            led.locked_goals.add(goal)
        else:
            led.touched_goals.update((goal, target))

    return Proposal(key, lines, keys, {key: st.sigs[key]._replace(goal=target)},
                    SyntheticEdit("move", (key,), f"moved {where}"), claim)


def _sentences(text: str) -> list[str]:
    """「…。」 sentences; a split needs two, so that each row has a description of its own."""
    return [x + "。" for x in text.split("。") if x] if text.endswith("。") else [text]


def _halves(items: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    k = (len(items) + 1) // 2
    return tuple(items[:k]), tuple(items[k:])


def splittable(row: Row) -> bool:
    """Two results or more, two sentences of description, and room in the title for 「（その２）」."""
    return len(row.results) >= 2 and len(_sentences(row.description)) >= 2 \
        and display_width(row.title) + 5 <= TITLE_MAX


def split_row(row: Row) -> tuple[Row, Row]:
    """The row's two halves: the description by sentences, the results and the plans by count."""
    d1, d2 = ("".join(x) for x in _halves(_sentences(row.description)))
    r1, r2 = _halves(row.results)
    p1, p2 = _halves(row.plans)
    return Row(row.title, d1, row.tag, r1, p1), Row(row.title + "（その２）", d2, row.tag, r2, p2)


def _split(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = []
    for k in _structural_keys(st, led, "split"):
        i = st.index[k]
        row = clean_row(st, i)
        if row and row.title and splittable(row) and st.measure(k).goal not in led.locked_goals:
            found.append((k, i, row))
    if not found:
        return None
    key, i, row = rng.choice(found)
    first, second = split_row(row)
    goal = st.measure(key).goal
    widths = printed_widths(st, i)
    segs = _segments(st)
    n = _seg_at(segs, key)
    segs[n : n + 1] = [_Seg(key, render_row(first, *widths)), _Seg(None, [""]),
                       _Seg(key + "/2", render_row(second, *widths))]
    lines, keys = _assemble(segs)

    def claim(led: Ledger) -> None:
        led.structural.update((key, key + "/2"))
        led.touched_goals.add(goal)

    detail = f"into 2 rows: {len(first.results)}+{len(second.results)} results"
    return Proposal(key, lines, keys, {key: row_sig(goal, first), key + "/2": row_sig(goal, second)},
                    SyntheticEdit("split", (key,), detail, title=second.title), claim)


def _merge(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    free = set(_structural_keys(st, led, "merge"))
    segs = _segments(st)
    found = []
    for n in range(1, len(segs) - 2, 2):  # segments alternate raw, measure, raw, measure ...
        a, gap, b = segs[n], segs[n + 1], segs[n + 2]
        if a.key in free and b.key in free and all(not x.strip() for x in gap.lines) \
                and st.measure(a.key).goal == st.measure(b.key).goal:  # type: ignore[arg-type]
            ra, rb = clean_row(st, st.index[a.key]), clean_row(st, st.index[b.key])  # type: ignore[index]
            if ra and rb and all(is_bullet_start(x) for x in rb.results[:1] + rb.plans[:1]):
                found.append((n, ra, rb))
    if not found:
        return None
    n, ra, rb = rng.choice(found)
    ka, kb = segs[n].key, segs[n + 2].key
    assert ka is not None and kb is not None
    goal = st.measure(ka).goal
    codes: dict[str, bool] = {}
    for tag in (ra.tag, rb.tag):
        for c in tag.strip("［］").split("、"):
            codes[c.lstrip("◎")] = codes.get(c.lstrip("◎"), False) or c.startswith("◎")
    tag = "［" + "、".join(("◎" if lead else "") + c for c, lead in codes.items()) + "］"
    row = Row(ra.title or rb.title, ra.description + rb.description, tag, ra.results + rb.results, ra.plans + rb.plans)
    segs[n : n + 3] = [_Seg(ka, render_row(row, *printed_widths(st, st.index[ka])))]
    lines, keys = _assemble(segs)

    def claim(led: Ledger) -> None:
        led.structural.update((ka, kb))
        led.touched_goals.add(goal)

    return Proposal(ka, lines, keys, {ka: row_sig(goal, row)},
                    SyntheticEdit("merge", (ka, kb), f"{ka} and {kb} into one row"), claim)


STRUCTURAL_EDITORS: dict[str, Editor] = {
    "add": _add, "remove": _remove, "move": _move, "split": _split, "merge": _merge,
}
