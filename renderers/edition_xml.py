"""An edition as its normalized XML (versions/FORMAT.md), for `policydiff show --format xml`."""

from __future__ import annotations

from ..versions.model.edition import Edition
from ..versions.xml import edition_to_xml
from .escaping import xml_text
from .options import ReportOptions


def render_edition_xml(ed: Edition, options: ReportOptions | None = None) -> str:
    return xml_text(edition_to_xml(ed).decode("utf-8"))  # C1 and bidi as &#x…; (escaping.xml_text)
