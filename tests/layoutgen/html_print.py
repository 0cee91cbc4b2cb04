"""A Layout printed by Debian's Chromium from an HTML table (Playwright `page.pdf`).

The HTML is what a web page or a Word/Excel "save as web page" holds: a <table> with a <thead> (that
Chromium repeats on every page) or a first header row in the body, colspan'd or three-cell vision and
goal rows, page numbers and a running title in Chromium's own header and footer templates.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pdfgen.rows import SYNTHETIC_MARK, Row, Table

from .layout import WIDTHS, Layout
from .texts import DOC_TITLE, LABELS, header_texts, page_number

RULE = "0.6pt solid #000"


def _css(lay: Layout) -> str:
    borders = f"border: {RULE};" if lay.rules == "grid" else \
        f"border-top: {RULE}; border-bottom: {RULE}; border-left: none; border-right: none;"
    span = ("background: #e2efda;" if "shaded" in lay.span_style else "") + \
        ("font-weight: bold;" if "bold" in lay.span_style else "")
    hang = "padding-left: 1em; text-indent: -1em;" if lay.bullets == "hanging" else ""
    return f"""
body {{ font-family: '{lay.font_name()}'; font-size: {lay.size}pt; line-height: {lay.leading}; margin: 0; line-break: strict; }}
table {{ border-collapse: collapse; table-layout: fixed; width: 100%; }}
tr {{ break-inside: {"avoid" if lay.rows == "avoid" else "auto"}; }}
td, th {{ {borders} padding: {lay.padding}pt {lay.padding * 1.5}pt; vertical-align: top; text-align: left; }}
th {{ font-weight: normal; background: #d9e2f3; }}
.hid {{ color: #d9e2f3; }}
.span {{ {span} }}
.title {{ font-weight: {"bold" if lay.titles == "bold" else "normal"}; }}
.b {{ {hang} }}
.doc {{ font-size: {lay.size + 3}pt; text-align: center; margin: 0 0 4pt 0; }}
.mark {{ font-size: 7pt; border: 1pt solid #c00; color: #c00; padding: 2pt; margin-bottom: 3pt; }}
"""


def _cell(blocks: list[str], title: str = "", bullets: bool = False) -> str:
    parts = [f'<div class="title">{html.escape(title)}</div>'] if title else []
    cls = ' class="b"' if bullets else ""
    parts += [f"<div{cls}>{html.escape(b)}</div>" for b in blocks]
    return "".join(parts)


def _head(lay: Layout, table: Table) -> str:
    cells = []
    for k, (_role, text) in enumerate(header_texts(lay, table)):
        hidden = ""
        if lay.labels == "hidden-first" and k == 0:
            hidden = f'<span class="hid"> {LABELS}</span>'
        elif lay.labels == "hidden-each":
            hidden = f'<span class="hid">列{k + 1} </span>'
        cells.append(f"<th>{hidden if lay.labels == 'hidden-each' else ''}{html.escape(text)}"
                     f"{hidden if lay.labels == 'hidden-first' else ''}</th>")
    return "<tr>" + "".join(cells) + "</tr>"


def _row(lay: Layout, r: Row) -> str:
    roles = lay.columns()
    if r.kind in ("vision", "goal", "see-above"):
        text = html.escape(r.text)
        if lay.span == "merged":
            return f'<tr><td class="span" colspan="{len(roles)}">{text}</td></tr>'
        return "<tr>" + "".join(f'<td class="span">{text if role == "description" else ""}</td>'
                                for role in roles) + "</tr>"
    cells = {"description": _cell(r.blocks, r.title), "results": _cell(r.results, bullets=True),
             "plans": _cell(r.plans, bullets=True), "office": _cell([r.office] if r.office else [])}
    return "<tr>" + "".join(f"<td>{cells[role]}</td>" for role in roles) + "</tr>"


def table_html(lay: Layout, table: Table) -> str:
    widths = dict(zip(("description", "results", "plans", "office"), WIDTHS[lay.widths], strict=True))
    cols = "".join(f'<col style="width:{widths[role]}%">' for role in lay.columns())
    head = _head(lay, table)
    thead, first = (f"<thead>{head}</thead>", "") if lay.header == "repeat" else ("", head)
    body = first + "".join(_row(lay, r) for r in table.rows)
    mark = (f'<div class="mark">{SYNTHETIC_MARK} {html.escape(table.synthetic_note)}</div>'
            if table.synthetic_note else "")
    doc = f'<div class="doc">{html.escape(DOC_TITLE)}</div>' if lay.doctitle == "page1" else ""
    meta = f"{SYNTHETIC_MARK} {table.synthetic_note}" if table.synthetic_note else DOC_TITLE
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{html.escape(meta)}</title>'
            f"<style>{_css(lay)}</style></head><body>{mark}{doc}"
            f"<table><colgroup>{cols}</colgroup>{thead}<tbody>{body}</tbody></table></body></html>")


def _template(lay: Layout, where: str) -> str:
    """Chromium's header or footer template: page number and running title where the layout puts them."""
    style = (f"font-family: '{lay.font_name()}', sans-serif; font-size: 8pt; width: 100%; "
             f"margin: 0 {lay.margin}mm; display: flex; justify-content: space-between;")
    left = html.escape(DOC_TITLE) if lay.doctitle == "every-page" and where == "top" else ""
    number = ""
    if lay.pageno.startswith(where):
        number = page_number(lay.pageno, '<span class="pageNumber"></span>', '<span class="totalPages"></span>')
    if lay.pageno == "bottom-center" and where == "bottom":
        return f'<div style="{style} justify-content: center;"><span>{number}</span></div>'
    return f'<div style="{style}"><span>{left}</span><span>{number}</span></div>'


# Chromium writes the time of printing into the PDF: fixed, so one seed gives the same bytes.
DATE_RE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def fixed_dates(data: bytes) -> bytes:
    return DATE_RE.sub(lambda m: b"/" + m.group(1) + b" (D:20260101000000", data)


class Printer:
    """One Chromium for many layouts (a launch costs about a second)."""

    def __enter__(self) -> Printer:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
        return self

    def __exit__(self, *exc) -> None:
        self._browser.close()
        self._pw.stop()

    def print_pdf(self, lay: Layout, table: Table, out: Path) -> None:
        src = out.with_suffix(".html")
        src.write_text(table_html(lay, table), encoding="utf-8")
        page = self._browser.new_page()
        try:
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(src.resolve().as_uri())
            edge = f"{lay.margin + (8 if lay.pageno != 'none' or lay.doctitle == 'every-page' else 0)}mm"
            data = page.pdf(format="A4", landscape=lay.orientation == "landscape", print_background=True,
                            display_header_footer=True, header_template=_template(lay, "top"),
                            footer_template=_template(lay, "bottom"),
                            margin={"top": edge, "bottom": edge, "left": f"{lay.margin}mm",
                                    "right": f"{lay.margin}mm"})
        finally:
            page.close()
            src.unlink()
        out.write_bytes(fixed_dates(data))
