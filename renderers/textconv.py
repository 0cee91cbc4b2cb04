"""An edition as stable, line-oriented text for git's textconv (`git diff`, `git log -p`, `git blame`
of report files): one block per measure, one line per fact.

What makes a line diff read well: no page or line numbers (a line added on page 1 would touch every
later block), the measure's id on a line of its own (ids are positions: a row added early shifts the
ids of the rows after it, and that costs one line per block, not the block), each bullet joined onto
one line as the parser joined it, and budgets normalized (FY, kind, integer yen) under the bullets
that cite them. Control characters are shown as ⟨U+XXXX⟩, never passed to a terminal.
"""

from __future__ import annotations

from ..versions.model.edition import Edition, Measure
from ..versions.model.normalize import join_wrapped
from .escaping import reveal
from .money import yen


def _one(text: str) -> str:
    """A value on one line: a line break a PDF cell kept (「…ベン」/「チャー…」) joined as the parser joins."""
    return join_wrapped(text.splitlines()) if "\n" in text or "\r" in text else text


def _budget(b) -> str:
    amount = f"{b.yen:,}円 ({yen(b.yen)})" if b.yen is not None else "no amount"
    return (f"FY{b.fiscal_year or '?'} {b.kind} {amount}" + (" 内数" if b.part_of else "")
            + f" {b.program or '(no program)'}")


def _block(ed: Edition, m: Measure) -> list[str]:
    goal = next((g.title for g in ed.goals if g.id == m.goal), "")
    ministries = "、".join(("◎" if x.lead else "") + x.code for x in m.ministries) or "—"
    out = [f"## {_one(m.label)}", f"id: {m.id}", f"goal: {_one(goal)}", f"ministries: {ministries}"]
    if m.office:
        out.append(f"office: {m.office}")
    if m.reposted:
        out.append("reposted: 再掲")
    out.append(f"description: {_one(m.description)}")
    for column, bullets in (("results", m.results), ("plans", m.plans)):
        out.append(f"{column}:")
        for b in bullets:
            out.append(f"  {_one(b.text)}")
            out += [f"    budget: {_budget(x)}" for x in b.budgets]
            out += [f"    succession: {s.old} → {s.new}" for s in b.successions]
    return out


def render_textconv(ed: Edition) -> str:
    head = [f"# {ed.name}: results FY{ed.results_fy} ({ed.results_label}), plans FY{ed.plans_fy} ({ed.plans_label})"]
    if ed.synthetic:
        head.append("# SYNTHETIC edition: not a real report")
    head.append(f"# {len(ed.measures)} measures, {len(ed.budgets())} budget lines (policydiff textconv)")
    lines = head
    for m in ed.measures:
        lines += ["", *_block(ed, m)]
    return reveal("\n".join(lines) + "\n")
