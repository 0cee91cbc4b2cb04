"""Budget lines across two editions: matched by program and fiscal year, then compared.

A report cites the same budget line in many rows (医工連携イノベーション推進事業 19億円の内数 in ten
measures), so identical citations are one line; only where a program and year carry different
amounts in different rows are they matched row by row, through the measure alignment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from ..versions.model.edition import Budget
from ..versions.model.normalize import normalize
from .model import BudgetChange, BudgetSide

Cited = tuple[str, Budget]  # (measure id, budget)
Key = tuple[str, int | None]  # (normalized program, fiscal year)


def _side(measure: str, b: Budget) -> BudgetSide:
    return BudgetSide(b.kind, b.yen, b.part_of, b.text, measure, b.fiscal_year, b.line, b.page)


def _value(b: Budget) -> tuple[str, int | None, bool]:
    return (b.kind, b.yen, b.part_of)


def _lines(cited: Iterable[Cited], key_of: Callable[[Budget], Key]) -> dict[Key, list[Cited]]:
    """Budget lines with an amount, by key; amount-less mentions only where the key has nothing else."""
    out: dict[Key, list[Cited]] = defaultdict(list)
    for mid, b in cited:
        if b.program:
            out[key_of(b)].append((mid, b))
    for key, items in out.items():
        if any(b.yen is not None for _, b in items):
            out[key] = [(m, b) for m, b in items if b.yen is not None]
    return out


def _distinct(items: list[Cited]) -> list[Cited]:
    seen: dict[tuple[str, int | None, bool], Cited] = {}
    for mid, b in items:
        seen.setdefault(_value(b), (mid, b))
    return list(seen.values())


def _change(program: str, fy: int | None, old: Cited | None, new: Cited | None) -> BudgetChange | None:
    if old and new:
        (om, ob), (nm, nb) = old, new
        if _value(ob) == _value(nb):
            return None
        delta = nb.yen - ob.yen if ob.yen is not None and nb.yen is not None else None
        pct = round(delta / ob.yen * 100, 2) if delta is not None and ob.yen else None
        return BudgetChange("changed", program, fy, _side(om, ob), _side(nm, nb), delta, pct,
                            kind_changed=ob.kind != nb.kind, comparable=not (ob.part_of or nb.part_of))
    if old:
        mid, b = old
        return BudgetChange("removed", program, fy, _side(mid, b), None, comparable=not b.part_of)
    assert new is not None
    mid, b = new
    return BudgetChange("added", program, fy, None, _side(mid, b), comparable=not b.part_of)


def diff_budgets(old: Iterable[Cited], new: Iterable[Cited], measure_map: dict[str, str],
                 renamed: dict[str, tuple[str, ...]] | None = None, key_of: Callable[[Budget], Key] | None = None,
                 display_fy: Callable[[Key], int | None] | None = None) -> list[BudgetChange]:
    """Compare budget lines. MEASURE_MAP pairs old measure ids with new ones; RENAMED maps an old
    normalized program name to its successors' names, so a renamed program's line is followed."""
    key_of = key_of or (lambda b: (normalize(b.program or ""), b.fiscal_year))
    renamed = renamed or {}
    old_lines, new_lines = _lines(old, key_of), _lines(new, key_of)
    out: list[BudgetChange | None] = []
    done_new: set[Key] = set()
    for key in sorted(old_lines, key=lambda k: (k[0], k[1] or 0)):
        successors = [(name, key[1]) for name in renamed.get(key[0], ())]
        target = key if key in new_lines else next((k for k in successors if k in new_lines), key)
        olds = _distinct(old_lines[key])
        news = _distinct(new_lines.get(target, []))
        program = (news or olds)[0][1].program or key[0]
        fy = display_fy(key) if display_fy else key[1]
        if target in new_lines:
            done_new.add(target)
        if len(olds) == 1 and len(news) <= 1:
            change = _change(program, fy, olds[0], news[0] if news else None)
            out += [change] if change else []
            continue
        # Several amounts for one program and year: pair the citations row by row through the alignment.
        old_values = {_value(b) for _, b in olds}
        new_values = {_value(b) for _, b in news}
        paired: set[int] = set()
        by_measure: dict[str, list[Cited]] = defaultdict(list)
        for cited in new_lines.get(target, []):
            by_measure[cited[0]].append(cited)
        unpaired: list[Cited] = []  # old citations whose row has no partner citing the program
        for mid, b in old_lines[key]:
            # One row may cite a program and year twice (予算案 6.0億円, then 予算 6.0億円): pair equal
            # citations first, else the first one not yet paired. Pairing every citation with the row's
            # first one reported a budget change in diff(a, a) (fuzz input: seed lines swapped).
            mine = [c for c in by_measure.get(measure_map.get(mid, ""), []) if id(c[1]) not in paired]
            match = next((c for c in mine if _value(c[1]) == _value(b)), mine[0] if mine else None)
            if match:
                paired.add(id(match[1]))
                change = _change(program, fy, (mid, b), match)
                out += [change] if change else []
            else:
                unpaired.append((mid, b))
        # A row without a partner (unpaired by the auditor, paired elsewhere by a link, removed) leaves
        # its citations here. A new amount of the program and year is still the change of an old one
        # left so: 3.8 → 4.1億円 must not turn into a new line 4.1億円 from nothing when the auditor
        # unpairs its row. Old amounts gone from the new side first, then the rest, in order.
        unpaired.sort(key=lambda c: _value(c[1]) in new_values)
        for mid, b in new_lines.get(target, []):
            if id(b) not in paired and _value(b) not in old_values:
                out.append(_change(program, fy, unpaired.pop(0) if unpaired else None, (mid, b)))
        out += [_change(program, fy, c, None) for c in unpaired if _value(c[1]) not in new_values]
    for key in sorted(new_lines, key=lambda k: (k[0], k[1] or 0)):
        if key not in done_new:
            for cited in _distinct(new_lines[key]):
                out.append(_change(cited[1].program or key[0], display_fy(key) if display_fy else key[1],
                                   None, cited))  # type: ignore[arg-type]
    return _dedupe(out)


def _dedupe(changes: Sequence[BudgetChange | None]) -> list[BudgetChange]:
    seen: set[tuple] = set()
    out = []
    for c in changes:
        if c is None:
            continue
        key = (c.status, normalize(c.program), c.fiscal_year,
               c.old and (c.old.kind, c.old.yen, c.old.part_of), c.new and (c.new.kind, c.new.yen, c.new.part_of))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
