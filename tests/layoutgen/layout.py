"""A seeded draw of how one edition is printed: the Layout record every producer follows.

The choices are what ministries' Excel and Word exports of the table look like (the real report is an
Excel table saved as PDF: vision and goal rows in merged cells, the header row repeated with hidden
「列1 列2 列3」 labels) and what other producers of the same table do differently. Every choice is drawn
independently from random.Random(seed), so one seed names one layout, and str(layout) is one line
that a failure can quote.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

EDITIONS = ("fy2024", "fy2025-synthetic", "synth7")  # see editions.py
PRODUCERS = ("chromium", "reportlab")
# Relative widths of (description, results, plans, office); scaled to the printable width.
WIDTHS = {
    "sample": (54, 60, 40, 14),  # the real table's line lengths (PDF.md)
    "even": (50, 50, 50, 14),
    "wide-desc": (64, 52, 38, 12),
    "wide-plans": (46, 54, 54, 14),
}
# What each choice may be, with its weight where the real report's own layout is the likelier one.
CHOICES: dict[str, tuple[tuple[object, float], ...]] = {
    "producer": (("chromium", 1), ("reportlab", 1)),
    "span": (("merged", 1), ("first-col", 1)),  # vision/goal rows: one merged cell, or text in the
    # description column's cell with the other cells empty and bordered
    "span_style": (("plain", 1), ("shaded", 1), ("bold", 1), ("shaded+bold", 1)),
    "header": (("repeat", 1), ("first-page", 1)),
    "labels": (("hidden-first", 2), ("hidden-each", 1), ("none", 2)),  # 「列1 列2 列3」 in white
    "office": (("none", 2), ("last", 1), ("first", 1)),  # a 「担当」 column (FY2023 layout)
    "order": (("desc-res-plan", 3), ("desc-plan-res", 1)),
    "widths": tuple((k, 1) for k in WIDTHS),
    "font": (("ipaex", 1), ("alt", 1)),  # alt: Noto Sans CJK JP (Chromium), HeiseiKakuGo-W5 CID (reportlab)
    "size": ((5.0, 1), (5.5, 1), (6.0, 1), (6.5, 1), (7.0, 1), (8.0, 1), (9.0, 1)),
    "orientation": (("landscape", 3), ("portrait", 2)),
    "margin": ((8, 1), (10, 1), (12, 1), (15, 1), (20, 1), (25, 1)),  # mm, all four sides
    "padding": ((0.5, 1), (1.0, 1), (2.0, 1), (3.0, 1), (4.0, 1)),  # pt inside each cell
    "leading": ((1.15, 1), (1.3, 1), (1.45, 1), (1.6, 1)),  # line height in ems
    "rules": (("grid", 2), ("horizontal", 1)),  # full grid, or horizontal rules only (Word style)
    "pageno": (("none", 1), ("bottom-center", 2), ("bottom-right", 1), ("top-right", 1)),
    "doctitle": (("none", 1), ("page1", 1), ("every-page", 1)),
    "rows": (("split", 1), ("avoid", 1)),  # whether a row may break across pages
    "bullets": (("hanging", 1), ("flush", 1)),  # a bullet's wrapped lines indented under its text
    "titles": (("bold", 1), ("plain", 1)),  # a measure's title line
}


@dataclass(frozen=True)
class Layout:
    seed: int
    edition: str
    producer: str
    span: str
    span_style: str
    header: str
    labels: str
    office: str
    order: str
    widths: str
    font: str
    size: float
    orientation: str
    margin: int
    padding: float
    leading: float
    rules: str
    pageno: str
    doctitle: str
    rows: str
    bullets: str
    titles: str

    def __str__(self) -> str:
        return " ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))

    @property
    def name(self) -> str:
        """The file stem of this layout's PDF: seed, producer and edition."""
        return f"L{self.seed:04d}-{self.producer}-{self.edition}"

    def columns(self) -> tuple[str, ...]:
        """The column roles left to right: description, results, plans and perhaps office."""
        body = ("description", "results", "plans") if self.order == "desc-res-plan" \
            else ("description", "plans", "results")
        if self.office == "first":
            return ("office", *body)
        return (*body, "office") if self.office == "last" else body

    def font_name(self) -> str:
        if self.font == "ipaex":
            return "IPAexGothic"
        return "Noto Sans CJK JP" if self.producer == "chromium" else "HeiseiKakuGo-W5"

    def page_size(self) -> tuple[float, float]:
        """(width, height) in points."""
        w, h = 595.28, 841.89
        return (h, w) if self.orientation == "landscape" else (w, h)


def _pick(rng: random.Random, options: tuple[tuple[object, float], ...]) -> object:
    values = [v for v, _ in options]
    return rng.choices(values, weights=[w for _, w in options], k=1)[0]


def draw_layout(seed: int) -> Layout:
    """The layout of SEED: the edition, then each choice in CHOICES' order, one draw each."""
    rng = random.Random(seed)
    edition = EDITIONS[rng.randrange(len(EDITIONS))]
    drawn = {name: _pick(rng, options) for name, options in CHOICES.items()}
    return Layout(seed=seed, edition=edition, **drawn)  # type: ignore[arg-type]


def choice_names() -> tuple[str, ...]:
    """The choices a campaign tabulates, the edition first."""
    return ("edition", *CHOICES)


# The layout of tests/data/pdf/seed-chromium.pdf (tests/pdfgen/chromium.py), which today's readers
# were built on: the base that one_at_a_time() changes one choice of.
REFERENCE = dict(edition="fy2024", span="merged", span_style="shaded", header="repeat", labels="hidden-first",
                 office="none", order="desc-res-plan", widths="sample", font="ipaex", size=5.0,
                 orientation="landscape", margin=10, padding=1.0, leading=1.45, rules="grid", pageno="none",
                 doctitle="none", rows="split", bullets="flush", titles="bold")


def reference_layout(producer: str, seed: int = 0) -> Layout:
    return Layout(seed=seed, producer=producer, **REFERENCE)  # type: ignore[arg-type]


def one_at_a_time(producer: str, first_seed: int) -> list[tuple[str, Layout]]:
    """The reference layout, then every other value of every choice with the rest as the reference:
    which single choice breaks which reader. Seeds count up from FIRST_SEED (they name files only)."""
    out = [("reference", reference_layout(producer, first_seed))]
    options = {"edition": tuple((e, 1) for e in EDITIONS), **CHOICES}
    for name, values in options.items():
        for value, _ in values:
            if name != "producer" and value != REFERENCE[name]:
                lay = reference_layout(producer, first_seed + len(out))
                out.append((f"{name}={value}", Layout(**{**lay.__dict__, name: value})))
    return out
