"""The follow-through ledger: was last year's plan carried out?

Between an edition and the next one, each plan bullet of OLD (FY N+1 plans, future tense) is matched
to the result bullets of NEW (FY N+1 results, past tense) that report on it, inside the aligned
measure and its split or merge partners only. Sentences of different years differ in tense
(「推進する」/「推進した」), in years (令和7年度予算案/令和7年度予算) and in the specifics a result adds
(counts, dates), so they are compared on their content characters: kanji, katakana and latin,
as character bigrams, with hiragana (where Japanese tense lives), years and amounts left out.
Programs named (followed across successions and renames) and an enacted budget line of the
requested program add evidence. Each plan gets an outcome, the results that answer it, a score, the
reason, and the new plan bullet when the same promise is made again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..versions.model.edition import Bullet, Measure
from ..versions.model.normalize import normalize_name
from .ends import stated_end
from .ledger_links import Rarity, attach_leftovers, group_members, unclear_candidates
from .ledger_text import bigrams, content, coverage, coverage_and_dice, dice, normalize
from .model import Cited, FollowThrough, Outcome, Reason, Side, Unplanned, why
from .textdiff import diff_text, similarity

LINK = 0.5  # least match for a result to report on a plan
WEAK_LINK = 0.36  # a plan's best result reports on it down to this, when nothing better does
SHARE_OF_BEST = 0.8  # a result answers the plans it matches nearly as well as its best one
PROMISED_AGAIN = 0.72  # least similarity of a new plan that repeats an old one
PROGRAM_BONUS, BUDGET_BONUS, OTHER_PROGRAM_MALUS = 0.15, 0.1, 0.1
MAX_PAIRS = 2_500  # plan × result pairs scored in full inside one measure; beyond, candidates are bounded
WINDOW = 20  # results on each side of a plan's proportional position, for a measure past MAX_PAIRS

# 「…に向けて検討を進めた」「調整を進めた」「一部を実施した」: progress towards a plan, not the plan done
PARTIAL_RE = re.compile(r"に向け(?:て|た)(?:検討|調整|準備|議論)|(?:検討|調整|準備|議論)を(?:進め|開始し|行っ)た|"
                        r"について(?:検討|議論)した|一部|着手した|引き続き検討")
# 「…対応に向けた調整を進める。」「検討する。」: a plan part that is itself to consider or prepare is
# done by considering, so progress words in its result do not make it partial
CONSIDER_END_RE = re.compile(r"(?:検討|調整|議論|準備)(?:する|を(?:進める|行う|続ける))$|努める$")
# Where a plan (or a result) splits into parts: after 「。」, 「し、」 (推進し、), 「して、」 (整備して、), 「とともに、」,
# 「また、」, 「ほか、」
CLAUSE_RE = re.compile(r"(?<=。)|(?<=[^なさ]し、)|(?<=して、)|(?<=とともに、)|(?<=と共に、)|(?<=ほか、)|(?=また、)")
CLAUSE_MIN = 6  # content bigrams: a shorter piece is no part of its own
CLAUSE_COVERED = 0.35  # share of a part's content the linked results must carry to report it
# 「（アジア健康構想）」 (NEW line 575): a group heading the extraction reads as a bullet, no result
HEADING_RE = re.compile(r"^[（(][^（）()]{1,24}[）)]$")
def cite(b: Bullet, side: Side) -> Cited:
    return Cited(side, b.page, b.line, b.text, b.end_line, b.bbox)


@dataclass(frozen=True)
class Scored:
    score: float
    text: float
    reasons: tuple[Reason, ...]


VERBATIM = (why("verbatim"),)


def _score(plan: Bullet, result: Bullet, key: Callable[[str], str]) -> Scored:
    if plan.norm == result.norm:
        return Scored(1.0, 1.0, VERBATIM)
    # With and without the quoted program names: a name shared by every bullet of a program must
    # not make two different pieces of its work alike, nor may a plan that is mostly a name go unseen.
    text = sum((2 * cov + dice_) / 3 for cov, dice_ in (coverage_and_dice(plan.text, result.text, names)
                                                           for names in (True, False))) / 2
    reasons = [why("content", score=round(text, 2))]
    score = text
    mine = {key(p) for p in plan.programs}
    theirs = {key(p) for p in result.programs}
    if mine & theirs:
        score += PROGRAM_BONUS
        reasons.insert(0, why("same-program"))
    elif mine and theirs:
        score -= OTHER_PROGRAM_MALUS
        reasons.append(why("other-program"))
    asked = {(key(b.program), b.fiscal_year) for b in plan.budgets if b.program and b.kind == "request"}
    enacted = {(key(b.program), b.fiscal_year) for b in result.budgets if b.program and b.kind == "initial"}
    if asked & enacted:
        score += BUDGET_BONUS
        reasons.insert(1, why("request-enacted"))
    elif asked and any(b.program and b.yen is not None for b in result.budgets) and not enacted & asked:
        # 「（令和6年度補正予算：5.0億円）において…」 against a plan on the 令和7年度予算案 line: other money
        score -= OTHER_PROGRAM_MALUS
        reasons.append(why("other-budget-line"))
    return Scored(round(max(0.0, min(1.0, score)), 4), text, tuple(reasons))


def _candidates(n_plans: int, n_results: int, k: int) -> range:
    """Results a plan is scored against: all, or a window around its proportional position."""
    if n_plans * n_results <= MAX_PAIRS:
        return range(n_results)
    mid = round(k * n_results / max(1, n_plans))
    return range(max(0, mid - WINDOW), min(n_results, mid + WINDOW + 1))


def clauses(text: str) -> list[str]:
    """A plan's parts: sentences and clauses joined by 「し、」「とともに、」「また、」; tiny ones merged."""
    out: list[str] = []
    for piece in CLAUSE_RE.split(normalize(text)):
        if out and len(bigrams(out[-1], False)) < CLAUSE_MIN:
            out[-1] += piece
        elif piece.strip():
            out.append(piece)
    if len(out) > 1 and len(bigrams(out[-1], False)) < CLAUSE_MIN:
        tail = out.pop()
        out[-1] += tail
    return out or [normalize(text)]


def _outcome(plan: Bullet, linked: list[tuple[Bullet, Scored]]) -> tuple[Outcome, tuple[Reason, ...]]:
    """done when every part of the plan is reported as done; partial when some part is reported, or
    reported only as progress towards it (「…に向けて検討を進めた」 for a plan to decide or issue
    something); reworked when a result reports on it but none of its parts."""
    if not linked:
        return "dropped", (why("no-result"),)
    if any(s.reasons and s.reasons[0].code in ("verbatim", "row-verbatim") for _, s in linked):
        return "done", ()
    # Each result in its clauses: a progress word reports the part it stands in, not the whole sentence.
    sentences = [x for r, _ in linked for x in CLAUSE_RE.split(normalize(r.text)) if x.strip()]
    parts = clauses(plan.text)
    done = progress = 0
    reported = " ".join(sentences)
    for c in parts:
        # A part that is all program name (「…推進事業」において、引き続き支援する): reported if the name is.
        names = not bigrams(c, False)
        cov = coverage(c, reported, names=names)
        best = max((coverage(c, x, names=names), x) for x in sentences)[1]
        considering = bool(CONSIDER_END_RE.search(c.rstrip("。 ")))
        if cov >= CLAUSE_COVERED and (considering or not PARTIAL_RE.search(best)):
            done += 1
        elif cov >= CLAUSE_COVERED / 2 and PARTIAL_RE.search(best):
            progress += 1
    if done == len(parts):
        return "done", ()
    if done or progress:
        return "partial", (why("parts-done", done=done, parts=len(parts)),
                           *((why("parts-progress", n=progress),) if progress else ()))
    return "reworked", (why("parts-none", parts=len(parts)),)


def outcome_of(plan: Bullet | Cited, linked: Sequence[tuple[Bullet | Cited, Scored]]
               ) -> tuple[Outcome, tuple[Reason, ...]]:
    """The outcome of PLAN answered by LINKED results (the auditor's choice, too): see _outcome."""
    return _outcome(plan, linked)  # type: ignore[arg-type]  # only the texts are read


def _promised_again(plan: Bullet, new_plans: Sequence[Bullet], rolled: Sequence[str],
                    key: Callable[[str], str]) -> tuple[Bullet | None, float]:
    """The new plan bullet that makes the same promise ( RELLED: the new plans' rolled contents)."""
    best: tuple[float, int] = (0.0, -1)
    roll = _rolled(plan, key)
    for k, q in enumerate(new_plans):
        if q.norm == plan.norm:
            return q, 1.0
        s = max(similarity(roll, rolled[k]), dice(plan.text, q.text))
        best = max(best, (s, -k))
    if best[0] >= PROMISED_AGAIN:
        return new_plans[-best[1]], best[0]
    return None, best[0]


def _rolled(b: Bullet, key: Callable[[str], str]) -> str:
    """A bullet's content with each program name replaced by its lineage, so a succeeded name rolls."""
    text = b.norm
    for p in sorted(b.programs, key=len, reverse=True):
        text = text.replace(normalize_name(p), key(p))
    return content(text)


def _carried_rows(old: Measure, plans: Sequence[Bullet], results: Sequence[tuple[Measure, Bullet]]
                  ) -> list[tuple[int, int]]:
    """A statement printed across both columns of one line (「・令和５年度に事業終了 後継事業の予定無し」,
    seed line 22) and printed again the same way: its plan part is answered by its result part."""
    same_line = {r.line: r.norm for r in old.results}
    out = []
    for i, p in enumerate(plans):
        if p.line in same_line:
            out += [(i, j) for j, (_, r) in enumerate(results) if r.norm == same_line[p.line]][:1]
    return out


def promised(again: Bullet | Cited | None, verbatim: bool) -> tuple[Reason, ...]:
    """The reason a plan made again adds."""
    if again is None:
        return ()
    return (why("promised-again-verbatim" if verbatim else "promised-again"),)


def _is_result(r: Bullet) -> bool:
    """A bullet of the results column that reports something: not a group heading (「（アジア健康構想）」)
    nor the confirmation of an end (「令和５年度に事業終了」), which answers the end, not a plan."""
    return not HEADING_RE.match(r.norm) and not stated_end(r.text)


def _stated(old: Measure, p: Bullet, new_measure: str | None) -> FollowThrough:
    """A statement of an end in the plans column: no plan, so no plan outcome (the program events say it)."""
    return FollowThrough(old.id, new_measure, cite(p, "old"), "stated-end", (), 0.0, (why("stated-end"),), None, False)


def measure_ledger(old: Measure, news: Sequence[Measure], key: Callable[[str], str],
                   rarity: Rarity | None = None) -> tuple[list[FollowThrough], list[Unplanned]]:
    """The ledger of one old measure against its new counterpart(s) (several for a split). RARITY
    counts the new edition's terms (default: those of NEWS alone)."""
    new_id = news[0].id if news else None
    plans = [p for p in old.plans if not stated_end(p.text)]
    rarity = rarity or Rarity(r.text for m in news for r in m.results)
    entries, unplanned = _plans_ledger(old, plans, news, key, rarity)
    by_line = {e.plan.line: e for e in entries}
    return [by_line.get(p.line) or _stated(old, p, new_id) for p in old.plans], unplanned


def _links(plans: Sequence[Bullet], results: Sequence[Bullet], key: Callable[[str], str], rarity: Rarity
           ) -> dict[int, list[tuple[int, Scored]]]:
    """Plan index → the results (index, score) that report on it."""
    scores: dict[tuple[int, int], Scored] = {}
    by_plan: list[list[tuple[int, Scored]]] = []
    for i, p in enumerate(plans):
        by_plan.append([(j, _score(p, results[j], key)) for j in _candidates(len(plans), len(results), i)])
        scores.update(((i, j), s) for j, s in by_plan[-1])
    best_of_result: dict[int, tuple[float, int]] = {}
    for (i, j), s in scores.items():
        best_of_result[j] = max(best_of_result.get(j, (0.0, 0)), (s.score, -i))
    links: dict[int, list[tuple[int, Scored]]] = {}
    for i in range(len(plans)):
        mine = sorted(((s.score, -j, j, s) for j, s in by_plan[i]), reverse=True)
        links[i] = [(j, s) for score, _, j, s in mine
                    if score >= LINK and score >= SHARE_OF_BEST * best_of_result[j][0]]
        if not links[i] and mine and mine[0][0] >= WEAK_LINK:
            links[i] = [(mine[0][2], mine[0][3])]

    def scored(i: int, j: int) -> Scored:
        return scores.get((i, j)) or _score(plans[i], results[j], key)

    # A list or a continued sentence is one report: answered by a part, answered by all of it.
    programs = {i: {key(x) for x in plans[i].programs} for i in links}
    extra = group_members({i: {j for j, _ in linked} for i, linked in links.items()}, results, programs, key)
    for i, js in extra.items():
        links[i] += [(j, scored(i, j)) for j in js]
    # A result no plan took, that reports on a plan of the row by one of its distinctive terms.
    answered = {j for linked in links.values() for j, _ in linked}
    def nearby(i: int) -> range:
        return _candidates(len(plans), len(results), i)

    for j, i in attach_leftovers(plans, results, answered, rarity, key, nearby).items():
        links[i].append((j, scored(i, j)))
    return links


def _plans_ledger(old: Measure, plans: Sequence[Bullet], news: Sequence[Measure], key: Callable[[str], str],
                  rarity: Rarity) -> tuple[list[FollowThrough], list[Unplanned]]:
    results = [(m, r) for m in news for r in m.results if _is_result(r)]
    bullets = [r for _, r in results]
    new_plans = [q for m in news for q in m.plans]
    rolled = [_rolled(q, key) for q in new_plans]
    links = _links(plans, bullets, key, rarity)
    answered = {j for linked in links.values() for j, _ in linked}
    for i, j in _carried_rows(old, plans, results):
        if j not in answered and not links[i]:
            links[i] = [(j, Scored(1.0, 1.0, (why("row-verbatim"),)))]
            answered.add(j)
    entries = []
    new_id = news[0].id if news else None
    for i, p in enumerate(plans):
        pairs = [(bullets[j], s) for j, s in sorted(links[i], key=lambda x: x[0])]
        outcome, because = _outcome(p, pairs)
        candidates: list[int] = []
        if outcome == "dropped":
            candidates, runs = unclear_candidates(p, bullets, answered, key, _candidates(len(plans), len(bullets), i))
            if candidates:  # evidence that nothing answers it is thin: say so, with what might
                outcome = "unclear"
                because = (why("program-runs", program=p.programs[0]) if runs else why("row-reports"),)
            else:
                because = (*because, why("nothing-answers"))
        again, _ = _promised_again(p, new_plans, rolled, key)
        top = max(pairs, key=lambda x: x[1].score)[1] if pairs else None
        verbatim = again is not None and again.norm == p.norm
        reasons = (*(top.reasons if top else ()), *because, *promised(again, verbatim))
        # A promise made again is nearly the same sentence: a redline shows what was reworded.
        ops = diff_text(p.text, again.text) if again is not None and not verbatim else ()
        entries.append(FollowThrough(old.id, new_id, cite(p, "old"), outcome, tuple(cite(r, "new") for r, _ in pairs),
                                     top.score if top else 0.0, reasons, cite(again, "new") if again else None,
                                     verbatim, ops, candidates=tuple(cite(bullets[j], "new") for j in candidates)))
    unplanned = [Unplanned(m.id, cite(r, "new")) for j, (m, r) in enumerate(results) if j not in answered]
    return entries, unplanned


def follow_through(old: Sequence[Measure], new: Sequence[Measure], related: Iterable[tuple[int, int]],
                   key: Callable[[str], str] = normalize) -> tuple[list[FollowThrough], list[Unplanned]]:
    """The whole ledger: every old plan bullet once, in old order; RELATED are (old, new) indices of
    aligned measures and split/merge parts; KEY maps a program name to its lineage."""
    partners: dict[int, list[int]] = {}
    for i, j in sorted(related):
        partners.setdefault(i, []).append(j)
    entries: list[FollowThrough] = []
    unplanned: dict[tuple[str, int], Unplanned] = {}
    answered: set[tuple[str, int]] = set()
    rarity = Rarity(r.text for m in new for r in m.results)
    for i, m in enumerate(old):
        news = [new[j] for j in partners.get(i, [])]
        if not news:
            entries += [_stated(m, p, None) if stated_end(p.text) else FollowThrough(
                m.id, None, cite(p, "old"), "dropped", (), 0.0, (why("measure-gone"),), None, False) for p in m.plans]
            continue
        mine, rest = measure_ledger(m, news, key, rarity)
        entries += mine
        answered |= {(n.id, r.line) for e in mine for n in news for r in e.results
                     if any(x.line == r.line for x in n.results)}
        for u in rest:
            unplanned.setdefault((u.new_measure, u.result.line), u)
    # Rows new to the report (added) have no plan behind them: their results answer none.
    paired_new = {j for _, j in related}
    for j, m in enumerate(new):
        if j not in paired_new:
            for r in m.results:
                if _is_result(r):
                    unplanned.setdefault((m.id, r.line), Unplanned(m.id, cite(r, "new")))
    # A result answered through one partner is not unplanned for another (a merged row's results).
    return entries, [u for k, u in sorted(unplanned.items(), key=lambda x: x[1].result.line) if k not in answered]
