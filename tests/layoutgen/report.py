"""The campaign's tables: per reader, per producer, and per value of each layout choice, so that one
sees which choice breaks which reader. Reads Run records (campaign.py) or their JSON lines."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
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
    """Pass rate per reader for each value of each choice (layouts with that value)."""
    rates: dict[tuple[str, str], dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for r in runs:
        for name, value in _choices(r.layout).items():
            rates[(name, value)][r.reader].append(r.outcome == "pass")
    lines = ["| choice | value | layouts | " + " | ".join(READERS) + " |", "|---|---|---|" + "---|" * len(READERS)]
    for name in names or (*choice_names(),):
        values = sorted((v for (n, v) in rates if n == name), key=_order)
        for value in values:
            cell = rates[(name, value)]
            n = max(len(x) for x in cell.values())
            lines.append(f"| {name} | {value} | {n} | "
                         + " | ".join(_pct(sum(cell[x]), len(cell[x])).strip() for x in READERS) + " |")
    return "\n".join(lines)


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


def summary(runs) -> str:
    layouts = len({r.seed for r in runs})
    producers = {p: [r for r in runs if r.producer == p] for p in ("chromium", "reportlab")}
    parts = [f"{layouts} layouts, {len(runs)} runs", "", reader_table(runs)]
    for p, rs in producers.items():
        if rs:
            parts += ["", f"{p} ({len({r.seed for r in rs})} layouts)", reader_table(rs)]
    parts += ["", "pass rate by layout choice", choice_table(runs), "", "first failures", examples(runs)]
    return "\n".join(parts)


def load(path: Path):
    from layoutgen.campaign import Run

    return [Run(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


if __name__ == "__main__":  # python tests/layoutgen/report.py out/layouts/results.jsonl
    print(summary(load(Path(sys.argv[1]))))
