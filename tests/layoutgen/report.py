"""The campaign's tables: per reader, per producer, and per value of each layout choice, so that one
sees which choice breaks which reader. Reads Run records (campaign.py) or their JSON lines."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layoutgen.layout import choice_names  # noqa: E402

READERS = ("pdf", "pdfminer", "pypdfium2", "pdfplumber")


def _choices(layout: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in layout.split())


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:5.1f}%" if n else "    -"


def reader_table(runs) -> str:
    head = ("| reader | runs | pass | differ, every row warned | silently different | refused | crash "
            "| right measure count | median s |\n|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for reader in READERS:
        rs = [r for r in runs if r.reader == reader]
        if not rs:
            continue
        n = len(rs)
        count = {o: sum(r.outcome == o for r in rs) for o in ("pass", "differ", "refused", "crash")}
        silent = sum(r.outcome == "differ" and r.unwarned > 0 for r in rs)
        right = sum(r.measures == r.expected for r in rs)
        secs = sorted(r.seconds for r in rs)[n // 2]
        lines.append(f"| {reader} | {n} | {count['pass']} ({_pct(count['pass'], n).strip()}) "
                     f"| {count['differ'] - silent} | {silent} ({_pct(silent, n).strip()}) | {count['refused']} "
                     f"| {count['crash']} | {right} | {secs:.2f} |")
    return "\n".join(lines)


def choice_table(runs, names: tuple[str, ...] | None = None) -> str:
    """For each value of each choice (the layouts drawn with it): per reader, the shares that pass, are
    silently different (differing rows no warning names) and are refused."""
    rates: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in runs:
        for name, value in _choices(r.layout).items():
            rates[(name, value)][r.reader].append(_mark(r))
    lines = ["| choice | value | layouts | " + " | ".join(f"{x} P / S / R" for x in READERS) + " |",
             "|---|---|---|" + "---|" * len(READERS)]
    for name in names or (*choice_names(),):
        for value in sorted((v for (n, v) in rates if n == name), key=_order):
            cell = rates[(name, value)]
            n = max(len(x) for x in cell.values())
            lines.append(f"| {name} | {value} | {n} | " + " | ".join(
                " / ".join(_pct(cell[x].count(k), len(cell[x])).strip() for k in "PSR") for x in READERS) + " |")
    return "\n".join(lines)


def _mark(r) -> str:
    """P pass, W differs but every differing row is named by a warning, S silently different,
    R refused with a one-line error, C crashed (a traceback)."""
    if r.outcome == "differ":
        return "S" if r.unwarned else "W"
    return {"pass": "P", "refused": "R", "crash": "C"}[r.outcome]


def one_at_a_time_table(runs, variants) -> str:
    """One line per variant of the reference layout: each producer's four readers as P W S R C."""
    by_layout = defaultdict(dict)
    for r in runs:
        by_layout[r.layout][r.reader] = r
    producers = sorted({lay.producer for _, lay in variants})
    table: dict[str, dict[str, str]] = defaultdict(dict)
    detail: dict[str, list[str]] = defaultdict(list)
    for name, lay in variants:
        got = by_layout.get(str(lay), {})
        table[name][lay.producer] = "".join(_mark(got[x]) if x in got else "-" for x in READERS)
        detail[name] += [f"{lay.producer}/{x}: {got[x].detail[:90]}" for x in READERS
                         if x in got and got[x].outcome != "pass"][:1]
    head = "| changed from the reference | " + " | ".join(f"{p} ({' '.join(READERS)})" for p in producers)
    lines = [head + " | first problem |", "|---|" + "---|" * len(producers) + "---|"]
    for name in table:
        lines.append(f"| {name} | " + " | ".join(f"`{table[name].get(p, '')}`" for p in producers)
                     + f" | {(detail[name] or [''])[0]} |")
    legend = "P pass, W differs with every differing row warned, S silently different, R refused, C crash"
    return "\n".join([legend, "", *lines])


def _order(value: str) -> tuple:
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def examples(runs, limit: int = 12) -> str:
    """Failing runs, one line each: seed, producer, edition, reader, outcome, what went wrong."""
    bad = [r for r in runs if r.outcome != "pass"]
    out = [f"- seed {r.seed} {r.producer} {r.edition} [{r.reader}] {r.outcome}"
           f"{' (unwarned)' if r.unwarned else ''}: {r.measures}/{r.expected} measures; {r.detail}"
           for r in bad[:limit]]
    return "\n".join(out)


SPOT_RE = re.compile(r"(m\d+ \w+|g\d+ field \d+|extra \w+)")


def spot(r) -> str:
    """Where a reading first goes wrong: its edition and first differing row and field (「fy2024 m034
    results」), or how it ended (refused, crash)."""
    if r.outcome != "differ":
        return r.outcome
    m = SPOT_RE.match(r.detail)
    return f"{r.edition} {m.group(0) if m else r.detail[:30]}"


def spot_table(runs, limit: int = 8) -> str:
    """Per text reader, the passages its failing readings most often first go wrong at. The generator prints
    three editions' texts in many layouts, so a passage misread in many layouts is a pattern of the report's text
    that the reader gets wrong, and a fix for it carries over to layouts never seen; a passage misread once is
    one layout's accident."""
    lines = ["| reader | failing | where it first goes wrong (layouts) |", "|---|---|---|"]
    for reader in READERS:
        bad = [r for r in runs if r.reader == reader and r.outcome != "pass"]
        if bad:
            counts = Counter(spot(r) for r in bad).most_common(limit)
            lines.append(f"| {reader} | {len(bad)} | " + ", ".join(f"{s} ({n})" for s, n in counts) + " |")
    return "\n".join(lines)


def summary(runs) -> str:
    layouts = len({r.seed for r in runs})
    producers = {p: [r for r in runs if r.producer == p] for p in ("chromium", "reportlab")}
    parts = [f"{layouts} layouts, {len(runs)} runs", "", reader_table(runs)]
    for p, rs in producers.items():
        if rs:
            parts += ["", f"{p} ({len({r.seed for r in rs})} layouts)", reader_table(rs)]
    parts += ["", "pass rate by layout choice", choice_table(runs), "", "where readings go wrong", spot_table(runs),
              "", "first failures", examples(runs)]
    return "\n".join(parts)


def load(path: Path):
    from layoutgen.campaign import Run

    return [Run(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


if __name__ == "__main__":  # python tests/layoutgen/report.py out/layouts/results.jsonl
    print(summary(load(Path(sys.argv[1]))))
