"""The report as an HTML table printed to PDF by Debian's Chromium (Playwright `page.pdf`).

A4 landscape, IPAexGothic (MS Gothic's metrics) at 5 pt so that the three columns hold the sample's
line lengths (~54 / 60 / 40 full-width characters); vision and goal rows span the width; the header
row (with hidden 「列1 列2 列3」 as in the real table) repeats on every page; rows break across pages.
The four-column variant uses Noto Sans CJK JP instead (a proportional 「・」, other line heights and
padding), so that the reader does not fit one font.
"""

from __future__ import annotations

import html
from pathlib import Path

from .rows import SYNTHETIC_MARK, Table

CSS = """
@page { size: A4 landscape; margin: 12mm 9mm 12mm 9mm; }
body { font-family: 'IPAexGothic'; font-size: 5pt; line-height: 1.45; margin: 0; line-break: strict; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
tr, td { break-inside: auto; }
td, th { border: 0.6pt solid #000; padding: 1pt 2pt; vertical-align: top; text-align: left; word-break: normal; }
th { font-weight: normal; background: #d9e2f3; }
.hid { color: transparent; font-size: 1pt; }
.span { background: #eef; }
.title { font-weight: bold; }
.mark { font-size: 7pt; border: 1pt solid #c00; color: #c00; padding: 2pt; margin-bottom: 3pt; }
"""


def _cell(blocks: list[str], title: str = "") -> str:
    parts = [f'<div class="title">{html.escape(title)}</div>'] if title else []
    parts += [f"<div>{html.escape(b)}</div>" for b in blocks]
    return "".join(parts)


NOTO = {"'IPAexGothic'": "'Noto Sans CJK JP'", "line-height: 1.45": "line-height: 1.3",
        "padding: 1pt 2pt": "padding: 2pt 3pt"}


def table_html(table: Table, office: bool = False) -> str:
    # Column widths in full-width characters of 5 pt, plus padding.
    widths = (48, 54, 36, 14) if office else (54, 60, 40)
    cols = "".join(f'<col style="width:{w * 5 + 4}pt">' for w in widths)
    ncol = len(widths)
    head = ('<th>該当箇所<span class="hid"> 列1 列2 列3</span></th>'
            f"<th>{html.escape(table.results_label)}</th><th>{html.escape(table.plans_label)}</th>"
            + ("<th>担当</th>" if office else ""))
    body = []
    for r in table.rows:
        if r.kind in ("vision", "goal", "see-above"):
            body.append(f'<tr><td class="span" colspan="{ncol}">{html.escape(r.text)}</td></tr>')
            continue
        cells = [_cell(r.blocks, r.title), _cell(r.results), _cell(r.plans)]
        if office:
            cells.append(_cell([r.office] if r.kind == "measure" else []))
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    mark = (f'<div class="mark">{SYNTHETIC_MARK} {html.escape(table.synthetic_note)}</div>'
            if table.synthetic_note else "")
    # Chromium writes the document title into the PDF's /Title: the synthetic mark in the metadata.
    title = f"{SYNTHETIC_MARK} {table.synthetic_note}" if table.synthetic_note else "進捗状況"
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{_css(office)}</style></head><body>{mark}'
            f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
            "</table></body></html>")


def _css(office: bool) -> str:
    css = CSS
    for old, new in (NOTO.items() if office else ()):
        css = css.replace(old, new)
    return css


def print_pdf(table: Table, out: Path, office: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    src = out.with_suffix(".html")
    src.write_text(table_html(table, office), encoding="utf-8")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(src.as_uri())
            page.pdf(path=str(out), format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
            browser.close()
    finally:
        src.unlink()
