"""Fuzz shapes of issue 10's output half: hostile strings through every renderer, hostile sizes.

    python tests/fuzz/output_shapes.py                 # 2,000 injection inputs and the size shapes
    python tests/fuzz/output_shapes.py --inputs 200 --seed 7
    python tests/fuzz/output_shapes.py --only 12       # one input, with its traceback

Injection: the real report with 1 to 4 hostile strings (Markdown/HTML that hides or fetches,
spreadsheet formulas, terminal and bidi controls, fences) put into measure titles, program names
(「…事業」) and bullets; diffed against the real report as a revision and as next year, and its
results against its plans, then rendered in every format. Each output must hold no raw control
(the text format's own colours aside), no live markup once GitHub's cmark-gfm renders the Markdown,
no CSV cell of source text starting a formula, and HTML with every control shown.

Sizes: the shapes of tests/hostile_sizes.py at a tenth of their size, under a work budget cut in
proportion: the bullets and the long bullet must reach it (and fall back), and every column's ops
must still rebuild both sides.

Kept apart from campaign.py (the parser and archive shapes) so each can change on its own; `make
fuzz` runs both. Input i comes from random.Random(f"{seed}:{i}") alone. No test_ functions here.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
NEXT_YEAR_HEADER = ("令和６年度の実績・状況 令和７年度の取組予定", "令和７年度の実績・状況 令和８年度の取組予定")

INJECTIONS = (
    "<!-- ", "<img src=https://evil.example/x.png>", "[x](https://evil.example)", "![i](https://evil.example/i)",
    "`", "```", "\n```\n# 見出し\n", "|", "||", "=HYPERLINK(\"https://evil.example\",\"x\")", "@SUM(1+1)", "+1+2", "-1+2",
    "\t=1", "\r=1", "\u202e", "\u2066", "\u200f", "\x9b31m", "\x85", "\x1b[2J", "https://evil.example",
    "www.evil.example", "a@evil.example", "**", "~~", "__", "<script>alert(1)</script>", "&amp;", "&#60;", "\\",
    "<details>", "</summary>", "> ", "# ", "- ",
)
RAW_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
OUR_COLOURS_RE = re.compile(r"\x1b\[[0-9;]*m")
TITLE_RE = re.compile(r"^(?![・【（\s])(?!該当箇所)(.{4,40})$", re.M)  # a short line: often a measure title
PROGRAM_RE = re.compile(r"「([^「」\n]{2,40}事業)」")  # 「医療機器等研究成果展開事業」
BULLET_RE = re.compile(r"^・", re.M)


def make_input(seed_text: str, seed: int, index: int) -> tuple[str, str]:
    """(what was done, the hostile text)."""
    rng = random.Random(f"{seed}:{index}")
    text, done = seed_text, []
    for _ in range(rng.randint(1, 4)):
        bad = "".join(rng.choice(INJECTIONS) for _ in range(rng.randint(1, 3)))
        where = rng.choice(("title", "program", "bullet"))
        pattern = {"title": TITLE_RE, "program": PROGRAM_RE, "bullet": BULLET_RE}[where]
        spots = list(pattern.finditer(text))
        if not spots:
            continue
        m = rng.choice(spots)
        at = m.start(1) if m.groups() else m.end()
        text = text[:at] + bad + text[at:]
        done.append(f"{where}:{bad!r}")
    return "+".join(done), text


def github(md: str) -> str:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


def check_diff(d) -> None:
    """Every format of one Diff holds its source strings as text (see the module docstring)."""
    import policydiff as p

    for color in (False, True):
        out = OUR_COLOURS_RE.sub("", p.render(d, "text", p.ReportOptions(color=color)))
        _expect(not RAW_CONTROL_RE.search(out), f"text: raw {RAW_CONTROL_RE.findall(out)[:3]}")
    page = github(p.render(d, "markdown"))
    for markup in ("<img", "<!--", "<script", "href=", "<details><details", "<h1>", "<blockquote>\n<p>#"):
        _expect(markup not in page, f"markdown: live {markup}")
    _expect(not RAW_CONTROL_RE.search(page.replace("\n", "").replace("\t", "")), "markdown: raw control")
    for table in re.findall(r"<table>(.*?)</table>", page, re.S):
        head, *rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        _expect(all(r.count("<td>") == head.count("<th>") for r in rows), "markdown: a cell split")
    tables = [None] + (["budgets", "follow-through", "events"] if getattr(d, "between_years", False) else [])
    for table in tables:
        out = p.render(d, "csv", p.ReportOptions(table=table))
        for row in list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1:]:
            for cell in row:
                live = cell.startswith(("=", "+", "@", "\t", "\r")) or re.match(r"-(?!\d+(\.\d+)?$)", cell)
                _expect(not live, f"csv {table}: formula {cell[:40]!r}")
    page = p.render(d, "html")
    _expect(not RAW_CONTROL_RE.search(page.replace("\n", "").replace("\t", "")), "html: raw control")
    _expect(page.lower().count("<script") == 1 and "<img" not in page.lower(), "html: a source's <script>/<img> live")


def check_input(seed_text: str, text: str) -> str:
    """'ok', or 'refused: …' for a PolicydiffError; raises on a broken invariant."""
    import policydiff as p

    try:
        old, new = p.parse_report(seed_text, source_name="seed.txt"), p.parse_report(text, source_name="x.txt")
        nxt = p.parse_report(text.replace(*NEXT_YEAR_HEADER), source_name="next.txt")
    except p.PolicydiffError as exc:
        return f"refused: {str(exc)[:60]}"
    for d in (p.diff(old, new), p.diff(old, nxt), p.plans(new)):
        check_diff(d)
    _expect(not RAW_CONTROL_RE.search(p.render_edition(new, "text")), "show: raw control")
    return "ok"


def check_sizes() -> list[str]:
    """The hostile size shapes at a tenth, budget cut to a tenth: reached, and ops still rebuild."""
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_sizes

    import policydiff as p
    from policydiff.diffengine import work
    from policydiff.diffengine.textdiff import rebuild

    done = []
    for maker, n in (("tiny_bullets", 3_200), ("reworded_titles", 2_000), ("long_bullet", 80_000)):
        old_text, new_text = getattr(hostile_sizes, maker)(n)
        old, new = p.parse_report(old_text), p.parse_report(new_text)
        with work.budget(work.WORK_MAX // 10) as spent:
            d = p.diff(old, new)
        by_old, by_new = {m.id: m for m in old.measures}, {m.id: m for m in new.measures}
        for m in d.measures:
            for f in m.fields:
                if f.field in ("results", "plans") and m.old_id and m.new_id:
                    o, w = rebuild(f.ops)
                    _expect(o == "\n".join(b.text for b in getattr(by_old[m.old_id], f.field)), f"{maker}: old side")
                    _expect(w == "\n".join(b.text for b in getattr(by_new[m.new_id], f.field)), f"{maker}: new side")
        if maker != "reworded_titles":  # (its bound is the assignment's block size, not the budget)
            _expect(spent.refused > 0, f"{maker}: the budget was never reached")
        done.append(f"{maker}({n}): budget left {spent.left:,}, {spent.refused} fallbacks")
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int)
    args = ap.parse_args()
    seed_text = SEED.read_text(encoding="utf-8")
    start, failures, refused = time.perf_counter(), [], 0
    indices = [args.only] if args.only is not None else range(args.inputs)
    for i in indices:
        what, text = make_input(seed_text, args.seed, i)
        try:
            refused += check_input(seed_text, text).startswith("refused")
        except Exception as exc:  # noqa: BLE001 - a fuzz campaign reports every failure
            failures.append((i, what, f"{type(exc).__name__}: {exc}"))
            if args.only is not None:
                traceback.print_exc()
    sizes = check_sizes() if args.only is None else []
    print(f"output shapes: {len(indices)} inputs, {refused} refused, {len(failures)} failures, "
          f"{time.perf_counter() - start:.0f} s")
    for line in sizes:
        print("  size shape", line)
    for i, what, why in failures[:20]:
        print(f"  FAIL input {i} [{what}]: {why}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
