"""The edits that rewrite measures in place: reword, one_char, budget, rename, ministry, width and
reflow. Each proposes one change of the current state, or None when it finds no candidate."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from ..model.edition import Edition, Measure
from ..model.normalize import display_width, normalize
from .layout import column_width, random_widths, render_row, wrap
from .records import SyntheticEdit
from .state import Editor, Ledger, Proposal, Sig, State, Target, clean_row, targets
from .wording import (
    AMOUNT_RE,
    COUNT_RE,
    MINISTRY_CODES,
    RENAME_WORDS,
    REWORDS,
    WIDTH_MAPS,
    free_span,
    moved_lead,
    new_amount,
    protected_spans,
    set_digit,
)


def _replace_lines(lines: list[str], lo: int, hi: int, new: Sequence[str]) -> list[str]:
    return lines[:lo] + list(new) + lines[hi + 1 :]


def _retext(st: State, t: Target, new_text: str) -> list[str]:
    """The lines with target t's text replaced, re-wrapped at about its printed width."""
    if t.field == "description":
        m = next(x for x, (lo, hi) in zip(st.edition.measures, st.blocks, strict=True) if lo <= t.lo < hi)
        tag = m.ministries_text
        new = wrap(new_text + tag, column_width(st.lines[t.lo : t.hi + 1], "results"), len(tag))
    else:
        new = wrap(new_text, column_width(st.lines[t.lo : t.hi + 1], t.field))
    return _replace_lines(st.lines, t.lo, t.hi, new)


def _in_place(lines: list[str], lo: int, hi: int, old: str, new: str) -> list[str] | None:
    """Same-length text change keeping every line break where it was, or None if it cannot."""
    pieces = [x.strip() for x in lines[lo : hi + 1]]
    if len(old) != len(new) or "".join(pieces) != old:
        return None
    out, pos = list(lines), 0
    for k, piece in enumerate(pieces):
        if not piece:
            continue
        raw = lines[lo + k]
        at = raw.index(piece)
        out[lo + k] = raw[:at] + new[pos : pos + len(piece)] + raw[at + len(piece) :]
        pos += len(piece)
    return out


def _with_target(sig: Sig, t: Target, new_text: str) -> Sig:
    if t.field == "description":
        return sig._replace(description=normalize(new_text))
    items = list(getattr(sig, t.field))
    items[t.index] = normalize(new_text)
    return sig._replace(results=tuple(items)) if t.field == "results" else sig._replace(plans=tuple(items))


def _reword(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "reword"):
            continue
        for t in targets(st, i):
            spans = protected_spans(t.text)
            for old, new in REWORDS:
                for mo in re.finditer(re.escape(old), t.text):
                    if free_span(spans, mo.start(), mo.end()):
                        found.append((key, t, mo.start(), old, new))
    if not found:
        return None
    key, t, at, old, new = rng.choice(found)
    text = t.text[:at] + new + t.text[at + len(old) :]
    return Proposal(key, _retext(st, t, text), list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                    SyntheticEdit("reword", (key,), f"{t.label}: {old}→{new}"), lambda led: led.content.add(key))


def _amount_targets(st: State, led: Ledger, kind: str) -> list[tuple[str, Target, int, re.Match[str], tuple[str, int]]]:
    """(key, bullet, offset of the amount, its match, (program, year)) for budgets with an amount."""
    out = []
    for i, key in enumerate(st.keys):
        if not led.free(key, kind):
            continue
        for t in targets(st, i):
            if t.bullet is None:
                continue
            for b in t.bullet.budgets:
                at = t.text.find(b.text)
                mo = list(AMOUNT_RE.finditer(b.text))
                if b.yen is None or not b.program or b.program in led.programs or at < 0 or not mo \
                        or b.fiscal_year is None:
                    continue
                out.append((key, t, at, mo[-1], (b.program, b.fiscal_year)))
    return out


def _budget_check(i: int, budget: tuple[str, int], text: str) -> Callable[[Edition], bool]:
    """Measure i (an in-place edit keeps the numbering) now cites the budget line as `text`."""
    def check(ed: Edition) -> bool:
        return any((b.program, b.fiscal_year) == budget and b.text == text
                   for _, x in ed.measures[i].bullets for b in x.budgets)

    return check


def _edit_amount(st: State, key: str, t: Target, at: int, mo: re.Match[str], budget: tuple[str, int],
                 digits: str, kind: str) -> Proposal:
    start = at + mo.start("digits")
    text = t.text[:start] + digits + t.text[start + len(mo.group("digits")) :]
    lines = _in_place(st.lines, t.lo, t.hi, t.text, text) or _retext(st, t, text)
    new_budget_text = mo.string[: mo.start("digits")] + digits + mo.string[mo.end("digits") :]
    i = st.index[key]
    detail = f"{t.label}: {mo.group(0)}→{digits}{mo.group(0)[len(mo.group('digits')):]} ({budget[0]}, FY{budget[1]})"

    def claim(led: Ledger) -> None:
        led.content.add(key)
        led.programs.add(budget[0])

    return Proposal(key, lines, list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                    SyntheticEdit(kind, (key,), detail, budgets=(budget,)), claim,
                    _budget_check(i, budget, new_budget_text))


def _budget(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = _amount_targets(st, led, "budget")
    if not found:
        return None
    key, t, at, mo, budget = rng.choice(found)
    return _edit_amount(st, key, t, at, mo, budget, new_amount(rng, mo.group("digits")), "budget")


def _one_char(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    variants: list[Callable[[], Proposal | None]] = []
    amounts = _amount_targets(st, led, "one_char")
    counts = []
    leads = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "one_char"):
            continue
        m = st.edition.measures[i]
        for t in targets(st, i):
            if t.bullet is None:
                continue
            spans = [(t.text.find(b.text), t.text.find(b.text) + len(b.text)) for b in t.bullet.budgets]
            counts += [(key, t, mo) for mo in COUNT_RE.finditer(t.text) if free_span(spans, *mo.span())]
        codes = [c.strip() for c in m.ministries_text.strip("［］").split("、")]
        if m.ministries_text.startswith("［") and any(c.startswith("◎") for c in codes) \
                and any(not c.startswith("◎") for c in codes) and _tag_line(st, i) is not None:
            leads.append((key, i, codes))
    if amounts:
        def amount_digit() -> Proposal:
            key, t, at, mo, budget = rng.choice(amounts)
            old = mo.group("digits")
            pos = rng.choice([k for k, c in enumerate(old) if c.isdigit()])
            return _edit_amount(st, key, t, at, mo, budget, set_digit(rng, old, pos), "one_char")

        variants.append(amount_digit)
    if counts:
        def count_digit() -> Proposal:
            key, t, mo = rng.choice(counts)
            digits = set_digit(rng, mo.group(0), len(mo.group(0)) - 1)
            text = t.text[: mo.start()] + digits + t.text[mo.end() :]
            lines = _in_place(st.lines, t.lo, t.hi, t.text, text) or _retext(st, t, text)
            unit = t.text[mo.end() : mo.end() + 1]
            return Proposal(key, lines, list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                            SyntheticEdit("one_char", (key,), f"{t.label}: {mo.group(0)}{unit}→{digits}{unit}"),
                            lambda led: led.content.add(key))

        variants.append(count_digit)
    if leads:
        def move_lead() -> Proposal | None:
            key, i, codes = rng.choice(leads)
            return _retag(st, i, key, "［" + "、".join(moved_lead(rng, codes)) + "］", "one_char")

        variants.append(move_lead)
    if not variants:
        return None
    return rng.choice(variants)()


def _tag_line(st: State, i: int) -> int | None:
    m = st.edition.measures[i]
    lo, hi = st.blocks[i]
    for k in range(lo, hi):
        if m.ministries_text in st.lines[k]:
            return k
    return None


def _retag(st: State, i: int, key: str, tag: str, kind: str) -> Proposal | None:
    m = st.edition.measures[i]
    k = _tag_line(st, i)
    if k is None or tag == m.ministries_text:
        return None
    line = st.lines[k]
    at = line.rindex(m.ministries_text)
    lines = list(st.lines)
    lines[k] = line[:at] + tag + line[at + len(m.ministries_text) :]
    return Proposal(key, lines, list(st.keys), {key: st.sigs[key]._replace(tag=normalize(tag))},
                    SyntheticEdit(kind, (key,), f"tag {m.ministries_text}→{tag}"), lambda led: led.content.add(key))


def _ministry(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = [(i, k) for i, k in enumerate(st.keys) if led.free(k, "ministry")
             and st.edition.measures[i].ministries_text.startswith("［") and _tag_line(st, i) is not None]
    if not found:
        return None
    i, key = rng.choice(found)
    codes = [c.strip() for c in st.edition.measures[i].ministries_text.strip("［］").split("、")]
    plain = [c.lstrip("◎") for c in codes]
    moves = ["add"] + (["drop"] if len(codes) > 1 else []) + ["lead"]
    move = rng.choice(moves)
    if move == "add":
        extra = [c for c in MINISTRY_CODES if c not in plain]
        codes.insert(rng.randrange(len(codes) + 1), rng.choice(extra))
    elif move == "drop":
        codes.pop(rng.randrange(len(codes)))
    else:
        k = rng.randrange(len(codes))
        leads = sum(c.startswith("◎") for c in codes)
        if codes[k].startswith("◎") and leads > 1:
            codes[k] = codes[k][1:]
        elif not codes[k].startswith("◎"):
            codes[k] = "◎" + codes[k]
        else:
            codes.append(rng.choice([c for c in MINISTRY_CODES if c not in plain]))
    return _retag(st, i, key, "［" + "、".join(codes) + "］", "ministry")


def _rename(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    ed = st.edition
    programs = ed.programs()
    in_successions = {p for _, _, _, s in ed.successions() for p in (s.old, s.new)}
    text = "\n".join(st.lines)
    found = []
    for p in programs:
        # Not a program inside another name (ヘルスケア産業国際展開推進事業費補助金事業), nor one a stated
        # succession names: renaming those would change more than one program.
        nested = any(p != q and (p in q or q in p) for q in programs)
        if p in led.programs or ("rename", p) in led.rejected or p in in_successions or " " in p or nested:
            continue
        for old, new in RENAME_WORDS:
            at = p.find(old)
            if at >= 0 and p.endswith("事業") and at + len(old) <= len(p) - 2:
                renamed = p[:at] + new + p[at + len(old) :]
                if renamed not in text and new + new not in renamed:
                    found.append((p, renamed))
    if not found:
        return None
    old, new = rng.choice(found)
    lines = _rename_lines(st.lines, old, new)
    keys = [k for k, m in zip(st.keys, ed.measures, strict=True) if _mentions(m, old)]
    n_old, n_new = normalize(old), normalize(new)
    expect = {}
    for k in keys:
        s = st.sigs[k]
        expect[k] = s._replace(title=s.title.replace(n_old, n_new), description=s.description.replace(n_old, n_new),
                               results=tuple(x.replace(n_old, n_new) for x in s.results),
                               plans=tuple(x.replace(n_old, n_new) for x in s.plans))

    def claim(led: Ledger) -> None:
        led.programs.update((old, new))

    def check(new_ed: Edition) -> bool:
        after = new_ed.programs()
        return old not in after and new in after and len(after) == len(programs)

    return Proposal(old, lines, list(st.keys), expect,
                    SyntheticEdit("rename", tuple(keys), f"{old} → {new}", rename=(old, new)), claim, check)


def _mentions(m: Measure, name: str) -> bool:
    return name in m.title or name in m.description or any(name in b.text for _, b in m.bullets)


def _rename_lines(lines: list[str], old: str, new: str) -> list[str]:
    """Replace a same-length name everywhere, also where a line break falls inside it."""
    where: list[tuple[int, int]] = []  # (line, column) of each character of the joined text
    for n, raw in enumerate(lines):
        piece = raw.strip()
        if piece:
            at = raw.index(piece)
            where += [(n, at + c) for c in range(len(piece))]
    joined = "".join(lines[n][c] for n, c in where)
    chars = [list(x) for x in lines]
    for mo in re.finditer(re.escape(old), joined):
        for k, (n, c) in enumerate(where[mo.start() : mo.end()]):
            chars[n][c] = new[k]
    return ["".join(x) for x in chars]


def _width(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "width"):
            continue
        m = st.edition.measures[i]
        lo, hi = st.blocks[i]
        block = st.lines[lo:hi]
        digit_names = any(re.search(r"[0-9０-９]", p) for _, b in m.bullets for p in b.programs)
        for name, table in WIDTH_MAPS:
            if "digits" in name and digit_names:
                continue
            new = [x.translate(table) for x in block]
            plans_lines = {n for b in m.plans for n in range(b.line - 1, b.end_line)}
            too_wide = any(display_width(new[n - lo].strip()) > 44 for n in plans_lines)
            if new != block and not too_wide:
                found.append((i, key, name, new))
    if not found:
        return None
    i, key, name, new = rng.choice(found)
    lo, hi = st.blocks[i]
    return Proposal(key, st.lines[:lo] + new + st.lines[hi:], list(st.keys), {},
                    SyntheticEdit("width", (key,), name), lambda led: led.content.add(key))


def _reflow(st: State, rng: random.Random, led: Ledger) -> Proposal | None:
    found = [(i, k, row) for i, k in enumerate(st.keys) if led.free(k, "reflow") and (row := clean_row(st, i))]
    if not found:
        return None
    i, key, row = rng.choice(found)
    lo, hi = st.blocks[i]
    old = st.lines[lo:hi]
    for _ in range(8):
        widths = random_widths(rng)
        new = render_row(row, *widths)
        if [x.strip() for x in new if x.strip()] != [x.strip() for x in old if x.strip()]:
            break
    else:
        return None
    return Proposal(key, st.lines[:lo] + new + st.lines[hi:], list(st.keys), {},
                    SyntheticEdit("reflow", (key,), "re-wrapped at {:.0f}/{:.0f}/{:.0f} cells".format(*widths)),
                    lambda led: led.content.add(key))


TEXT_EDITORS: dict[str, Editor] = {
    "reword": _reword, "one_char": _one_char, "budget": _budget, "rename": _rename, "ministry": _ministry,
    "reflow": _reflow, "width": _width,
}
