"""`policydiff export archive.db`: the archive as SQLite tables for Datasette, pandas or a spreadsheet.

sqlite-utils' conventions, so those tools open it as it is: a text primary key `id` on every table,
stable across runs (built from document, edition and the engine's content-hashed ids, never a row
counter), declared foreign keys with an index on each, lists as JSON text, booleans as 0/1, money as
integer yen. Tables: editions, pairs (consecutive editions), measure_lineages, measures, bullets,
programs, budgets, program_events, follow_through, review_marks. A synthetic edition is flagged in
editions and in every table drawn from it. The database is built under a temporary name beside
DATABASE and renamed over it: a reader never sees half a file, and a failed run leaves the old one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..diffengine.timeline import build_timeline, read_events, read_plans
from ..versions.model.errors import PolicydiffError
from ..versions.model.normalize import normalize

# (table, columns with types and references); the first column is the primary key.
SCHEMA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("editions", ("id TEXT PRIMARY KEY", "document TEXT", "edition TEXT", "results_fiscal_year INTEGER",
                  "plans_fiscal_year INTEGER", "synthetic INTEGER", "source_name TEXT", "source_sha256 TEXT",
                  "parser TEXT", "commit_sha TEXT")),
    ("pairs", ("id TEXT PRIMARY KEY", "document TEXT", "old_edition_id TEXT REFERENCES editions(id)",
               "new_edition_id TEXT REFERENCES editions(id)", "relation TEXT", "synthetic INTEGER")),
    ("measure_lineages", ("id TEXT PRIMARY KEY", "document TEXT", "title TEXT", "origin TEXT")),
    ("measures", ("id TEXT PRIMARY KEY", "edition_id TEXT REFERENCES editions(id)",
                  "lineage_id TEXT REFERENCES measure_lineages(id)", "measure TEXT", "vision INTEGER", "goal TEXT",
                  "title TEXT", "description TEXT", "ministries TEXT", "lead_ministries TEXT", "page INTEGER",
                  "line INTEGER", "synthetic INTEGER")),
    ("bullets", ("id TEXT PRIMARY KEY", "measure_id TEXT REFERENCES measures(id)", "edition_id TEXT REFERENCES editions(id)",
                 "column_name TEXT", "position INTEGER", "text TEXT", "programs TEXT", "page INTEGER", "line INTEGER",
                 "synthetic INTEGER")),
    ("programs", ("id TEXT PRIMARY KEY", "document TEXT", "name TEXT", "names TEXT")),
    ("budgets", ("id TEXT PRIMARY KEY", "bullet_id TEXT REFERENCES bullets(id)", "measure_id TEXT REFERENCES measures(id)",
                 "edition_id TEXT REFERENCES editions(id)", "program_id TEXT REFERENCES programs(id)", "program TEXT",
                 "fiscal_year INTEGER", "kind TEXT", "yen INTEGER", "part_of INTEGER", "text TEXT", "page INTEGER",
                 "line INTEGER", "synthetic INTEGER")),
    ("program_events", ("id TEXT PRIMARY KEY", "pair_id TEXT REFERENCES pairs(id)", "program_id TEXT REFERENCES programs(id)",
                        "event TEXT", "program TEXT", "successor TEXT", "measure TEXT", "confidence REAL", "synthetic INTEGER")),
    ("follow_through", ("id TEXT PRIMARY KEY", "pair_id TEXT REFERENCES pairs(id)",
                        "old_measure_id TEXT REFERENCES measures(id)", "new_measure_id TEXT REFERENCES measures(id)",
                        "outcome TEXT", "plan TEXT", "plan_page INTEGER", "plan_line INTEGER", "results TEXT",
                        "score REAL", "reason TEXT", "promised_again_line INTEGER", "carried_over INTEGER",
                        "synthetic INTEGER")),
    ("review_marks", ("id TEXT PRIMARY KEY", "old_edition_id TEXT REFERENCES editions(id)",
                      "new_edition_id TEXT REFERENCES editions(id)", "change_id TEXT", "mark TEXT", "note TEXT",
                      "marked_by TEXT", "marked_at TEXT", "kind TEXT", "measure TEXT", "summary TEXT")),
)


def _json(items: Sequence[Any]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _rows(chains: Sequence[Any]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {table: [] for table, _ in SCHEMA}
    for chain in chains:
        t = build_timeline(chain.editions, chain.diffs)
        doc = t.document
        lineage = {(e.label, mid): m.key for m in t.measures for e, mid in zip(t.editions, m.ids, strict=True) if mid}
        program = {normalize(n): p.key for p in t.programs for n in p.names}
        out["measure_lineages"] += [(m.key, doc, m.title, m.origin) for m in t.measures]
        out["programs"] += [(p.key, doc, p.name, _json(p.names)) for p in t.programs]
        for stored, ed in zip(chain.stored, chain.editions, strict=True):
            eid, fake = f"{doc}/{ed.edition}", int(ed.synthetic)
            out["editions"].append((eid, doc, ed.edition, ed.results_fy, ed.plans_fy, fake, stored.source_name,
                                    stored.sha256, stored.parser, stored.commit))
            goals = {g.id: g.title for g in ed.goals}
            for m in ed.measures:
                mid = f"{eid}/{m.id}"
                out["measures"].append((mid, eid, lineage.get((ed.edition, m.id)), m.id, m.vision, goals.get(m.goal, ""),
                                        m.title, m.description, _json([x.code for x in m.ministries]),
                                        _json([x.code for x in m.ministries if x.lead]), m.page, m.line, fake))
                for column, bullets in (("results", m.results), ("plans", m.plans)):
                    for k, b in enumerate(bullets, 1):
                        bid = f"{mid}/{column}/{k}"
                        out["bullets"].append((bid, mid, eid, column, k, b.text, _json(b.programs), b.page, b.line, fake))
                        out["budgets"] += [(f"{bid}/{n}", bid, mid, eid, program.get(normalize(x.program)) if x.program else None,
                                            x.program, x.fiscal_year, x.kind, x.yen, int(x.part_of), x.text, x.page, x.line, fake)
                                           for n, x in enumerate(b.budgets, 1)]
        for step, d in zip(t.steps, chain.diffs, strict=True):
            pid = f"{doc}/{step.old}..{step.new}"
            old, new = f"{doc}/{step.old}", f"{doc}/{step.new}"
            out["pairs"].append((pid, doc, old, new, step.relation, int(step.synthetic)))
            out["program_events"] += [(f"{pid}/{e.id or n}", pid, program.get(normalize(e.program)), e.event, e.program,
                                       e.successor, e.measure, e.confidence, int(step.synthetic))
                                      for n, e in enumerate(read_events(d))]
            known = {x[0] for x in out["measures"]}
            out["follow_through"] += [
                (f"{pid}/{e.id or n}", pid, _known(f"{old}/{e.old_measure}", known),
                 _known(f"{new}/{e.new_measure}", known) if e.new_measure else None, e.outcome, e.text, e.page, e.line,
                 _json(e.results), e.score, e.reason, e.again_line, int(e.carried_over), int(step.synthetic))
                for n, e in enumerate(read_plans(d)[0])]
    return out


def _known(ident: str, known: set[str]) -> str | None:
    return ident if ident in known else None


def _marks(store: Any, editions: set[str]) -> list[tuple]:
    """Every review mark stored in the archive, for any pair of its editions (consecutive or not)."""
    from ..versions.archive.reviews import load_review

    out = []
    for path in store.files("reviews/"):
        doc, _, name = path.removeprefix("reviews/").partition("/")
        old, sep, new = name.removesuffix(".json").partition("..")
        if not sep or f"{doc}/{old}" not in editions or f"{doc}/{new}" not in editions:
            continue
        review = load_review(store, store.resolve(f"{doc}/{old}"), store.resolve(f"{doc}/{new}"))
        out += [(f"{doc}/{old}..{new}/{m.id}", f"{doc}/{old}", f"{doc}/{new}", m.id, m.mark, m.note, m.by, m.at,
                 m.kind, m.measure, m.summary) for m in review.marks]
    return out


def write_database(path: Path, store: Any, chains: Sequence[Any]) -> dict[str, int]:
    """Build the database beside PATH and rename it over PATH; the rows written per table."""
    import sqlite3

    rows = _rows(chains)
    rows["review_marks"] = _marks(store, {x[0] for x in rows["editions"]})
    if path.exists() and not path.is_file():
        raise PolicydiffError(f"{path} is not a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(temp) as db:
            db.execute("PRAGMA foreign_keys = ON")
            for table, columns in SCHEMA:
                db.execute(f"CREATE TABLE [{table}] ({', '.join(columns)})")
                for column in columns:
                    if " REFERENCES " in column:
                        name = column.split()[0]
                        db.execute(f"CREATE INDEX [idx_{table}_{name}] ON [{table}] ([{name}])")
                marks = ", ".join("?" for _ in columns)
                db.executemany(f"INSERT INTO [{table}] VALUES ({marks})", rows[table])
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise PolicydiffError(f"export: {len(problems)} row(s) refer to nothing ({problems[0][0]}): a bug in policydiff")
        db.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return {table: len(rows[table]) for table, _ in SCHEMA}
