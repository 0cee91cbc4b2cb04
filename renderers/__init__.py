"""Renderers: each consumes a Diff (or, for `show`, an Edition) and returns text. One file a format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diffengine.model import Diff


def _json(diff: Diff, options: Any = None) -> str:
    from .diff_json import render_json

    return render_json(diff, options)


def _text(diff: Diff, options: Any = None) -> str:
    from .diff_text import render_text

    return render_text(diff, options)


RENDERERS: dict[str, Callable[[Diff, Any], str]] = {"json": _json, "text": _text}


def render(diff: Diff, fmt: str, options: Any = None) -> str:
    return RENDERERS[fmt](diff, options)
