"""Scaled reports for benchmarks: the seed's rows recombined into an OLD and a NEW report of any
size, NEW with known edits of every kind."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model.edition import Budget
from ..model.normalize import display_width
from ..readers.budgets import find_budgets
from ..readers.load import SYNTHETIC_MARKER
from ..readers.programs import find_programs
from ..readers.vocabulary import HEADER_RE
from .generate import changed_lines, kind_plan
from .layout import Row, random_widths, render_row, wrap
from .records import EDIT_KINDS, GroundTruth, SyntheticEdit, summarize
from .state import State, clean_row, parse_lines, strip_marker
from .structural_edits import split_row, splittable
from .wording import (
    ADD_ACTIONS,
    ADD_REASONS,
    ADD_TAGS,
    ADD_TITLE_ENDS,
    ADD_TOPICS,
    AMOUNT_RE,
    FULL_DIGITS,
    MINISTRY_CODES,
    REWORDS,
    WIDTH_MAPS,
    free_span,
    moved_lead,
    new_amount,
    protected_spans,
    set_digit,
)

SCALED_TOUCHED = 0.05  # share of measures a scaled NEW edition edits
RENAME_REGIONS = ("北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州", "沖縄")
RENAME_FIELDS = ("地域実証", "臨床評価", "人材交流", "海外連携", "データ基盤")
RENAME_USES = ("地域の医療機関との共同実証", "臨床現場での評価試験", "企業と医療機関の人材交流", "海外の支援機関との連携事業")


@dataclass(frozen=True)
class _ScaledRow:
    key: str
    row: Row
    widths: tuple[float, float, float]
    width_map: str = ""  # a WIDTH_MAPS name applied to the printed lines

    def lines(self) -> list[str]:
        out = render_row(self.row, *self.widths)
        if self.width_map:
            table = dict(WIDTH_MAPS)[self.width_map]
            out = [x.translate(table) for x in out]
        return out


@dataclass
class _Pool:
    """What the scaled report is built from: the seed's clean rows, cut into parts."""

    titles: list[str]
    descriptions: list[tuple[str, str]]  # (description, tag)
    results: list[str]
    plans: list[str]
    goals: list[str]  # goal titles without 【】
    visions: list[str]  # vision titles without the （１）
    header: str
    years: tuple[int, int]


def _pool(text: str) -> _Pool:
    lines = strip_marker(text)
    ed = parse_lines(lines)
    st = State(lines, [m.id for m in ed.measures], ed)
    rows = [r for i in range(len(ed.measures)) if (r := clean_row(st, i))]
    header = next(x.strip() for x in lines if "該当箇所" in x and HEADER_RE.search(x))
    return _Pool(
        titles=sorted({r.title for r in rows if r.title and display_width(r.title) <= 40}),
        descriptions=sorted({(r.description, r.tag) for r in rows}),
        results=sorted({b for r in rows for b in r.results if b.startswith("・")}),
        plans=sorted({b for r in rows for b in r.plans if b.startswith("・")}),
        goals=[g.title.strip("【】") for g in ed.goals if not g.reposted],
        visions=[re.sub(r"^[（(][0-9０-９]+[）)]", "", v.title) for v in ed.visions],
        header=header,
        years=(ed.results_fy, ed.plans_fy),
    )


def _full(n: int) -> str:
    return str(n).translate(FULL_DIGITS)


def _scaled_goals(pool: _Pool, n: int, rng: random.Random) -> list[tuple[str, list[_ScaledRow]]]:
    goals: list[tuple[str, list[_ScaledRow]]] = []
    made = 0
    while made < n:
        rows = []
        for _ in range(min(rng.randint(4, 6), n - made)):
            made += 1
            desc, tag = rng.choice(pool.descriptions)
            row = Row(f"{rng.choice(pool.titles)}（{made}）", desc, tag,
                      tuple(rng.sample(pool.results, rng.randint(1, 4))), tuple(rng.sample(pool.plans, rng.randint(1, 3))))
            rows.append(_ScaledRow(f"m{made:03d}", row, random_widths(rng)))
        goals.append((f"【{pool.goals[len(goals) % len(pool.goals)]}（{_full(len(goals) + 1)}）】", rows))
    return goals


def _render_scaled(pool: _Pool, goals: list[tuple[str, list[_ScaledRow]]], summary: str) -> str:
    """Visions of up to 20 goals (at most 99: （１）…（９９）), a page header every 8 rows."""
    per_vision = max(20, math.ceil(len(goals) / 99))
    lines = [f"{SYNTHETIC_MARKER} {summary}", pool.header, ""]
    since_header = 0
    for g, (title, rows) in enumerate(goals):
        if g % per_vision == 0:
            v = g // per_vision
            lines += [f"（{_full(v + 1)}）{pool.visions[v % len(pool.visions)]}", ""]
        lines += [title, ""]
        for r in rows:
            lines += r.lines()
            since_header += 1
            lines += ["", pool.header, ""] if since_header % 8 == 0 else [""]
    return "\n".join(lines)


@dataclass
class _ScaledEditor:
    pool: _Pool
    goals: list[tuple[str, list[_ScaledRow]]]  # the NEW edition, edited in place
    rng: random.Random
    touched: set[str] = field(default_factory=set)
    edits: list[SyntheticEdit] = field(default_factory=list)
    added: int = 0
    old_rows: dict[str, _ScaledRow] = field(default_factory=dict)  # rows that read otherwise in OLD (rename)

    def pick(self, ok: Callable[[_ScaledRow], bool] = lambda r: True) -> tuple[int, int, _ScaledRow] | None:
        for _ in range(40):
            g = self.rng.randrange(len(self.goals))
            rows = self.goals[g][1]
            if rows:
                k = self.rng.randrange(len(rows))
                r = rows[k]
                if r.key not in self.touched and not r.key.startswith("+") and ok(r):
                    return g, k, r
        return None

    def put(self, g: int, k: int, r: _ScaledRow, edit: SyntheticEdit) -> None:
        self.goals[g][1][k] = r
        self.touched.add(r.key)
        self.edits.append(edit)

    def reword(self) -> None:
        def options(r: _ScaledRow) -> list[tuple[str, int, int, str, str]]:
            out = []
            for name, index, text in [("description", 0, r.row.description)] + \
                    [("results", n, b) for n, b in enumerate(r.row.results)]:
                spans = protected_spans(text)
                out += [(name, index, mo.start(), old, new) for old, new in REWORDS
                        for mo in re.finditer(re.escape(old), text) if free_span(spans, mo.start(), mo.end())]
            return out

        got = self.pick(lambda r: bool(options(r)))
        if got:
            g, k, r = got
            name, index, at, old, new = self.rng.choice(options(r))
            if name == "description":
                row = r.row._replace(description=r.row.description[:at] + new + r.row.description[at + len(old):])
            else:
                b = r.row.results[index]
                row = r.row._replace(results=r.row.results[:index] + (b[:at] + new + b[at + len(old):],)
                                     + r.row.results[index + 1:])
            label = name if name == "description" else f"results {index + 1}"
            self.put(g, k, replace(r, row=row), SyntheticEdit("reword", (r.key,), f"{label}: {old}→{new}"))

    def _amounts(self, r: _ScaledRow) -> list[tuple[str, int, int, re.Match[str], tuple[str, int]]]:
        out = []
        for column, fy in (("results", self.pool.years[0]), ("plans", self.pool.years[1])):
            for n, text in enumerate(getattr(r.row, column)):
                budgets, _ = find_budgets(text, fy, lambda _: (0, 0))
                for b in budgets:
                    mo = list(AMOUNT_RE.finditer(b.text))
                    if b.yen is not None and b.program and b.fiscal_year is not None and mo and b.text in text:
                        out.append((column, n, text.index(b.text), mo[-1], (b.program, b.fiscal_year)))
        return out

    def _set_amount(self, kind: str, digits_of: Callable[[str], str]) -> bool:
        got = self.pick(lambda r: bool(self._amounts(r)))
        if not got:
            return False
        g, k, r = got
        column, n, at, mo, budget = self.rng.choice(self._amounts(r))
        old = mo.group("digits")
        digits = digits_of(old)
        text = getattr(r.row, column)[n]
        start = at + mo.start("digits")
        new_text = text[:start] + digits + text[start + len(old):]
        items = list(getattr(r.row, column))
        items[n] = new_text
        detail = f"{column} {n + 1}: {old}→{digits} ({budget[0]}, FY{budget[1]})"
        row = r.row._replace(results=tuple(items)) if column == "results" else r.row._replace(plans=tuple(items))
        self.put(g, k, replace(r, row=row),
                 SyntheticEdit(kind, (r.key,), detail, budgets=(budget,)))
        return True

    def budget(self) -> None:
        self._set_amount("budget", lambda old: new_amount(self.rng, old))

    def one_char(self) -> None:
        if self.rng.random() < 0.5 and self._set_amount(
                "one_char", lambda old: set_digit(self.rng, old, len(old.split(".")[0].split("．")[0]) - 1)):
            return
        got = self.pick(lambda r: "◎" in r.row.tag and any(not c.startswith("◎") for c in r.row.tag.strip("［］").split("、")))
        if got:
            g, k, r = got
            codes = moved_lead(self.rng, r.row.tag.strip("［］").split("、"))
            self.retag(g, k, r, "［" + "、".join(codes) + "］", "one_char")

    def retag(self, g: int, k: int, r: _ScaledRow, tag: str, kind: str) -> None:
        self.put(g, k, replace(r, row=r.row._replace(tag=tag)), SyntheticEdit(kind, (r.key,), f"tag {r.row.tag}→{tag}"))

    def ministry(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            codes = r.row.tag.strip("［］").split("、")
            extra = [c for c in MINISTRY_CODES if c not in [x.lstrip("◎") for x in codes]]
            codes.insert(self.rng.randrange(len(codes) + 1), self.rng.choice(extra))
            self.retag(g, k, r, "［" + "、".join(codes) + "］", "ministry")

    def rename(self) -> None:
        n = sum(e.kind == "rename" for e in self.edits)
        name = f"{RENAME_REGIONS[n % 9]}{RENAME_FIELDS[n // 9 % 5]}推進事業" + (f"（第{n // 45 + 1}期）" if n >= 45 else "")
        new = name.replace("推進", "加速")
        hits = [got for _ in range(self.rng.randint(1, 3)) if (got := self.pick())]
        keys = []
        for g, k, r in hits:
            if r.key in keys:
                continue
            bullet = f"・「{name}」を通じて、{self.rng.choice(RENAME_USES)}を実施した。"
            old_row = r.row._replace(results=r.row.results + (bullet,))
            self.old_rows[r.key] = replace(r, row=old_row)
            new_row = r.row._replace(results=r.row.results + (bullet.replace(name, new),))
            self.goals[g][1][k] = replace(r, row=new_row)
            self.touched.add(r.key)
            keys.append(r.key)
        if keys:
            self.edits.append(SyntheticEdit("rename", tuple(keys), f"{name} → {new}", rename=(name, new)))

    def add(self) -> None:
        self.added += 1
        topic = self.rng.choice(ADD_TOPICS)
        title = f"{topic}{self.rng.choice(ADD_TITLE_ENDS)}（追加{self.added}）"
        row = Row(title, f"{topic}については、{self.rng.choice(ADD_REASONS)}。このため、{self.rng.choice(ADD_ACTIONS)}。",
                  self.rng.choice(ADD_TAGS),
                  (f"・{topic}について、医療機関や関係団体への聞き取りを{_full(self.rng.randint(2, 12))}件実施し、"
                   "現場で生じている課題と対応の状況を整理した。",),
                  (f"・関係団体と連携し、{topic}に関する周知を進める。",))
        g = self.rng.randrange(len(self.goals))
        rows = self.goals[g][1]
        rows.insert(self.rng.randint(0, len(rows)), _ScaledRow(f"+{self.added}", row, random_widths(self.rng)))
        self.edits.append(SyntheticEdit("add", (), f"new row in goal {g + 1}", title=title))

    def remove(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            del self.goals[g][1][k]
            self.touched.add(r.key)
            self.edits.append(SyntheticEdit("remove", (r.key,), f"row deleted from goal {g + 1}"))

    def move(self) -> None:
        got = self.pick()
        if got and len(self.goals) > 1:
            g, k, r = got
            del self.goals[g][1][k]
            target = self.rng.choice([x for x in range(len(self.goals)) if x != g])
            rows = self.goals[target][1]
            rows.insert(self.rng.randint(0, len(rows)), r)
            self.touched.add(r.key)
            self.edits.append(SyntheticEdit("move", (r.key,), f"moved to goal {target + 1}"))

    def split(self) -> None:
        got = self.pick(lambda r: splittable(r.row))
        if got:
            g, k, r = got
            first, second = split_row(r.row)
            self.goals[g][1][k : k + 1] = [replace(r, row=first), replace(r, key=r.key + "/2", row=second)]
            self.touched.add(r.key)
            detail = f"into 2 rows: {len(first.results)}+{len(second.results)} results"
            self.edits.append(SyntheticEdit("split", (r.key,), detail, title=second.title))

    def merge(self) -> None:
        got = self.pick()
        if got:
            g, k, a = got
            rows = self.goals[g][1]
            if k + 1 < len(rows) and rows[k + 1].key not in self.touched and rows[k + 1].key.startswith("m"):
                b = rows[k + 1]
                row = Row(a.row.title, a.row.description + b.row.description, a.row.tag,
                          a.row.results + b.row.results, a.row.plans + b.row.plans)
                rows[k : k + 2] = [replace(a, row=row)]
                self.touched.update((a.key, b.key))
                self.edits.append(SyntheticEdit("merge", (a.key, b.key), f"{a.key} and {b.key} into one row"))

    def reflow(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            widths = r.widths
            while widths == r.widths:
                widths = random_widths(self.rng)
            self.put(g, k, replace(r, widths=widths),
                     SyntheticEdit("reflow", (r.key,), "re-wrapped at {:.0f}/{:.0f}/{:.0f} cells".format(*widths)))

    def width(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            names = [n for n, table in WIDTH_MAPS if "digits" not in n or not any(
                re.search(r"[0-9０-９]", p) for b in r.row.results + r.row.plans for _, p in find_programs(b))]
            for name in self.rng.sample(names, len(names)):
                changed = replace(r, width_map=name)
                plans = [x.translate(dict(WIDTH_MAPS)[name]) for b in r.row.plans for x in wrap(b, r.widths[2])]
                if changed.lines() != r.lines() and all(display_width(x) <= 44 for x in plans):
                    self.put(g, k, changed, SyntheticEdit("width", (r.key,), name))
                    return


@lru_cache(maxsize=65536)
def _bullet_budgets(text: str, fy: int) -> tuple[Budget, ...]:
    return tuple(find_budgets(text, fy, lambda _: (0, 0))[0])


def _row_budgets(r: _ScaledRow, years: tuple[int, int]) -> list[Budget]:
    return [b for column, fy in zip((r.row.results, r.row.plans), years, strict=True) for x in column
            for b in _bullet_budgets(x, fy)]


def _attribute_rechanged_lines(edits: list[SyntheticEdit], old: list[tuple[str, list[_ScaledRow]]],
                               new: list[tuple[str, list[_ScaledRow]]], years: tuple[int, int]) -> None:
    """Give each removal the budget lines that were cited only in the row it removed."""
    changed = changed_lines((b for _, rows in old for r in rows for b in _row_budgets(r, years)),
                            (b for _, rows in new for r in rows for b in _row_budgets(r, years)))
    rows = {r.key: r for _, group in old for r in group}
    for n, e in enumerate(edits):
        if e.kind == "remove":
            mine = {(b.program, b.fiscal_year) for b in _row_budgets(rows[e.measures[0]], years) if b.program}
            edits[n] = replace(e, budgets=tuple(sorted(mine & changed, key=str)))


def make_scaled(text: str, n_measures: int, seed: int) -> tuple[str, str, GroundTruth]:
    """An OLD and a NEW synthetic report of n_measures rows built from the real rows of TEXT, a real
    report (about 5 per goal, titles numbered to stay unique), NEW with edits of every kind on ~5% of
    the rows. The caller gives the text: examples/ is not in the wheel."""
    if n_measures < 1:
        raise ValueError("a scaled report needs at least one measure")
    rng = random.Random(seed)
    pool = _pool(text)
    base = _scaled_goals(pool, n_measures, rng)
    new_goals = [(title, list(rows)) for title, rows in base]
    editor = _ScaledEditor(pool, new_goals, rng)
    for kind in kind_plan(rng, EDIT_KINDS, max(len(EDIT_KINDS), round(n_measures * SCALED_TOUCHED))):
        getattr(editor, kind)()
    old_goals = [(title, [editor.old_rows.get(r.key, r) for r in rows]) for title, rows in base]
    _attribute_rechanged_lines(editor.edits, old_goals, new_goals, pool.years)
    new_count = sum(len(rows) for _, rows in new_goals)
    summary = summarize(seed, editor.edits, f"scaled from the real report, {n_measures} rows, ")
    truth = GroundTruth(seed, summary, tuple(editor.edits), n_measures, new_count)
    base_note = f"scaled from the real report, {n_measures} rows, seed {seed}; base edition for tests and demos only"
    return _render_scaled(pool, old_goals, base_note), _render_scaled(pool, new_goals, summary), truth
