"""How results hang together, and what a plan no result answers may still have: the follow-through
ledger's second look, after each plan took the results that score best against it.

- A list is one report: 「令和６年度保険医療材料制度改革において、」 opens it, the bullets 「・チャレンジ申請…」
  after it are its items. A plan answered by any part of it is answered by all of it, except a part
  that reports on another program (「・また、「医療機器開発推進研究事業」において…」).
- A result of the row that answers no plan, names no other program than the plan's, and uses one of the
  plan's distinctive terms (a term few results of the edition use: 「官民ミッション」, 「アフリカ健康構想」) reports
  on that plan: a plan in several parts is often answered in several bullets.
- A plan nothing answers is `dropped` only on positive evidence. When the row still reports on the
  plan's program, or a result of the row that answers no plan shares a term with it, the evidence is
  thin: it is `unclear`, with those results as candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..versions.model.edition import Bullet
from .ledger_text import Rarity, normalize, shared_terms

# A result that does not close its sentence opens a list whose items follow as bullets of their own:
# 「…を以下のように採択し支援した（…を含む）」 then 「①…」「・…において２件の課題を採択」 (NEW 463-487),
# 「具体的には、」 then 「・IMDRFについては…」.
OPENS_LIST_RE = re.compile(r"(?:、|具体的には|以下の[^。]*。?[^。]*|次の[^。]*。?[^。]*)$")
ITEM_RE = re.compile(r"^(?:・|[①-⑳]|[（(][0-9０-９]+[）)])")  # on the printed text: NFKC folds ① to 1
# 「・また、令和7年度は…」「・成果としては、…」: a sentence that goes on from the result before it
GOES_ON_RE = re.compile(r"^・?(?:また|さらに|加えて|なお|成果としては)[、，,]")


def _leads(results: Sequence[Bullet]) -> list[int]:
    """For each result, the result whose report it belongs to (itself if it stands alone)."""
    out: list[int] = []
    open_list: int | None = None
    for j, r in enumerate(results):
        if open_list is not None and ITEM_RE.match(r.text.lstrip()):
            out.append(open_list)
            continue
        if j and GOES_ON_RE.match(normalize(r.text)):
            out.append(out[-1])
            continue
        out.append(j)
        open_list = j if OPENS_LIST_RE.search(normalize(r.text).rstrip()) else None
    return out


def groups(results: Sequence[Bullet]) -> list[list[int]]:
    """The results as reports: each list or continued sentence one group, lead first."""
    lead = _leads(results)
    out: dict[int, list[int]] = {}
    for j, head in enumerate(lead):
        out.setdefault(head, []).append(j)
    return list(out.values())


def group_members(links: dict[int, set[int]], results: Sequence[Bullet], programs: dict[int, set[str]],
                  key: Callable[[str], str]) -> dict[int, list[int]]:
    """Plan → the results it is answered by besides LINKS (plan → linked results): the whole of a list
    or continued sentence whose lead it is answered by, or whose part it is answered by when no other
    plan is answered by any of it; never a continuation naming a program neither the plan (PROGRAMS:
    plan → its programs' keys) nor the lead names."""
    out: dict[int, list[int]] = {i: [] for i in links}
    by_result: dict[int, list[int]] = {}
    for i, js in links.items():
        for j in js:
            by_result.setdefault(j, []).append(i)
    for group in groups(results):
        if len(group) == 1:
            continue
        claiming = sorted({i for j in group for i in by_result.get(j, ())})
        for i in claiming:
            if group[0] not in links[i] and len(claiming) > 1:
                continue  # a part of a list several plans share: each keeps its own part
            known = programs[i] | {key(p) for p in results[group[0]].programs}
            out[i] += [j for j in group if j not in links[i] and not (
                GOES_ON_RE.match(normalize(results[j].text)) and {key(p) for p in results[j].programs} - known)]
    return out


def _other_program(plan: Bullet, result: Bullet, key: Callable[[str], str]) -> bool:
    """Whether RESULT reports on a program PLAN does not name (a plan naming none: any program)."""
    return bool({key(p) for p in result.programs} - {key(p) for p in plan.programs})


def attach_leftovers(plans: Sequence[Bullet], results: Sequence[Bullet], answered: set[int], rarity: Rarity,
                     key: Callable[[str], str], nearby: Callable[[int], range]) -> dict[int, int]:
    """Result → plan, for each result no plan took that reports on one: no other program, and a
    distinctive term of the plan; the plan sharing the most such terms, the first on a tie. NEARBY(i):
    the results plan i is compared with (all of them, or a window on a huge row: ledger._candidates)."""
    best: dict[int, tuple[int, int]] = {}
    for i, p in enumerate(plans):
        for j in nearby(i):
            if j in answered or _other_program(p, results[j], key):
                continue
            rare = sum(1 for t in shared_terms(p.text, results[j].text) if rarity.rare(t))
            if rare:
                best[j] = max(best.get(j, (0, 0)), (rare, -i))
    return {j: -i for j, (_, i) in best.items()}


def unclear_candidates(plan: Bullet, results: Sequence[Bullet], answered: set[int], key: Callable[[str], str],
                       nearby: range) -> tuple[list[int], bool]:
    """The results that might answer a plan nothing answers, and whether its program still runs:
    results of the row naming the plan's program, and results no plan took that name no other
    program and share a term with it (among NEARBY). None: positive evidence that nothing answers it."""
    mine = {key(p) for p in plan.programs}
    runs = [j for j in nearby if mine & {key(p) for p in results[j].programs}]
    near = [j for j in nearby if j not in answered and not _other_program(plan, results[j], key)
            and shared_terms(plan.text, results[j].text)]
    return sorted(set(runs) | set(near)), bool(runs)
