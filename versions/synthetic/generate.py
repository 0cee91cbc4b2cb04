"""Generating a synthetic next edition: edits proposed in a shuffled plan of kinds, each taken only if
the re-parsed text reads exactly as the proposal says, and the ground truth of what was taken."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model.edition import Budget
from ..model.normalize import normalize
from ..readers.load import SYNTHETIC_MARKER
from .records import EDIT_KINDS, GroundTruth, SyntheticEdit, SyntheticEdition, summarize
from .state import Editor, Ledger, Proposal, State, parse_lines, signature, strip_marker
from .structural_edits import STRUCTURAL_EDITORS
from .text_edits import TEXT_EDITORS

EDITORS: dict[str, Editor] = {kind: {**TEXT_EDITORS, **STRUCTURAL_EDITORS}[kind] for kind in EDIT_KINDS}
assert len(TEXT_EDITORS) + len(STRUCTURAL_EDITORS) == len(EDITORS)  # every kind has one editor, and only one


def _accept(st: State, p: Proposal) -> State | None:
    """The new state if the proposal parses exactly as it says, else None."""
    try:
        ed = parse_lines(p.lines)
    except Exception:  # noqa: BLE001 - a proposal the parser refuses is simply not taken
        return None
    if len(ed.measures) != len(p.keys):
        return None
    for key, m in zip(p.keys, ed.measures, strict=True):
        want = p.expect.get(key, st.sigs.get(key))
        if want is None or signature(m) != want:
            return None
    if p.check is not None and not p.check(ed):
        return None
    if p.edit.kind != "rename" and not set(ed.programs()) <= set(st.edition.programs()):
        return None  # a reword must not make up a program name
    return State(p.lines, p.keys, ed)


def budget_lines(budgets: Iterable[Budget]) -> dict[tuple[str, int | None], frozenset]:
    """(normalized program, fiscal year) → the distinct amounts cited for it as (kind, yen, 内数).
    A report cites one budget line in many rows; the line changed when this set did. Mentions
    without an amount (予算要求中) count only for a line that has no amount anywhere."""
    out: dict[tuple[str, int | None], set] = {}
    for b in budgets:
        if b.program:
            out.setdefault((normalize(b.program), b.fiscal_year), set()).add((b.kind, b.yen, b.part_of))
    return {k: frozenset(v if all(y is None for _, y, _ in v) else {x for x in v if x[1] is not None})
            for k, v in out.items()}


def changed_lines(old: Iterable[Budget], new: Iterable[Budget]) -> set[tuple[str, int | None]]:
    """Budget lines whose cited amounts differ, named as printed on the old side (else the new)."""
    old, new = list(old), list(new)
    a, b = budget_lines(old), budget_lines(new)
    names = {(normalize(x.program), x.fiscal_year): x.program for x in new + old if x.program}
    return {(names[k], k[1]) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def kind_plan(rng: random.Random, kinds: Sequence[str], n: int) -> list[str]:
    """n kinds, each of `kinds` once per round, in a shuffled order."""
    out: list[str] = []
    while len(out) < n:
        batch = list(kinds)
        rng.shuffle(batch)
        out += batch
    return out[:n]


def _mark(lines: list[str], summary: str) -> str:
    """The marker replaces an empty first line, so the rest keeps its line numbers."""
    marker = f"{SYNTHETIC_MARKER} {summary}"
    body = lines[1:] if lines and not lines[0].strip() else lines
    return "\n".join([marker, *body])


def make_synthetic(text: str, seed: int, n_edits: int = 10, kinds: Sequence[str] | None = None) -> SyntheticEdition:
    """A synthetic next edition of `text`: n_edits known edits (fewer if the text runs out of
    candidates for the kinds asked), every one checked by re-parsing, and the ground truth."""
    kinds = tuple(kinds) if kinds is not None else EDIT_KINDS
    unknown = [k for k in kinds if k not in EDITORS]
    if unknown or not kinds:
        raise ValueError(f"unknown edit kinds {unknown}; choose from {', '.join(EDIT_KINDS)}")
    rng = random.Random(seed)
    lines = strip_marker(text)
    first = parse_lines(lines)
    st = State(lines, [m.id for m in first.measures], first)
    led = Ledger()
    edits: list[SyntheticEdit] = []
    for kind in kind_plan(rng, kinds, n_edits):
        for _ in range(8):
            proposal = EDITORS[kind](st, rng, led)
            if proposal is None:
                break
            new_state = _accept(st, proposal)
            if new_state is None:
                led.rejected.add((kind, proposal.candidate))
            else:
                proposal.claim(led)
                edit = proposal.edit
                if kind != "rename":  # a renamed program's lines are followed, not changed
                    changed = changed_lines((b for *_, b in st.edition.budgets()),
                                            (b for *_, b in new_state.edition.budgets()))
                    edit = replace(edit, budgets=tuple(sorted(set(edit.budgets) | changed, key=str)))
                edits.append(edit)
                st = new_state
                break
    back = {e.rename[1]: e.rename[0] for e in edits if e.rename}  # budget lines as the old edition names them
    edits = [replace(e, budgets=tuple((back.get(p, p), fy) for p, fy in e.budgets)) for e in edits]
    summary = summarize(seed, edits)
    truth = GroundTruth(seed, summary, tuple(edits), len(first.measures), len(st.edition.measures))
    return SyntheticEdition(_mark(st.lines, summary), truth)
