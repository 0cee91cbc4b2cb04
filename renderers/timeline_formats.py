"""`policydiff timeline --format …`: the timeline's formats, each imported when used."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..diffengine.timeline_model import PARTS, Timeline
from ..versions.model.errors import PolicydiffError

TIMELINE_FORMATS = ("text", "json", "csv", "html")


def render_timeline(timelines: Sequence[Timeline], fmt: str, parts: Iterable[str] = PARTS, version: str = "") -> str:
    """TIMELINES (one per document) in FMT; PARTS picks measures, programs and follow-through (csv: one)."""
    parts = tuple(parts) or PARTS
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise PolicydiffError(f"no timeline part {unknown[0]!r}; choose from {', '.join(PARTS)}")
    if fmt == "json":
        from .timeline_json import render_timeline_json

        return render_timeline_json(timelines, parts)
    if fmt == "csv":
        from .timeline_csv import render_timeline_csv

        if len(parts) != 1:
            parts = ("programs",)  # a CSV file holds one table: the budget series unless --part says
        return render_timeline_csv(timelines, parts[0])
    if fmt == "html":
        from .timeline_html import render_timeline_html

        return render_timeline_html(timelines, parts, version)
    if fmt == "text":
        from .timeline_text import render_timeline_text

        return render_timeline_text(timelines, parts)
    raise PolicydiffError(f"no timeline format {fmt!r}; choose from {', '.join(TIMELINE_FORMATS)}")
