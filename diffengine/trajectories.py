"""Budget trajectories: every amount of a program on one line of fiscal years and kinds, with typed steps.

A program's amounts come from both editions (or, inside one edition, from its results and plans
columns) and are followed across successions and inferred renames, so that 医工連携イノベーション推進事業
FY2024 and its successor 医工連携グローバル展開事業 FY2025 sit on one line. Steps only compare like
with like, and say so: an amount of one fiscal year is never compared with another year's of a
different kind, and 内数 (a share of a larger line) is shown but never counted as comparable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..versions.model.edition import Budget, Edition
from ..versions.model.normalize import normalize
from .model import BudgetPoint, BudgetStep, Side, StepType, Trajectory, Warning_

Cited = tuple[Side, str, Budget]  # (edition side, measure id, budget)


class Lineage:
    """Program names joined by successions and renames (union-find on normalized names)."""

    def __init__(self, links: Iterable[tuple[str, str]]) -> None:
        self._parent: dict[str, str] = {}
        self._keys: dict[str, str] = {}  # name as cited → lineage key, once the links are all in
        self._done = False
        self._earlier: set[str] = set()  # names that became another name
        first: dict[str, str] = {}
        for old, new in links:
            a, b = normalize(old), normalize(new)
            self._earlier.add(a)
            # One name with two successors is one line split in sub-lines: 医工連携イノベーション推進事業 →
            # 医工連携グローバル展開事業, and → 医工連携グローバル展開事業（研究開発事業） (seed m004, m009). The
            # first successor continues the line; joining both would put a whole 14億円 and a 14億円の内数
            # on one line.
            if first.setdefault(a, b) != b:
                continue
            ka, kb = self.key(a), self.key(b)
            if ka != kb:
                self._parent[ka] = kb
        self._done = True

    def key(self, name: str) -> str:
        if name in self._keys:
            return self._keys[name]
        n = normalize(name)
        while n in self._parent and self._parent[n] != n:
            n = self._parent[n]
        if self._done:
            self._keys[name] = n
        return n

    def was_succeeded(self, name: str) -> bool:
        return normalize(name) in self._earlier


def _points(cited: Iterable[Cited], lineage: Lineage) -> dict[str, list[BudgetPoint]]:
    out: dict[str, list[BudgetPoint]] = defaultdict(list)
    seen: set[tuple] = set()
    for side, measure, b in cited:
        # 「予算要求中」 is a request without an amount yet: a point, so that its enactment is a step.
        if not b.program or b.fiscal_year is None or (b.yen is None and b.kind != "request"):
            continue
        key = lineage.key(b.program)
        ident = (key, side, b.fiscal_year, b.kind, b.yen, b.part_of)
        if ident in seen:
            continue
        seen.add(ident)
        out[key].append(BudgetPoint(side, b.fiscal_year, b.kind, b.yen, b.part_of, measure, b.page, b.line,
                                    b.program))
    return out


def _value(points: list[BudgetPoint], side: Side | None, fy: int, kinds: tuple[str, ...]) -> BudgetPoint | None:
    """The amount an edition gives for a year and kind: the most cited one, ties to the first cited."""
    mine = [p for p in points if p.fiscal_year == fy and p.kind in kinds and (side is None or p.edition == side)]
    mine = [p for p in mine if p.yen is not None] or mine
    if not mine:
        return None
    counts = Counter((p.yen, p.part_of) for p in mine)
    best = max(counts.values())
    return next(p for p in mine if counts[(p.yen, p.part_of)] == best)


def _latest(points: list[BudgetPoint], fy: int, kind: str) -> BudgetPoint | None:
    """NEW's amount for a year and kind when it gives one (it knows more), else OLD's."""
    return _value(points, "new", fy, (kind,)) or _value(points, "old", fy, (kind,))


def _step(kind: StepType, a: BudgetPoint | None, b: BudgetPoint) -> BudgetStep:
    cites = ((a.edition, a.page, a.line) if a else None, (b.edition, b.page, b.line))
    if a is None or a.yen is None or b.yen is None:
        return BudgetStep(kind, b.fiscal_year, a.fiscal_year if a else None, a.kind if a else None, b.kind,
                          a.yen if a else None, b.yen, None, None, False, *cites)
    delta = b.yen - a.yen
    pct = round(delta / a.yen * 100, 2) if a.yen else None
    return BudgetStep(kind, b.fiscal_year, a.fiscal_year, a.kind, b.kind, a.yen, b.yen, delta, pct,
                      not (a.part_of or b.part_of), *cites)


def _steps(points: list[BudgetPoint], from_year: int | None) -> list[BudgetStep]:
    out: list[BudgetStep] = []
    years = sorted({p.fiscal_year for p in points})
    for fy in years:
        # The request OLD printed for a year against the budget NEW reports as enacted for it.
        asked, enacted = _value(points, "old", fy, ("request",)), _value(points, "new", fy, ("initial",))
        if asked and enacted:
            out.append(_step("request-to-enacted", asked, enacted))
        # Like for like across consecutive years only: an enacted budget against the year before's,
        # a request against the year before's request. A request against an enacted budget mixes kinds.
        for kind in ("initial", "request"):
            a, b = _latest(points, fy - 1, kind), _latest(points, fy, kind)
            if a and b and b.yen is not None and (from_year is None or fy >= from_year):
                out.append(_step("year-over-year", a, b))
        # A 補正 line NEW reports: against OLD's amount for the same year if it differs, else (a
        # line OLD did not know) against the year before's 補正, like for like, or nothing.
        supp, before = _value(points, "new", fy, ("supplementary",)), _value(points, "old", fy, ("supplementary",))
        if supp and before is None:
            out.append(_step("supplementary", _latest(points, fy - 1, "supplementary"), supp))
        elif supp and before and (before.yen, before.part_of) != (supp.yen, supp.part_of):
            out.append(_step("supplementary", before, supp))
    return out


def budget_trajectories(cited: Iterable[Cited], links: Iterable[tuple[str, str]],
                        from_year: int | None = None, new_lines: bool = False) -> list[Trajectory]:
    """One trajectory per program lineage that cites an amount, in order of first citation.

    FROM_YEAR: year-over-year steps into earlier years are left out (the new side's first year: what
    the older side alone already told is no news); their points stay on the line. NEW_LINES: between
    two editions, a program only the new edition cites starts with a new-line step (inside one
    edition its plans column's new programs are told by the program events)."""
    lineage = Lineage(links)
    out = []
    for points in _points(cited, lineage).values():
        names = tuple(dict.fromkeys(p.name for p in sorted(points, key=lambda p: (p.edition != "old", p.fiscal_year))))
        newest = [p.name for p in points if p.edition == "new"] or [p.name for p in points]
        program = next((n for n in newest if not lineage.was_succeeded(n)), newest[-1])
        ordered = tuple(sorted(points, key=lambda p: (p.fiscal_year, p.edition != "old", p.kind, p.line)))
        steps = _steps(points, from_year)
        first = next((p for p in ordered if p.yen is not None), None)
        if new_lines and not steps and first is not None and all(p.edition == "new" for p in points) and (
                from_year is None or first.fiscal_year >= from_year):
            # A program only the new side cites (医療機器スタートアップ海外展開支援事業, 令和8年度予算案：3.0億円):
            # its first amount is a new line, a step from nothing, so the budget table shows it.
            steps = [_step("new-line", None, first)]
        out.append(Trajectory(program, names, ordered, tuple(steps)))
    return out


def totals(trajectories: Iterable[Trajectory], side: Side) -> dict[tuple[int, str], int]:
    """Whole amounts summed per fiscal year and kind (never across years; 内数 left out)."""
    out: dict[tuple[int, str], int] = defaultdict(int)
    for t in trajectories:
        for p in t.points:
            if p.edition == side and not p.part_of and p.yen is not None:
                out[(p.fiscal_year, p.kind)] += p.yen
    return dict(sorted(out.items()))


def stale_labels(cited: Iterable[tuple[str, str, Budget]], results_fy: int, lineage: Lineage,
                 side: Side = "new") -> list[Warning_]:
    """Budget labels of an earlier year cited again in the results of RESULTS_FY.

    CITED is (measure id, column, budget) of one edition. An initial or request amount labelled with
    a year before the results year is stale when the same program (or its successor) is cited for
    the results year elsewhere: 「令和6年度予算：37億円の内数」 in FY2025 results while other rows cite
    令和7年度予算 for it. A 補正 of the year before, spent this year, is normal and not flagged.
    """
    cited = list(cited)
    current = {lineage.key(b.program) for _, _, b in cited
               if b.program and b.fiscal_year == results_fy and b.kind in ("initial", "request")}
    out = []
    for measure, column, b in cited:
        if (column == "results" and b.program and b.fiscal_year is not None and b.fiscal_year < results_fy
                and b.kind in ("initial", "request") and b.yen is not None and lineage.key(b.program) in current):
            out.append(Warning_("stale-budget-label", side, b.page, b.line, measure,
                                (("text", b.text), ("program", b.program), ("fy", results_fy))))
    return out


def edition_points(old: Edition, new: Edition) -> list[Cited]:
    """Every budget of both editions, old first."""
    return [("old", m.id, b) for m, _, _, b in old.budgets()] + [("new", m.id, b) for m, _, _, b in new.budgets()]


def plans_points(ed: Edition) -> list[Cited]:
    """Inside one edition: the results column is the old side, the plans column the new one."""
    return [("old" if col == "results" else "new", m.id, b) for m, col, _, b in ed.budgets()]
