"""policydiff: find what changed between editions of a government policy progress report.

The pipeline is versions (read and archive editions) → diffengine (compare) → renderers (report).
This module is the public Python API (api.py), so a notebook user never has to call the CLI:

    import policydiff as p
    d = p.diff("old.txt", "new.txt")
    print(p.render(d, "markdown"))
"""

from __future__ import annotations

from .api import (
    Ingested,
    Options,
    ReportOptions,
    Synthetic,
    Verified,
    __version__,
    diff,
    editions,
    ingest,
    lineage,
    open_edition,
    plans,
    register,
    render,
    render_edition,
    reparse,
    report_formats,
    select,
    synth,
    verify,
    view_formats,
)
from .diffengine.diff import Diff
from .versions.model.edition import Edition, Measure
from .versions.model.errors import ArchiveError, EditionParseError, EditionXMLError, PolicydiffError
from .versions.readers.load import load_edition, parse_report

__all__ = [
    "__version__",
    "ArchiveError",
    "Diff",
    "Edition",
    "EditionParseError",
    "EditionXMLError",
    "Ingested",
    "Measure",
    "Options",
    "PolicydiffError",
    "ReportOptions",
    "Synthetic",
    "Verified",
    "diff",
    "editions",
    "ingest",
    "lineage",
    "load_edition",
    "open_edition",
    "parse_report",
    "plans",
    "register",
    "render",
    "render_edition",
    "reparse",
    "report_formats",
    "select",
    "synth",
    "verify",
    "view_formats",
]
