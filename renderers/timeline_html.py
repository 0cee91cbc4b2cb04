"""HTML pages over timelines: the timeline page (`timeline --format html`, and each document's page of
the site), a page per program and per measure lineage, and the site's index with its search box.

Every page is self-contained as the reports are: its own CSS and script inline, pinned by sha256 in
the same Content-Security-Policy (no external request, no inline style attribute), readable with
JavaScript off; source text escaped and its hidden characters shown (html.visible). Deterministic:
no clock, nothing random, so regenerating a page writes identical bytes. LINK(kind, *keys) gives the
relative address of another page (None: no such page, as in a standalone timeline).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from markupsafe import Markup

from ..diffengine.timeline_model import PARTS, MeasureLineage, ProgramLine, Timeline
from .html import TEMPLATES, csp_hash, visible
from .money import yen
from .site_strings import STRINGS
from .template_cache import bytecode_cache
from .timeline_chart import program_chart

Link = Callable[..., str | None]
MARKS = {"unchanged": "=", "changed": "~", "added": "+", "removed": "×", "split": "<", "merged": ">", "moved": "#"}


@cache
def _environment(lang: str):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, extensions=["jinja2.ext.do"],
                             bytecode_cache=bytecode_cache())
    env.filters.update(vis=visible, yen=lambda v: yen(v, lang=lang))
    return env


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def page(template: str, title: str, lang: str = "ja", version: str = "", script: bool = False,
         crumbs: Sequence[tuple[str, str | None]] = (), **context: Any) -> str:
    """One page: TEMPLATE in the site's shell, its CSS (and the search script) pinned in the CSP."""
    css, js = _asset("site.css"), _asset("site.js") if script else ""
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js) if js else chr(39) + 'none' + chr(39)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    return _environment(lang).get_template(template).render(
        lang=lang, s=STRINGS[lang], css=Markup(css), js=Markup(js), csp=csp, title=title, version=version,
        crumbs=list(crumbs), marks=MARKS, **context)


def _no_link(*_: object) -> None:
    return None


def stalled_first(t: Timeline) -> list:
    """Promises made again 2 or more years running, the longest first, then those never done."""
    return sorted((p for p in t.promises if p.years_running >= 2),
                  key=lambda p: (-p.years_running, "done" in p.outcomes, p.editions[0], p.key))


def _chart(lang: str) -> Callable[[Timeline, ProgramLine], Markup]:
    return lambda t, p: program_chart(p, t.editions, lang)


def timeline_page(timelines: Sequence[Timeline], parts: Iterable[str] = PARTS, version: str = "", lang: str = "ja",
                  link: Link = _no_link, crumbs: Sequence[tuple[str, str | None]] = (), standalone: bool = True) -> str:
    title = " · ".join(t.document for t in timelines) + " · " + STRINGS[lang]["timeline"]
    return page("site_document.html.j2", title, lang, version, crumbs=crumbs, timelines=list(timelines),
                parts=tuple(parts), link=link, standalone=standalone, chart=_chart(lang), running_of=stalled_first)


def render_timeline_html(timelines: Sequence[Timeline], parts: Iterable[str] = PARTS, version: str = "") -> str:
    """`policydiff timeline --format html`: one page, each program's chart and series in it."""
    return timeline_page(timelines, parts, version)


def program_page(t: Timeline, p: ProgramLine, link: Link, crumbs: Sequence[tuple[str, str | None]],
                 version: str = "", lang: str = "ja") -> str:
    titles = {(e.label, mid): title for m in t.measures for e, mid, title in zip(t.editions, m.ids, m.titles, strict=True)
              if mid}
    return page("site_program.html.j2", f"{p.name} · {t.document}", lang, version, crumbs=crumbs, t=t, p=p,
                link=link, chart=_chart(lang), title_at=lambda e, mid: titles.get((e, mid), ""))


def measure_page(t: Timeline, m: MeasureLineage, link: Link, crumbs: Sequence[tuple[str, str | None]],
                 version: str = "", lang: str = "ja") -> str:
    mine = {(e.label, mid) for e, mid in zip(t.editions, m.ids, strict=True) if mid}
    programs = [p for p in t.programs if mine & set(p.measures)]
    promises = [p for p in t.promises if mine & set(zip(p.editions, p.measures, strict=True))]
    dropped = [d for d in t.dropped if (d.old, d.measure) in mine]
    return page("site_measure.html.j2", f"{m.title} · {t.document}", lang, version, crumbs=crumbs, t=t, m=m,
                link=link, programs=programs, promises=promises, dropped=dropped)


def search_text(*texts: str) -> str:
    """What the search box matches on: NFKC and lower case, as the script folds what is typed."""
    return unicodedata.normalize("NFKC", " ".join(texts)).lower()


def index_page(documents: Sequence[dict[str, Any]], entries: Sequence[dict[str, str]], version: str = "",
               lang: str = "ja") -> str:
    """DOCUMENTS: {t, href, pairs: [{new, relation, href}]}; ENTRIES: {kind, label, href, note, text}."""
    return page("site_index.html.j2", STRINGS[lang]["site_title"], lang, version, script=True,
                documents=documents, entries=entries)
