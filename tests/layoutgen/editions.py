"""The editions a layout prints, and each one's ORACLE: the edition the text reader makes of its source.

  fy2024            the bundled real report (examples/)
  fy2025-synthetic  the hand-written SYNTHETIC next year (tests/data/nextyear/)
  synth7            a SYNTHETIC variant of the real report made by `policydiff synth --seed 7 --edits 30`

A layout with a 「担当」 column prints made-up offices (tests/pdfgen/rows.py OFFICES): its PDF is marked
synthetic even for the real report, and its oracle holds those offices.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from pdfgen.rows import Table, edition_table  # noqa: E402

import policydiff  # noqa: E402

SOURCES = {
    "fy2024": ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt",
    "fy2025-synthetic": ROOT / "tests" / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt",
}
SYNTH = ("synth7", 7, 30)  # name, seed, number of edits
OFFICE_NOTE = "INVENTED 「担当」 column (offices made up for a layout test)"


@dataclass(frozen=True)
class Printed:
    """What a layout prints (TABLE) and what a reader must give back (ORACLE, plus OFFICES by measure)."""

    table: Table
    oracle: policydiff.Edition
    offices: tuple[str, ...]  # per oracle measure; empty when no 「担当」 column is printed
    synthetic: bool  # the PDF is marked synthetic


@cache
def source_text(name: str) -> str:
    if name == SYNTH[0]:
        return policydiff.synth(SOURCES["fy2024"], seed=SYNTH[1], edits=SYNTH[2]).text
    return SOURCES[name].read_text(encoding="utf-8")


@cache
def oracle(name: str) -> policydiff.Edition:
    """The edition of NAME as the text reader makes it from its source text."""
    return policydiff.parse_report(source_text(name), source_name=f"{name}.txt")


def printed(name: str, office: bool) -> Printed:
    ed = oracle(name)
    table = edition_table(ed)
    notes = [ed.synthetic_note] if ed.synthetic else []
    offices: tuple[str, ...] = ()
    if office:
        notes.append(OFFICE_NOTE)
        offices = tuple(r.office for r in table.rows if r.kind == "measure")
    else:
        table = replace(table, rows=[replace(r, office="") for r in table.rows])
    note = "SYNTHETIC: " + "; ".join(notes) if notes else ""
    return Printed(replace(table, synthetic_note=note), ed, offices, bool(notes))
