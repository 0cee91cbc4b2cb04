"""Renderers: each turns a Diff (a report) or an Edition (a view, for `show`) into text.

A new format is one new module here and one `register` call (below, or from anywhere before the
CLI runs): `render(diff, options)` with options a ReportOptions. The CLI's --format choices are
these registries, read when the command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diffengine.diff import Diff
from ..versions.model.edition import Edition
from ..versions.model.gc_pause import paused_gc
from .options import ReportOptions

Renderer = Callable[[Any, ReportOptions | None], str]
REPORTS: dict[str, Renderer] = {}  # Diff → text
VIEWS: dict[str, Renderer] = {}  # Edition → text


def register(fmt: str, renderer: Renderer, *, view: bool = False) -> None:
    """Offer RENDERER as format FMT for reports (a Diff), or with view=True for editions."""
    (VIEWS if view else REPORTS)[fmt] = renderer


def _lazy(module: str, name: str) -> Renderer:
    """Imported on first use: the HTML renderer pulls in Jinja2, the CLI's start-up should not."""
    def render(subject: Any, options: ReportOptions | None = None) -> str:
        from importlib import import_module

        with paused_gc():  # a report is millions of small strings and records: see model/gc_pause.py
            return getattr(import_module(f"{__name__}.{module}"), name)(subject, options)

    return render


for _fmt, _module, _name in (("text", "diff_text", "render_text"), ("json", "diff_json", "render_json"),
                             ("markdown", "markdown", "render_markdown"), ("csv", "csv_report", "render_csv"),
                             ("html", "html", "render_html")):
    register(_fmt, _lazy(_module, _name))
for _fmt, _module, _name in (("text", "edition_text", "render_edition_text"),
                             ("xml", "edition_xml", "render_edition_xml"),
                             ("json", "edition_json", "render_edition_json")):
    register(_fmt, _lazy(_module, _name), view=True)


def _check(registry: dict[str, Renderer], fmt: str, what: str) -> Renderer:
    if fmt not in registry:
        from ..versions.model.errors import PolicydiffError

        raise PolicydiffError(f"no {what} format {fmt!r}; choose from {', '.join(registry)}")
    return registry[fmt]


def render(diff: Diff, fmt: str, options: ReportOptions | None = None) -> str:
    return _check(REPORTS, fmt, "report")(diff, options)


def render_edition(ed: Edition, fmt: str, options: ReportOptions | None = None) -> str:
    return _check(VIEWS, fmt, "edition view")(ed, options)
