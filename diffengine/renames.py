"""Program renames and successions: stated ones (「Aの後継事業となるB」) and inferred ones.

An inferred rename is a program that disappears from an aligned measure while another appears,
scored on the similarity of the names, of the sentences around them and on a shared budget
amount. The score is a confidence; the user sets the threshold (--rename-threshold).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from ..versions.model.edition import Bullet, Measure, Succession
from ..versions.model.normalize import normalize
from . import work
from .model import Rename, why
from .textdiff import similarity
from .work import CELL_COST

NAME_WEIGHT, CONTEXT_WEIGHT, BUDGET_BONUS = 0.45, 0.55, 0.15
# A bullet naming the gone program that the arrived one's bullets in the same row answer (last year's
# plan reported done, or this year's result planned again): the work went on under the new name (国際公共調達参入支援事業 → 国際機関の調達枠組を活用した…海外展開促進事業, whose
# names share little). As strong as the two names alike, so it counts more than a shared amount.
ANSWERED_BONUS = 0.3
ANSWERED = 0.5  # least content similarity (program names left out) of the plan and the result


def programs_named(m: Measure | None, column: Literal["results", "plans"] | None = None) -> set[str]:
    """The programs a measure names, in one column or in both: the one place that says so."""
    if m is None:
        return set()
    bullets = getattr(m, column) if column else (b for _, b in m.bullets)
    return {p for b in bullets for p in b.programs}


def explicit_renames(stated: Iterable[tuple[str, Succession]], known: set[tuple[str, str]]) -> list[Rename]:
    """Successions stated in an edition, one per (old, new) pair; KNOWN pairs (already stated) are skipped."""
    out: dict[tuple[str, str], Rename] = {}
    for measure, s in stated:
        key = (normalize(s.old), normalize(s.new))
        if key in known or key in out:
            continue
        out[key] = Rename(s.old, s.new, "explicit", 1.0, s.evidence, measure)
    return list(out.values())


def _context(bullets: Sequence[Bullet], program: str) -> str:
    """The sentences that name PROGRAM, with the name taken out."""
    text = " ".join(normalize(b.text) for b in bullets if program in b.programs)
    return text.replace(normalize(program), "")


def _amounts(bullets: Sequence[Bullet], program: str) -> set[int]:
    return {x.yen for b in bullets for x in b.budgets if x.program == program and x.yen is not None}


def _answered(old_bullets: Sequence[Bullet], new_bullets: Sequence[Bullet], gone: str, arrived: str) -> float:
    """How well the new bullets naming ARRIVED report what the old ones naming GONE planned: the best
    content similarity of the two, program names left out (ledger.dice and coverage, as the ledger scores)."""
    from .ledger_text import coverage, dice

    olds = [b.text for b in old_bullets if gone in b.programs]
    news = [b.text for b in new_bullets if arrived in b.programs]
    return max(((2 * coverage(o, n, False) + dice(o, n, False)) / 3 for o in olds for n in news), default=0.0)


def rename_candidates(old_bullets: Sequence[Bullet], new_bullets: Sequence[Bullet], gone: Iterable[str],
                      arrived: Iterable[str], measure: str, threshold: float) -> list[Rename]:
    """Score every (gone, arrived) pair of one aligned measure; keep the best one-to-one pairs."""
    scored = []
    for a in gone:
        for b in arrived:
            name = similarity(normalize(a), normalize(b))
            context = similarity(_context(old_bullets, a), _context(new_bullets, b))
            bonus = BUDGET_BONUS if _amounts(old_bullets, a) & _amounts(new_bullets, b) else 0.0
            answered = _answered(old_bullets, new_bullets, a, b) >= ANSWERED
            score = min(1.0, NAME_WEIGHT * name + CONTEXT_WEIGHT * context + bonus + (ANSWERED_BONUS if answered else 0.0))
            if score >= threshold:
                reasons = (why("name-similarity", score=round(name, 2)), why("context-similarity", score=round(context, 2)),
                           *((why("same-budget-amount"),) if bonus else ()),
                           *((why("same-work"),) if answered else ()))
                scored.append((-round(score, 4), a, b, reasons))
    out, used_a, used_b = [], set(), set()
    for neg, a, b, reasons in sorted(scored):
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            out.append(Rename(a, b, "similarity", -neg, "", measure, reasons=reasons))
    return out


def inferred_renames(related: Iterable[tuple[str, Sequence[Bullet], Sequence[Bullet]]], old_names: set[str],
                     new_names: set[str], seen: set[tuple[str, str]], threshold: float) -> list[Rename]:
    """Renames inferred in each related (measure id, old bullets, new bullets): a program the old
    bullets name that no longer appears anywhere (normalized names not in NEW_NAMES) against one the
    new bullets name that was nowhere before (not in OLD_NAMES). One rename per (old, new) pair not
    already in SEEN, which grows."""
    out = []
    for measure, old_bullets, new_bullets in related:
        gone = sorted(p for p in {p for b in old_bullets for p in b.programs} if normalize(p) not in new_names)
        arrived = sorted(p for p in {p for b in new_bullets for p in b.programs} if normalize(p) not in old_names)
        if not gone or not arrived or not work.take(len(gone) * len(arrived) * CELL_COST):
            continue  # (a row naming thousands of programs: over the work budget, work.py)
        for r in rename_candidates(old_bullets, new_bullets, gone, arrived, measure, threshold):
            key = (normalize(r.old), normalize(r.new))
            if key not in seen:
                seen.add(key)
                out.append(r)
    return out


def successors_of(renames: Iterable[Rename]) -> dict[str, tuple[str, ...]]:
    """Normalized old name → normalized new names, stated successions first."""
    out: dict[str, list[str]] = {}
    for r in sorted(renames, key=lambda r: r.evidence != "explicit"):
        names = out.setdefault(normalize(r.old), [])
        if normalize(r.new) not in names:
            names.append(normalize(r.new))
    return {k: tuple(v) for k, v in out.items()}


def lineage(renames: Iterable[Rename]) -> list[list[str]]:
    """Chains A → B → C from renames found across successive diffs (each rename in order)."""
    chains: list[list[str]] = []
    for r in renames:
        for chain in chains:
            if normalize(chain[-1]) == normalize(r.old):
                chain.append(r.new)
                break
        else:
            chains.append([r.old, r.new])
    return chains
