"""Issue 13, traceability of the annual layer: every follow-through entry, unplanned result, budget step
and program event of a next-year diff cites page and line on each side it has, in text, Markdown,
CSV (every table), JSON and HTML. What each record should cite is read from the two parsed editions
(the bullet or budget line it stands for), never written down here.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from policydiff import api
from policydiff.renderers import render
from policydiff.renderers.options import ReportOptions
from policydiff.versions.model.normalize import normalize

NEXT = Path(__file__).parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


@pytest.fixture(scope="module")
def editions(seed_path):
    return api.open_edition(seed_path), api.open_edition(NEXT)


@pytest.fixture(scope="module")
def yearly(editions):
    d = api.diff(*editions)
    assert d.relation == "next-year" and d.follow_through and d.program_events
    return d


def p(page: int, line: int) -> str:
    return f"p.{page} l.{line}"


def _bullets(ed, measure_ids=None):
    return [b for m in ed.measures if measure_ids is None or m.id in measure_ids for _, b in m.bullets]


def _at(ed, cited, measure_ids=None) -> str:
    """Where the edition prints the bullet CITED stands for (in the given rows), from the parse; of
    several bullets with the same text (list items), the one cited must be one of them."""
    found = {(b.page, b.line) for b in _bullets(ed, measure_ids) if b.text == cited.text}
    found = found or {(b.page, b.line) for b in _bullets(ed) if b.text == cited.text}  # a split row's other part
    assert found, cited.text[:40]
    if len(found) > 1:
        assert (cited.page, cited.line) in found, cited
        return p(cited.page, cited.line)
    return p(*found.pop())


def expected(d, editions) -> dict[str, list[str]]:
    """Record id → the citations it must show, each derived from the editions, not from the record."""
    old, new = editions
    out: dict[str, list[str]] = {}
    for e in d.follow_through:
        cites = [_at(old, e.plan, {e.old_measure})]
        cites += [_at(new, r, {e.new_measure}) for r in e.results]
        if e.promised_again:
            cites.append(_at(new, e.promised_again, {e.new_measure}))
        assert cites[0] == p(e.plan.page, e.plan.line)
        out[e.id] = cites
    for u in d.unplanned_results:
        out[u.id] = [_at(new, u.result, {u.new_measure})]
    for ev in d.program_events:
        cites = []
        for ed, (page, line), names in ((old, ev.old_cite, {ev.program}),
                                       (new, ev.new_cite, {ev.successor or ev.program})):
            named = [b for b in _bullets(ed) if any(normalize(x) in {normalize(n) for n in names} for x in b.programs)]
            if page:
                assert any((b.page, b.line) == (page, line) for b in named) or (
                    ev.evidence and (ev.evidence.page, ev.evidence.line) == (page, line)), ev
                cites.append(p(page, line))
            else:
                assert not named or ev.event in ("new", "vanished", "ended"), ev  # a side that names it is cited
        assert cites, ev
        out[ev.id] = cites
    return out


def steps(d, editions) -> list[tuple[object, str, str]]:
    """(step, from cite, to cite) of every budget step, each side checked against its edition's budget line."""
    sides = dict(zip(("old", "new"), editions, strict=True))
    out = []
    for t in d.budget_trajectories:
        for s in t.steps:
            cites = []
            for where, fy, kind, amount in ((s.from_cite, s.from_fiscal_year, s.from_kind, s.from_yen),
                                            (s.to_cite, s.fiscal_year, s.to_kind, s.to_yen)):
                if where is None:
                    assert s.from_kind is None
                    cites.append("")
                    continue
                side, page, line = where
                budgets = [b for m, _, _, b in sides[side].budgets() if (b.page, b.line) == (page, line)]
                assert any(b.fiscal_year == fy and b.kind == kind and b.yen == amount for b in budgets), (t.program, s)
                cites.append(f"{side} {p(page, line)}")
            out.append((s, cites[0], cites[1]))
    assert out
    return out


def _block(text: str, rid: str) -> str:
    """The report's lines about record RID: its own line and the lines under it that are no other record."""
    lines = text.split("\n")
    k = next(k for k, x in enumerate(lines) if re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w.])", x))
    block = [lines[k]]
    for x in lines[k + 1:]:
        if not x.startswith("           ") or " also " in x or re.search(r"\b(?:ft|un|ev)-[0-9a-f]{10}\b", x):
            break
        block.append(x)
    return "\n".join(block)


def test_every_annual_record_cites_each_side_in_text(yearly, editions):
    out = render(yearly, "text", ReportOptions())
    for rid, cites in expected(yearly, editions).items():
        block = _block(out, rid)
        for c in cites:
            assert c in block, f"text: {rid} lacks {c}:\n{block}"
    found = Counter(m.group(1) for m in re.finditer(r"\[at ((?:old|new) p\.\d+ l\.\d+|—) → ", out))
    want = Counter(f or "—" for _, f, _ in steps(yearly, editions))
    assert found == want
    found_to = Counter(re.findall(r" → ((?:old|new) p\.\d+ l\.\d+)\]", out))
    assert found_to == Counter(t for _, _, t in steps(yearly, editions))


def test_annual_records_shown_in_markdown_cite_each_side(yearly, editions):
    out = render(yearly, "markdown", ReportOptions(limit=10**7))
    want = expected(yearly, editions)
    shown = [rid for rid in want if rid in out]
    assert len([r for r in shown if r.startswith("ft-")]) >= 40 and any(r.startswith("ev-") for r in shown)
    for rid in shown:
        block = _block(out, rid)
        for c in want[rid]:
            assert c in block, f"markdown: {rid} lacks {c}"
    more = sum(int(n) for n in re.findall(r"… (\d+) more plans", out))
    groups = {(" ".join(e.plan.text.split()), e.outcome) for e in yearly.follow_through}
    firsts = {rid for rid in shown if rid.startswith("ft-") and re.search(rf"^  \S+ +{rid} ", out, re.M)}
    assert len(firsts) + more == len(groups)  # every plan sentence is either cited or counted


def test_every_annual_record_cites_each_side_in_json(yearly, editions):
    data = json.loads(render(yearly, "json"))
    want = expected(yearly, editions)
    records = {r["id"]: r for key in ("follow_through", "unplanned_results", "program_events") for r in data[key]}
    assert set(want) == set(records)
    for rid, cites in want.items():
        r = records[rid]
        sides = ([r["plan"], *r["results"], r["promised_again"]] if rid.startswith("ft-")
                 else [r] if rid.startswith("un-") else [r["old_cite"], r["new_cite"]])
        assert sorted(p(s["page"], s["line"]) for s in sides if s) == sorted(cites), rid
    got = [(s["from_cite"], s["to_cite"]) for t in data["budget_trajectories"] for s in t["steps"]]
    for (_, f, t), (fc, tc) in zip(steps(yearly, editions), got, strict=True):
        assert (f"{fc['edition']} {p(fc['page'], fc['line'])}" if fc else "") == f
        assert f"{tc['edition']} {p(tc['page'], tc['line'])}" == t


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


def test_every_annual_record_cites_each_side_in_every_csv_table(yearly, editions):
    want = expected(yearly, editions)
    assert set(api.CSV_TABLES) == {"budgets", "follow-through", "events"}
    ledger = _rows(render(yearly, "csv", ReportOptions(table="follow-through")))
    events = _rows(render(yearly, "csv", ReportOptions(table="events")))
    for rid, cites in want.items():
        if rid.startswith(("ft-", "un-")):
            r = ledger[rid]
            got = [p(int(pg), int(ln)) for pg, ln in zip(r["result_pages"].split(), r["result_lines"].split(), strict=True)]
            got += [p(int(r[f"{k}_page"]), int(r[f"{k}_line"])) for k in ("plan", "promised_again") if r[f"{k}_page"]]
        else:
            r = events[rid]
            got = [p(int(r[f"{k}_page"]), int(r[f"{k}_line"])) for k in ("old", "new") if r[f"{k}_page"]]
        assert sorted(got) == sorted(cites), rid
    assert {r["outcome"] for r in ledger.values() if r["id"].startswith("un-")} == {"unplanned"}
    budget_rows = list(_rows(render(yearly, "csv", ReportOptions(table="budgets"))).values())
    for (_, f, t), r in zip(steps(yearly, editions), budget_rows, strict=True):
        assert (f"{r['from_edition']} {p(int(r['from_page']), int(r['from_line']))}" if r["from_page"] else "") == f
        assert f"{r['to_edition']} {p(int(r['to_page']), int(r['to_line']))}" == t


def _text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_every_annual_record_cites_each_side_in_html(yearly, editions):
    out = render(yearly, "html", ReportOptions())
    ledger_rows = re.findall(r'<tr class="o-row.*?</tr>', out, re.S)
    items = {m.group(1): m.group(0) for m in re.finditer(r'<(?:tr|li)[^>]* id="((?:ev|un)-[0-9a-f]{10}[.\d]*)".*?</(?:tr|li)>',
                                                        out, re.S)}
    for rid, cites in expected(yearly, editions).items():
        if rid.startswith("ft-"):
            holder = [r for r in ledger_rows if rid in r]
            assert len(holder) == 1, rid
            text = _text_of(holder[0])
            # the record is its row's own entry, or one of the rows of the same sentence: "m012 ft-… (p.… → …)"
            mine = text if f"{rid} (" not in text else text[text.index(f"{rid} ("):].split(")")[0]
        else:
            mine = _text_of(items[rid])
        for c in cites:
            assert c in mine, f"html: {rid} lacks {c}"
    sections = {m.group(1): _text_of(m.group(0)) for m in re.finditer(r'<section class="trajectory[^"]*" id="(bt-[^"]+)".*?</section>',
                                                                      out, re.S)}
    for t in yearly.budget_trajectories:
        for s in t.steps:
            for where in (s.from_cite, s.to_cite):
                if where:
                    assert p(*where[1:]) in sections[t.id]
