"""Seeded chains of N SYNTHETIC editions, one a year, for scale and property tests of the timeline.

Each edition is the year after the one before: its results report on last year's plans (most done,
some partly, some dropped without a word), its plans promise new work and some of the old again, and
its programs carry on with moving budgets (request → enacted → next request), are renamed without a
word, succeeded (「…の後継事業となる…」, stated in the plans a year ahead), ended as announced
(「…で事業終了予定（後継事業の予定無し）」) or started; now and then a row is added, removed or its
Basic Plan text reworded. The rows' titles, descriptions, goals and layout come from a real report
(make_scaled's pool); every results and plans bullet is written here, from its own vocabulary, so
that what each year reports is known exactly. ChainTruth records it. Every text starts with the
synthetic marker: none of it is a real report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from .layout import Row
from .scaled import _full, _pool, _render_scaled, _scaled_goals, _ScaledRow
from .wording import ADD_TAGS, ADD_TOPICS, REWORDS

TOPICS = ADD_TOPICS + (
    "医療機器の安全性情報の収集", "医療機器の国際標準化", "医療機器の臨床評価手法", "医療機器の人材育成",
    "医療機器のサイバーセキュリティ", "医療機器の供給体制", "医療機器のデータ利活用", "医療機器の海外展開",
    "医療機器の研究開発支援", "医療機器の承認審査の迅速化", "医療機器の適正使用", "医療機器の保守点検体制",
)
LEADS = ("関係団体と連携し、", "医療機関の協力を得て、", "有識者の意見を踏まえ、", "自治体と連携し、", "業界団体を通じて、", "")
# (plan, result when done, result when partly done): the plan's future and its report a year later.
WORK = (
    ("の実態調査を実施する。", "の実態調査を実施し、{n}件の回答を得た。", "の実態調査に向けて調査票の検討を進めた。"),
    ("に関する手引きを作成し、周知を図る。", "に関する手引きを作成し、周知を図った。", "に関する手引きの作成に向けて検討を進めた。"),
    ("に関する説明会を開催する。", "に関する説明会を{n}回開催した。", "に関する説明会の開催に向けて準備を進めた。"),
    ("について検討会を設置し、論点を整理する。", "について検討会を設置し、論点を整理した。", "について検討会の設置に向けて調整を進めた。"),
    ("の先行事例を収集し、横展開に取り組む。", "の先行事例を{n}件収集し、横展開に取り組んだ。", "の先行事例の収集に着手した。"),
    ("に関する研修プログラムを開発する。", "に関する研修プログラムを開発し、{n}名が受講した。", "に関する研修プログラムの開発に向けて検討を進めた。"),
    ("に関する相談窓口を設け、相談に対応する。", "に関する相談窓口を設け、{n}件の相談に対応した。", "に関する相談窓口の設置に向けて準備を進めた。"),
    ("に関する指針を改訂する。", "に関する指針を改訂し、公表した。", "に関する指針の改訂に向けて検討を進めた。"),
)
ACTIVITIES = ("研究開発を支援", "実証を支援", "人材の育成を支援", "海外展開を支援", "基盤の整備を推進", "連携体制の構築を推進")
NAME_HEADS = ("医療機器", "ヘルスケア", "次世代医療", "地域医療", "国際医療", "デジタル医療", "先端医療", "在宅医療")
NAME_FIELDS = ("研究開発", "人材育成", "実証", "海外展開", "安全対策", "データ活用", "開発基盤", "実用化")
NAME_TAILS = ("推進", "支援", "促進", "強化")
RENAMED_TAIL = {"推進": "加速", "支援": "助成", "促進": "加速", "強化": "拡充", "加速": "推進", "助成": "支援", "拡充": "強化"}
EVENT_SHARES = {"rename": 0.06, "succeed": 0.06, "end": 0.04, "start": 0.35}  # per program (start: per step)
OUTCOMES = (("done", 0.75), ("partial", 0.1), ("dropped", 0.15))
PROMISE_AGAIN = {"done": 0.2, "partial": 0.6, "dropped": 0.35}  # a plan made again the next year


def era(fy: int) -> int:
    return fy - 2018


@dataclass
class _Plan:
    topic: str
    work: int
    lead: str
    outcome: str = ""  # what next year's results will say of it

    def text(self) -> str:
        return f"・{self.lead}{self.topic}{WORK[self.work][0]}"

    def result(self, rng: random.Random) -> str:
        done = WORK[self.work][1 if self.outcome == "done" else 2]
        return f"・{self.lead}{self.topic}{done.format(n=_full(rng.randint(2, 40)))}"


@dataclass
class _Program:
    name: str
    homes: list[str]
    part_of: bool
    activity: str
    enacted: int  # tenths of 億円
    request: int = 0
    fate: str = ""  # what this edition's plans announce: rename, succeed:<new name>, end
    ended_in: int | None = None  # the fiscal year it ended (announced the year before)
    born: int = -1  # the edition whose plans first announce it (-1: it was there before the chain)


@dataclass(frozen=True)
class ChainTruth:
    """What the chain's editions say, edition by edition and step by step (step k: edition k → k+1)."""

    seed: int
    years: tuple[int, ...]  # results year of each edition
    renames: tuple[tuple[int, str, str], ...]  # (step, old, new): no statement
    successions: tuple[tuple[int, str, str], ...]  # (step, old, new): stated in edition k's plans
    ended: tuple[tuple[int, str], ...]  # (step, program): announced in edition k, confirmed in k+1
    started: tuple[tuple[int, str], ...]  # (edition, program): first named
    budgets: tuple[tuple[int, str, int, str, int, bool], ...]  # (edition, program, fiscal year, kind, yen, 内数)
    outcomes: tuple[tuple[int, str, str], ...]  # (step, row key, outcome) for each plan
    added: tuple[tuple[int, str], ...] = ()  # (edition, row key) rows new in that edition
    removed: tuple[tuple[int, str], ...] = ()  # (step, row key) rows gone after edition k


@dataclass(frozen=True)
class Chain:
    texts: tuple[str, ...]
    truth: ChainTruth


@dataclass
class _State:
    rng: random.Random
    rows: dict[str, _ScaledRow]
    plans: dict[str, list[_Plan]] = field(default_factory=dict)
    programs: list[_Program] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)
    truth: dict[str, list] = field(default_factory=lambda: {k: [] for k in (
        "renames", "successions", "ended", "started", "budgets", "outcomes", "added", "removed")})

    def new_name(self) -> str:
        for _ in range(200):
            name = (f"{self.rng.choice(NAME_HEADS)}{self.rng.choice(NAME_FIELDS)}{self.rng.choice(NAME_TAILS)}事業")
            if name not in self.used_names and _renamed(name) not in self.used_names:
                self.used_names.add(name)
                return name
        n = len(self.used_names)
        name = f"医療機器第{_full(n)}期推進事業"
        self.used_names.add(name)
        return name

    def new_plan(self, taken: set[str]) -> _Plan:
        while True:
            p = _Plan(self.rng.choice(TOPICS), self.rng.randrange(len(WORK)), self.rng.choice(LEADS))
            if p.topic not in taken:
                return p


def _renamed(name: str) -> str:
    for tail, other in RENAMED_TAIL.items():
        if name.endswith(tail + "事業"):
            return name[: -len(tail) - 2] + other + "事業"
    return name + "（拡充）"


def _oku(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}億円"


def _budget_text(p: _Program, fy: int, kind: str, tenths: int) -> str:
    word = "予算" if kind == "initial" else "予算案"
    return f"令和{era(fy)}年度{word}：{_oku(tenths)}{'の内数' if p.part_of else ''}"


def make_chain(text: str, n_editions: int, n_measures: int = 60, seed: int = 1, first_year: int = 2024) -> Chain:
    """N_EDITIONS synthetic editions of N_MEASURES rows (results years FIRST_YEAR, FIRST_YEAR + 1, …)
    drawn from TEXT, a real report, and what they say (ChainTruth)."""
    if n_editions < 1 or n_measures < 2:
        raise ValueError("a chain needs at least one edition of two rows")
    rng = random.Random(seed)
    pool = _pool(text)
    goals = _scaled_goals(pool, n_measures, rng)
    st = _State(rng, {r.key: r for _, rows in goals for r in rows})
    for key in st.rows:
        st.plans[key] = [st.new_plan(set()) for _ in range(rng.randint(1, 2))]
    for key in rng.sample(sorted(st.rows), max(1, n_measures // 3)):
        st.programs.append(_new_program(st, key, first_year))
        st.truth["started"].append((0, st.programs[-1].name))
    texts = []
    for k in range(n_editions):
        fy = first_year + k
        if k:
            _next_year(st, goals, k, fy)
            present = {r.key for _, rows in goals for r in rows}
            _outcomes(st, k - 1, present)
            st.plans = {key: plans for key, plans in st.plans.items() if key in present}
        _fates(st, k)
        texts.append(_edition(st, pool, goals, k, fy, seed))
    t = st.truth
    truth = ChainTruth(seed, tuple(first_year + k for k in range(n_editions)), *(tuple(t[x]) for x in (
        "renames", "successions", "ended", "started", "budgets", "outcomes", "added", "removed")))
    return Chain(tuple(texts), truth)


def _new_program(st: _State, home: str, fy: int) -> _Program:
    enacted = st.rng.randint(5, 400)
    return _Program(st.new_name(), [home], st.rng.random() < 0.25, st.rng.choice(ACTIVITIES), enacted,
                    max(1, round(enacted * st.rng.uniform(0.95, 1.2))))


def _fates(st: _State, k: int) -> None:
    """What edition K's plans announce of each program's next year, and the amount it requests."""
    for p in st.programs:
        if p.ended_in is not None:
            continue
        p.request = max(1, round(p.enacted * st.rng.uniform(0.9, 1.2)))
        if p.born == k:  # announced as new in this edition's plans: nothing else happens to it yet
            p.fate = "new"
            continue
        draw, p.fate = st.rng.random(), ""
        for fate, share in EVENT_SHARES.items():
            if fate != "start" and draw < share:
                p.fate = fate if fate != "succeed" else f"succeed:{st.new_name()}"
                break
            draw -= share


def _outcomes(st: _State, step: int, present: set[str]) -> None:
    """What edition STEP + 1 reports of edition STEP's plans; a removed row's plans are dropped."""
    for key, plans in st.plans.items():
        for plan in plans:
            draw, plan.outcome = st.rng.random(), "dropped"
            for outcome, share in OUTCOMES:
                if draw < share and key in present:
                    plan.outcome = outcome
                    break
                draw -= share
            st.truth["outcomes"].append((step, key, plan.outcome))


def _next_year(st: _State, goals: list, k: int, fy: int) -> None:
    """Programs take their announced fates, rows come and go, and last year's plans become this year's
    (the results themselves are written by _edition from the plans' outcomes)."""
    for p in list(st.programs):
        if p.ended_in is not None:
            continue
        p.enacted = max(1, round(p.request * st.rng.uniform(0.85, 1.05)))
        if p.fate == "end":
            p.ended_in = fy - 1
            st.truth["ended"].append((k - 1, p.name))
        elif p.fate == "rename":
            new = _renamed(p.name)
            st.used_names.add(new)
            st.truth["renames"].append((k - 1, p.name, new))
            p.name = new
        elif p.fate.startswith("succeed:"):
            new = p.fate.split(":", 1)[1]
            st.truth["successions"].append((k - 1, p.name, new))
            p.name = new
    live = [r for _, rows in goals for r in rows]
    if st.rng.random() < EVENT_SHARES["start"]:
        home = st.rng.choice(live).key
        st.programs.append(_new_program(st, home, fy))
        st.programs[-1].born = k
    if st.rng.random() < 0.25:  # a row added
        g = st.rng.randrange(len(goals))
        key = f"c{k}-{len(goals[g][1])}"
        topic = st.rng.choice(TOPICS)
        row = Row(f"{topic}の推進（追加{_full(k)}）", f"{topic}については、取組の水準に差がある。このため、関係団体と連携して方策の検討に取り組む。",
                  st.rng.choice(ADD_TAGS), (), ())
        goals[g][1].insert(st.rng.randint(0, len(goals[g][1])), _ScaledRow(key, row, goals[g][1][0].widths if goals[g][1] else (56, 56, 38)))
        st.plans[key] = [st.new_plan(set())]
        st.truth["added"].append((k, key))
    homes = {h for p in st.programs if p.ended_in is None for h in p.homes}
    if st.rng.random() < 0.2:  # a row without a program removed
        free = [(g, i) for g, (_, rows) in enumerate(goals) for i, r in enumerate(rows) if r.key not in homes and len(rows) > 1]
        if free:
            g, i = st.rng.choice(free)
            st.truth["removed"].append((k - 1, goals[g][1][i].key))
            del goals[g][1][i]
    if st.rng.random() < 0.3:  # a Basic Plan description reworded
        r = st.rng.choice([r for _, rows in goals for r in rows])
        found = [(a, b) for a, b in REWORDS if a in r.row.description]
        if found:
            a, b = st.rng.choice(found)
            g, i = next((g, i) for g, (_, rows) in enumerate(goals) for i, x in enumerate(rows) if x.key == r.key)
            goals[g][1][i] = replace(r, row=r.row._replace(description=r.row.description.replace(a, b, 1)))


def _edition(st: _State, pool, goals: list, k: int, fy: int, seed: int) -> str:
    """Edition K (results FY, plans FY+1): last year's plans reported on, programs cited, new plans."""
    rng = st.rng
    results: dict[str, list[str]] = {key: [] for key in st.rows} | {r.key: [] for _, rows in goals for r in rows}
    plans: dict[str, list[str]] = {key: [] for key in results}
    for p in st.programs:
        if p.ended_in is not None:
            if p.ended_in == fy - 1:
                results[p.homes[0]].append(f"・「{p.name}」は令和{era(fy - 1)}年度に事業終了 後継事業の予定無し")
            continue
        for home in p.homes:
            if p.fate != "new":
                results[home].append(f"・「{p.name}」（{_budget_text(p, fy, 'initial', p.enacted)}）において、{p.activity}した。")
                st.truth["budgets"].append((k, p.name, fy, "initial", p.enacted * 10_000_000, p.part_of))
            if p.fate == "end":
                plans[home].append(f"・「{p.name}」は令和{era(fy)}年度で事業終了予定（後継事業の予定無し）")
                continue
            name = p.fate.split(":", 1)[1] if p.fate.startswith("succeed:") else p.name
            lead = (f"「{p.name}」の後継事業となる" if p.fate.startswith("succeed:") else
                    f"令和{era(fy + 1)}年度新規事業である" if p.fate == "new" else "")
            plans[home].append(f"・{lead}「{name}」（{_budget_text(p, fy + 1, 'request', p.request)}）において、"
                               f"引き続き{p.activity}する。")
            st.truth["budgets"].append((k, name, fy + 1, "request", p.request * 10_000_000, p.part_of))
        if p.fate == "new":
            st.truth["started"].append((k, p.name))
    for _, rows in goals:
        for r in rows:
            old = st.plans.get(r.key, [])
            if k:
                results[r.key] += [p.result(rng) for p in old if p.outcome != "dropped"]
            else:
                results[r.key] += [replace(p, outcome="done").result(rng) for p in old]
            again = [p for p in old if rng.random() < PROMISE_AGAIN.get(p.outcome, 0.3)] if k else list(old)
            taken = {p.topic for p in again}
            while len(again) < rng.randint(1, 2):
                again.append(st.new_plan(taken))
                taken.add(again[-1].topic)
            st.plans[r.key] = [_Plan(p.topic, p.work, p.lead) for p in again[:3]]
            plans[r.key] += [p.text() for p in st.plans[r.key]]
    edition_goals = [(title, [replace(r, row=r.row._replace(results=tuple(results[r.key]) or ("・該当なし",),
                                                            plans=tuple(plans[r.key])))
                              for r in rows]) for title, rows in goals]
    header = pool.header
    pool.header = f"該当箇所 列1 列2 列3 令和{_full(era(fy))}年度の実績・状況 令和{_full(era(fy + 1))}年度の取組予定"
    try:
        return _render_scaled(pool, edition_goals, f"edition {k + 1} of a chain, results FY{fy}, seed {seed}; "
                                                   "for tests and demos only")
    finally:
        pool.header = header
