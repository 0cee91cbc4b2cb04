"""The bundled report as table rows: what each printed cell holds, taken from the text parser's edition.

Every producer prints these rows; the PDF reader must give back the edition they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
SYNTHETIC_MARK = "policydiff-synthetic:"  # the PDF reader looks for it in the metadata and on page 1

# Invented offices for the 「担当」 variant, by lead ministry: wrapped over lines like
# 「厚労省医療機器審査 管理課」 in the FY2023 table. Not real assignments.
OFFICES = {
    "厚": "厚労省医療機器審査管理課",
    "経": "経産省ヘルスケア産業課医療・福祉機器産業室",
    "文": "文科省研究振興局ライフサイエンス課",
    "内": "内閣府健康・医療戦略推進事務局",
    "内官": "内閣官房健康・医療戦略室",
    "総": "総務省国際戦略局",
}


@dataclass
class Row:
    kind: str  # vision | goal | see-above | measure | note
    text: str = ""  # vision, goal, see-above: the spanning cell
    title: str = ""
    blocks: list[str] = field(default_factory=list)  # description paragraphs, the tag closing the first
    results: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    office: str = ""


@dataclass
class Table:
    results_label: str
    plans_label: str
    rows: list[Row]
    synthetic_note: str = ""  # set for invented variants


def _blocks(description: str, tag: str) -> list[str]:
    parts = [p.replace("\t", " ") for p in description.split("\n")] if description else [""]
    parts[0] += tag
    return [p for p in parts if p]


def seed_table() -> Table:
    from policydiff import load_edition

    return edition_table(load_edition(SEED))


def edition_table(ed) -> Table:
    """The rows of any parsed edition (an Edition), in print order; the tests/layoutgen producers print
    other editions than the seed through it."""
    rows: list[Row] = []
    vision = 0
    for goal in ed.goals:
        if goal.vision != vision:
            vision = goal.vision
            rows.append(Row("vision", text=next(v.title for v in ed.visions if v.number == vision)))
        rows.append(Row("goal", text=goal.title))
        if goal.see_above:
            rows.append(Row("see-above", text="（上記参照）"))
        for note in goal.notes:
            rows.append(Row("note", title=note.title, blocks=[note.text]))
        for m in ed.measures:
            if m.goal != goal.id:
                continue
            lead = next((x.code for x in m.ministries if x.lead), m.ministries[0].code if m.ministries else "")
            rows.append(Row("measure", title=m.title, blocks=_blocks(m.description, m.ministries_text),
                            results=[b.text for b in m.results], plans=[b.text for b in m.plans],
                            office=OFFICES.get(lead, "")))
    return Table(ed.results_label, ed.plans_label, rows)


def office_variant(table: Table) -> Table:
    return Table(table.results_label, table.plans_label, table.rows,
                 "INVENTED four-column variant with a 「担当」 column (offices made up); not a real edition")


def fy2022_variant(table: Table) -> Table:
    return Table("令和４年度の実績・状況", "令和５年度の取組予定",
                 [Row(r.kind, r.text, r.title, r.blocks, r.results, r.plans) for r in table.rows],
                 "INVENTED FY2022-style header on the FY2024 text; not a real edition")
