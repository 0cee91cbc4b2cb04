"""policydiff: find what changed between editions of a government policy progress report.

The pipeline is versions (read and archive editions) → diffengine (compare) → renderers (report).
This module is the public Python API, so a notebook user never has to call the CLI.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .versions.errors import ArchiveError, EditionParseError, EditionXMLError, PolicydiffError
from .versions.load import load_edition, parse_report
from .versions.model import Edition, Measure

__all__ = [
    "__version__",
    "ArchiveError",
    "Edition",
    "EditionParseError",
    "EditionXMLError",
    "Measure",
    "PolicydiffError",
    "load_edition",
    "parse_report",
]
