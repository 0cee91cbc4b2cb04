"""The HTML change report: one self-contained file an auditor opens from disk, network off.

Markup is templates/report.html.j2 (Jinja2, autoescaping on), styles report.css, behaviour
report.js, every label templates/strings.toml. This module only turns the Diff into plain view
records, formats yen, and pins the inline style and script by sha256 in a Content-Security-Policy
(no 'unsafe-inline'). Source text is never marked safe as it comes: `visible` escapes it first and
then shows bidi and control characters (C0, C1) as ⟨U+202E⟩ (escaping.HIDDEN_RE), so they cannot reorder what a reader sees.
Deterministic: no clock, no random ids; the same Diff and options give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath
from typing import Any, Literal

from markupsafe import Markup, escape

from ..diffengine.diff import Diff
from ..diffengine.model import BulletChange, FieldChange, MeasureChange, Op
from ..diffengine.review import Mark, reviewable
from ..versions.readers.ministries import KNOWN_MINISTRIES
from .cite import box_title, budget_cites, measure_boxes, measure_cites, move, parser_warnings
from .escaping import HIDDEN_RE, reveal  # reveal: for attributes (then autoescaped)
from .html_cards import budget_cards, budget_class, filter_kinds, measure_cards
from .html_yearly import yearly_context
from .money import yen
from .options import ReportOptions, mark_of
from .template_cache import bytecode_cache

TEMPLATES = Path(__file__).parent / "templates"


@cache
def strings() -> dict[str, dict[str, str]]:
    with (TEMPLATES / "strings.toml").open("rb") as f:
        return tomllib.load(f)


def visible(text: str) -> Markup:
    """For element content: escaped, hidden characters shown as a marked ⟨U+XXXX⟩."""
    def mark(m: re.Match[str]) -> str:
        return f'<span class="ctl" title="{unicodedata.name(m.group(), "control")}">⟨U+{ord(m.group()):04X}⟩</span>'

    return Markup(HIDDEN_RE.sub(mark, str(escape(text))))


def csp_hash(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii") + "'"


# ---------------------------------------------------------------- numbers


def _exact(v: int | None, signed: bool, lang: str) -> str:
    """The integer behind a rounded amount, for a title attribute: 1,900,000,000円."""
    if v is None:
        return ""
    digits = f"{v:+,}" if signed else f"{v:,}"
    return f"{digits}円" if lang == "ja" else f"{digits[0]}¥{digits[1:]}" if signed else f"¥{digits}"


def pct(p: float | None, lang: str) -> str:
    if p is None:
        return "—"
    sign = "+" if p > 0 else ("▲" if lang == "ja" else "−") if p < 0 else "±"
    return f"{sign}{abs(p):.1f}%"


def fiscal_year(y: int | None, lang: str) -> str:
    if not y:
        return "—"
    if lang == "en":
        return f"FY{y}"
    return f"{era_label(y)}（{y}）"


def era_label(y: int) -> str:
    """2024 → 令和6年度, as the report prints it (FY2019 is 令和元年度)."""
    return (f"令和{y - 2018 if y > 2019 else '元'}" if y >= 2019 else f"平成{y - 1988}") + "年度"


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side table: a field, a column heading, or an aligned bullet pair."""

    kind: Literal["field", "section", "bullet"]
    label: str
    ops: tuple[Op, ...] = ()
    state: str = "same"  # same, changed, added, removed


@dataclass(frozen=True)
class Block:
    """One field of the inline redline; `items` are its bullets (results, plans) or one text."""

    field: str
    label: str
    items: tuple[tuple[tuple[Op, ...], str], ...]
    changed: bool


@dataclass(frozen=True)
class MeasureView:
    anchor: str
    m: MeasureChange
    kinds: tuple[str, ...]  # for badges and the kind filter; first is the main one
    change: bool  # a stop for j / k and the "only changes" filter
    ministries_text: str
    blocks: tuple[Block, ...]
    rows: tuple[Row, ...]
    budgets: tuple[int, ...]  # indexes into Diff.budgets of the lines this measure cites


def _state(ops: Iterable[Op]) -> str:
    kinds = {op for op, _ in ops}
    if kinds <= {"="}:
        return "same"
    return "added" if kinds == {"+"} else "removed" if kinds == {"-"} else "changed"


def _new_text(ops: Iterable[Op]) -> str:
    return "".join(t for op, t in ops if op != "-")


def _old_text(ops: Iterable[Op]) -> str:
    return "".join(t for op, t in ops if op != "+")


def _shown(ops: tuple[Op, ...], format_only: bool, show_format_only: bool) -> tuple[Op, ...]:
    """A formatting-only change, unless asked for, reads as the new text with no marks."""
    if format_only and not show_format_only and any(op != "=" for op, _ in ops):
        return (("=", _new_text(ops)),)
    return ops


def _bullets(f: FieldChange, show: bool) -> tuple[tuple[tuple[Op, ...], str], ...]:
    items = []
    for b in f.bullets:
        ops = _shown(b.ops, b.format_only, show)
        items.append((ops, _state(ops)))
    return tuple(items)


def _bullet_row(b: BulletChange, show: bool, within_edition: bool) -> Row:
    ops = _shown(b.ops, b.format_only, show)
    state = _state(ops)
    if within_edition and state in ("added", "removed"):
        ops = (("=", "".join(t for _, t in ops)),)  # a result with no matching plan is not "deleted"
    return Row("bullet", "", ops, state)


def _blocks_and_rows(m: MeasureChange, within_edition: bool, show: bool, t: dict[str, str]) -> tuple[tuple[Block, ...],
                                                                                         tuple[Row, ...]]:
    blocks: list[Block] = []
    rows: list[Row] = []
    for f in m.fields:
        label = t["field_rvp"] if within_edition and f.field == "plans" else t[f"field_{f.field}"]
        if f.field in ("results", "plans"):
            items = _bullets(f, show)
            changed = any(s != "same" for _, s in items)
            if items:
                blocks.append(Block(f.field, label, items, changed))
                if not within_edition:  # there the column headings say it
                    rows.append(Row("section", label))
                rows += [_bullet_row(b, show, within_edition) for b in f.bullets]
        elif f.ops:
            ops = _shown(f.ops, f.format_only, show)
            state = _state(ops)
            if within_edition and f.field == "ministries":
                continue  # the same tag on both sides; shown in the measure's header
            blocks.append(Block(f.field, label, ((ops, state),), state != "same"))
            if state != "same":
                rows += [Row("section", label), Row("field", label, ops, state)]
    return tuple(blocks), tuple(rows)


def _kinds(diff: Diff, m: MeasureChange, show: bool) -> tuple[str, ...]:
    main = diff.reads_as(m, show)
    kinds: list[str] = [main]
    if m.moved:
        kinds = ["moved"] if main == "unchanged" else [main, "moved"]
    return tuple(kinds)


def _anchor(m: MeasureChange, taken: set[str]) -> str:
    base = "m-" + "-".join(re.sub(r"[^A-Za-z0-9_.-]", "_", x) for x in dict.fromkeys((m.old_id or "x", m.new_id or "x")))
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


def _ministries_text(m: MeasureChange) -> str:
    for f in m.fields:
        if f.field == "ministries" and f.ops:
            return _new_text(f.ops) or _old_text(f.ops)
    return "、".join(m.ministries)


def measure_views(diff: Diff, show: bool, t: dict[str, str]) -> list[MeasureView]:
    by_measure: dict[tuple[str, str], list[int]] = {}
    for i, b in enumerate(diff.budgets):
        for side, s in (("old", b.old), ("new", b.new)):
            if s is not None:
                by_measure.setdefault((side, s.measure), []).append(i)
    taken: set[str] = set()
    views = []

    def paired(m: MeasureChange, kinds: tuple[str, ...]) -> bool:
        """A side-by-side table needs two sides, and something to compare (results and plans always are)."""
        return bool(m.old_id and m.new_id) and (diff.within_edition or kinds != ("unchanged",))

    for m in diff.measures:
        blocks, rows = _blocks_and_rows(m, diff.within_edition, show, t)
        kinds = _kinds(diff, m, show)
        cited = by_measure.get(("new", m.new_id or ""), []) + by_measure.get(("old", m.old_id or ""), [])
        views.append(MeasureView(_anchor(m, taken), m, kinds, kinds != ("unchanged",), _ministries_text(m),
                                 blocks, rows if paired(m, kinds) else (), tuple(sorted(set(cited)))))
    return views


def nav_tree(views: list[MeasureView]) -> list[tuple[int, list[tuple[str, list[MeasureView]]]]]:
    """Vision → goal → measures, in the order the measures come (first appearance)."""
    tree: dict[int, dict[str, list[MeasureView]]] = {}
    for v in views:
        tree.setdefault(v.m.vision, {}).setdefault(v.m.goal, []).append(v)
    return [(vision, list(goals.items())) for vision, goals in tree.items()]


# ---------------------------------------------------------------- budgets, summary


@dataclass(frozen=True)
class MarkBox:
    """The review mark box of one change: a sign-off applies to the record it is on, never to others
    shown beside it (a ledger sentence repeated in several rows has a box per row)."""

    id: str
    mark: Mark | None


def mark_box(opts: ReportOptions, markable: frozenset[str], ident: str) -> MarkBox | None:
    """A box only for what `policydiff review` lists (diffengine/review.reviewable): a mark on
    anything else could not be imported."""
    return MarkBox(ident, mark_of(opts, ident)) if ident in markable else None


def _markable(diff: Diff) -> frozenset[str]:
    """The ids `policydiff review OLD NEW` lists (none for a report of one edition: review compares
    two archived editions, so a mark made there could not be imported)."""
    return frozenset(r.id for r in reviewable(diff))


# The source text a parser warning quotes: 「ることが必要である。医師をは…」, kept in every language.
QUOTED_RE = re.compile(r"「[^「」]*」|'[^']*'")


def parser_warning_text(w: Any, t: dict[str, str]) -> str:
    """A parser warning in the report's language: the description of its code (strings.toml pw_*),
    the measure it names and the source text it quotes; the reader's own English message where the
    language has no description (English, or a code this report does not know)."""
    said = t.get("pw_" + w.code.replace("-", "_"))
    if not said:
        return w.message
    quoted = "".join(QUOTED_RE.findall(w.message))
    return f"{w.measure + ': ' if w.measure else ''}{said}{quoted}"


def _summary(diff: Diff, show: bool) -> dict[str, Any]:
    s = diff.summary(show)
    hidden = sum(1 for m in diff.measures if diff.reads_as(m) != m.status)
    return {"measures": s["measures"], "renames": s["renames"], "format_hidden": 0 if show else hidden}


# ---------------------------------------------------------------- rendering


@cache  # one per language and process: compiling the templates cost more than rendering a report
def _environment(lang: str):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    env.filters.update(
        vis=visible, reveal=reveal, yen=lambda v: yen(v, lang=lang), signed_yen=lambda v: yen(v, True, lang),
        pct=lambda p: pct(p, lang), fy=lambda y: fiscal_year(y, lang), budget_class=budget_class,
        fy_short=lambda y: (era_label(y) if lang == "ja" else f"FY{y}") if y else "—",
        exact=lambda v, signed=False: _exact(v, signed, lang),
        measure_cites=measure_cites, budget_cites=lambda b: budget_cites(b.old, b.new), move=move,
        measure_boxes=measure_boxes, cited_box=lambda c: box_title(c.page, c.line, c.bbox) if c else "",
        budget_boxes=lambda b: "; ".join(f"{k}: {box_title(s.page, s.line, s.bbox)}" for k, s in
                                         (("old", b.old), ("new", b.new)) if s and s.bbox),
    )
    return env


def _inline(name: str, closing: str) -> str:
    """Our own CSS or JS, inserted verbatim (its CSP hash must match the bytes in the page)."""
    content = (TEMPLATES / name).read_text(encoding="utf-8")
    if closing in content.lower():
        raise ValueError(f"{name} must not contain {closing}>: it would end the inline element early")
    return content


def render_html(diff: Diff, options: ReportOptions | None = None) -> str:
    opts = options or ReportOptions()
    t = strings()[opts.lang]
    # One inline script, one hash: the page's behaviour, then the review marks' editor (its own file).
    css = _inline("report.css", "</style") + print_banner_css(diff, t)
    js = _inline("report.js", "</script") + _inline("marks.js", "</script")
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    views = measure_views(diff, opts.show_format_only, t)
    anchors_new = {v.m.new_id: v.anchor for v in reversed(views) if v.m.new_id}
    anchors_old = {v.m.old_id: v.anchor for v in reversed(views) if v.m.old_id}
    cards, excluded = budget_cards(diff)
    markable = _markable(diff)

    def anchor_of(side: str, mid: str) -> str | None:
        return (anchors_new if side == "new" else anchors_old).get(mid) or anchors_new.get(mid) or anchors_old.get(mid)

    ministries = sorted({c for v in views for c in v.m.ministries})
    page = _environment(opts.lang).get_template("report.html.j2").render(
        diff=diff, o=opts, t=t, css=Markup(css), js=Markup(js), csp=csp,
        mark_box=lambda ident: mark_box(opts, markable, ident), markable=markable,
        marked=lambda ids: sum(1 for i in ids if mark_of(opts, i)), views=views, tree=nav_tree(views),
        summary=_summary(diff, opts.show_format_only), budget_cards=cards,
        measure_cards=measure_cards(views, diff, opts.show_format_only), partof_excluded=excluded,
        filter_kinds=filter_kinds,
        ministries=[(c, KNOWN_MINISTRIES.get(c, c)) for c in ministries], rvp=diff.within_edition,
        side_labels=_side_labels(diff, opts.lang, t), provenance=_provenance(diff, t),
        anchor_of=anchor_of, reveal=reveal, parser_warnings=parser_warnings(diff),
        parser_warning_text=lambda w: parser_warning_text(w, t),
        y=yearly_context(diff, opts.lang, anchor_of), relation_text=_relation_text(diff, t, opts.lang),
    )
    return page


def css_string(text: str) -> str:
    """TEXT as a CSS string literal: letters, digits and a little punctuation as they are, anything
    else (quotes, backslashes, <, controls) as a 6-digit escape, so no text can end the string or the
    <style> element."""
    keep = " .,:;()/-_+#"
    return '"' + "".join(c if (c.isascii() and (c.isalnum() or c in keep)) or (not c.isascii() and c.isprintable())
                         else f"\\{ord(c):06x}" for c in text) + '"'


def print_banner_css(diff: Diff, t: dict[str, str]) -> str:
    """A synthetic report's banner printed at the top of every page: a page margin box (Chromium,
    like the print CSS of report.css), whose text a stylesheet has to hold. Added to the inline style,
    so the CSP's hash covers it. Empty for a report of real editions."""
    sides = [diff.old] if diff.within_edition else [diff.old, diff.new]
    texts = [t["synthetic_banner"].format(label=reveal(s.label)) for s in sides if s.synthetic]
    if not texts:
        return ""
    return ("\n/* generated: the synthetic banner on every printed page */\n"
            "@media print {\n  @page { margin-top: 20mm;\n    @top-center { content: " + css_string(" / ".join(texts))
            + "; font: 600 8pt sans-serif; color: #4d2d00; vertical-align: bottom; padding-bottom: 2mm;"
            " border-bottom: 1.5pt solid #d4a72c; } }\n}\n")


def _relation_text(diff: Diff, t: dict[str, str], lang: str) -> str:
    """Every report says how its two sides relate (issue 11)."""
    if diff.within_edition:
        return t["y_relation_rvp"]
    if diff.relation == "next-year":
        return t["y_relation_next_year"].format(plans=fiscal_year(diff.old.plans_fy, lang),
                                                results=fiscal_year(diff.new.results_fy, lang))
    if diff.relation == "revision":
        return t["y_relation_revision"]
    return t["y_relation_other"].format(old=f"{diff.old.results_fy}/{diff.old.plans_fy}",
                                        new=f"{diff.new.results_fy}/{diff.new.plans_fy}")


def _side_labels(diff: Diff, lang: str, t: dict[str, str]) -> tuple[str, str]:
    if diff.within_edition:
        return (t["fy_results"].format(fy=fiscal_year(diff.old.results_fy, lang)),
                t["fy_plans"].format(fy=fiscal_year(diff.new.plans_fy, lang)))
    return (f"{t['side_old']}: {reveal(diff.old.label)}", f"{t['side_new']}: {reveal(diff.new.label)}")


PROVENANCE_ORDER = ("file", "source", "archive", "archive_name", "archive_commit")


def _provenance(diff: Diff, t: dict[str, str]) -> dict[str, list[tuple[str, str, bool]]]:
    """Per side: (label, value, monospace) in a fixed order, unknown keys after, sorted."""
    out = {}
    for side, ref in (("old", diff.old), ("new", diff.new)):
        # Where the archive or a file lives on this machine is the reader's business, not the report's:
        # a shared report names them by their last component only.
        facts = {k: (PurePath(v).name or v) if k in ("archive", "file") else v for k, v in ref.origin}
        keys = [k for k in PROVENANCE_ORDER if k in facts] + sorted(k for k in facts if k not in PROVENANCE_ORDER)
        out[side] = [(t.get(f"prov_{k}", k), facts[k], k == "archive_commit") for k in keys]
    return out

