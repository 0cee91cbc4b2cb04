"""Renderers: each consumes a Diff (or, for `show`, an Edition) and returns text. One file a format.

A new format is one new module here and one entry in RENDERERS, all with render(diff, options).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diffengine.model import Diff


def _lazy(module: str, name: str) -> Callable[[Diff, Any], str]:
    def render(diff: Diff, options: Any = None) -> str:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), name)(diff, options)

    return render


RENDERERS: dict[str, Callable[[Diff, Any], str]] = {
    "text": _lazy("diff_text", "render_text"),
    "json": _lazy("diff_json", "render_json"),
    "markdown": _lazy("markdown", "render_markdown"),
    "csv": _lazy("csv", "render_csv"),
    "html": _lazy("html", "render_html"),
}


def render(diff: Diff, fmt: str, options: Any = None) -> str:
    return RENDERERS[fmt](diff, options)
