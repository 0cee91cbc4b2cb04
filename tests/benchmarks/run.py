"""Speed and memory benchmark (run by hand: `python tests/benchmarks/run.py`; not collected by pytest).

Prints one JSON object:
  seed_pair_end_to_end_s  the real edition and a synthetic next edition: parse both, diff, write JSON,
                          as a fresh `policydiff` process (best of 3)
  scale                   [{measures, seconds, peak_rss_mb}] for synthetic pairs of 100, 1,000, 10,000
                          measures (parse both + diff, each in a fresh process)
  exponent                fitted growth of time with measures (time ∝ measures^exponent)
  next_year_scale         the same for next-year pairs (plans rolled into results by
                          versions/synthetic/rolled.py), where the follow-through ledger runs
  next_year_exponent      its fitted growth
  xmldiff_ratio           xmldiff's time over ours on the same pair of XML files (the seed pair),
                          measured in this run with a timeout
  hostile                 [{shape, command, seconds, peak_rss_mb, exit}] for the hostile sizes of issue 10
                          (tests/hostile_sizes.py: 32,000 and 200,000 tiny bullets, 20,000 reworded
                          titles, a 4.8 MB bullet rewritten throughout): diff as a revision, diff as
                          next year, plans; each a fresh `policydiff` process. `--hostile` runs only these.
  pdf_read                {pdf: {seconds, pages, ms_per_page, measures}}: reading each seed-size PDF of
                          tests/data/pdf/ into an edition (imports warm, best of 3)
Targets: seed pair ≤ 1 s; 10,000 measures ≤ 30 s and ≤ 2 GB; exponent ≤ 1.2; xmldiff_ratio ≥ 10;
every hostile run < 60 s and < 2 GB, exit 0, 1 or 2 (a refusal), never 3.
pdf_read ≤ 2 s per seed-size PDF. `run.py --pdf` measures pdf_read alone.
Needs the `bench` extra (xmldiff): pip install -e '.[bench]'.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
SIZES = (100, 1_000, 10_000)
PDFS = (ROOT / "tests" / "data" / "pdf" / "seed-chromium.pdf", ROOT / "tests" / "data" / "pdf" / "seed-drawn.pdf")
XMLDIFF_TIMEOUT_S = 600

# One scale point in a fresh interpreter, so peak RSS is this size's alone.
SCALE_CHILD = r"""
import json, resource, sys, time
from policydiff import parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.diff_json import render_json
from policydiff.versions.synthetic import make_scaled
from policydiff.versions.synthetic.rolled import make_scaled_next_year
base = open(sys.argv[2], encoding="utf-8").read()
if sys.argv[3] == "next-year":
    old_text, new_text = make_scaled_next_year(base, int(sys.argv[1]), seed=7)
else:
    old_text, new_text, _ = make_scaled(base, int(sys.argv[1]), seed=7)
warm_old, warm_new, _ = make_scaled(base, 10, seed=1)  # load numpy, scipy, rapidfuzz before the clock starts
diff_editions(parse_report(warm_old), parse_report(warm_new))
t = time.perf_counter()
old = parse_report(old_text, source_name="old.txt")
new = parse_report(new_text, source_name="new.txt")
out = render_json(diff_editions(old, new))
seconds = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"measures": len(old.measures), "seconds": round(seconds, 3), "peak_rss_mb": round(rss, 1)}))
"""

XMLDIFF_CHILD = r"""
import sys, time
from xmldiff import main
t = time.perf_counter()
main.diff_files(sys.argv[1], sys.argv[2])
print(time.perf_counter() - t)
"""


def _policydiff() -> list[str]:
    exe = shutil.which("policydiff", path=str(Path(sys.executable).parent)) or shutil.which("policydiff")
    return [exe] if exe else [sys.executable, "-m", "policydiff.cli"]


def seed_pair(tmp: Path) -> tuple[float, Path, Path]:
    from policydiff import parse_report
    from policydiff.versions.synthetic import make_synthetic
    from policydiff.versions.xml import edition_to_xml

    new_text = make_synthetic(SEED.read_text(encoding="utf-8"), seed=2025, n_edits=12).text
    new_path = tmp / "synthetic-next.txt"
    new_path.write_text(new_text, encoding="utf-8")
    best = math.inf
    for _ in range(3):
        t = time.perf_counter()
        proc = subprocess.run([*_policydiff(), "diff", str(SEED), str(new_path), "--format", "json",
                               "-o", str(tmp / "diff.json")], capture_output=True)
        best = min(best, time.perf_counter() - t)
        assert proc.returncode in (0, 1), proc.stderr
    old_xml, new_xml = tmp / "old.xml", tmp / "new.xml"
    old_xml.write_bytes(edition_to_xml(parse_report(SEED.read_bytes(), source_name=SEED.name)))
    new_xml.write_bytes(edition_to_xml(parse_report(new_text, source_name=new_path.name)))
    return best, old_xml, new_xml


def ours_on_xml(old_xml: Path, new_xml: Path) -> float:
    from policydiff.diffengine.engine import diff_editions
    from policydiff.renderers.diff_json import render_json
    from policydiff.versions.readers.load import load_edition

    diff_editions(load_edition(old_xml), load_edition(new_xml))  # warm imports, as xmldiff's run is warm too
    best = math.inf
    for _ in range(3):
        t = time.perf_counter()
        render_json(diff_editions(load_edition(old_xml), load_edition(new_xml)))
        best = min(best, time.perf_counter() - t)
    return best


def xmldiff_time(old_xml: Path, new_xml: Path) -> float | None:
    try:
        proc = subprocess.run([sys.executable, "-c", XMLDIFF_CHILD, str(old_xml), str(new_xml)],
                              capture_output=True, text=True, timeout=XMLDIFF_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise SystemExit(f"xmldiff failed (pip install -e '.[bench]'?): {proc.stderr.strip()[-300:]}")
    return float(proc.stdout.strip())


def scale(pair: str = "revision") -> list[dict]:
    out = []
    for n in SIZES:
        proc = subprocess.run([sys.executable, "-c", SCALE_CHILD, str(n), str(SEED), pair], capture_output=True,
                              text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        out.append(json.loads(proc.stdout))
    return out


def exponent(points: list[dict]) -> float:
    xs = [math.log(p["measures"]) for p in points]
    ys = [math.log(max(p["seconds"], 1e-6)) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


HOSTILE_SHAPES = (("tiny bullets 32,000", "tiny_bullets", 32_000), ("tiny bullets 200,000", "tiny_bullets", 200_000),
                  ("reworded titles 20,000", "reworded_titles", 20_000),
                  ("long bullet 4.8 MB", "long_bullet", 1_200_000))
NEXT_YEAR_HEADER = ("令和６年度の実績・状況 令和７年度の取組予定", "令和７年度の実績・状況 令和８年度の取組予定")


def _timed(command: list[str]) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) and exit code of one fresh process."""
    t = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def hostile() -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_sizes

    out = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for shape, maker, n in HOSTILE_SHAPES:
            old_text, new_text = getattr(hostile_sizes, maker)(n)
            old, new, nxt = tmp / "old.txt", tmp / "new.txt", tmp / "next.txt"
            old.write_text(old_text, encoding="utf-8")
            new.write_text(new_text, encoding="utf-8")
            nxt.write_text(new_text.replace(*NEXT_YEAR_HEADER), encoding="utf-8")
            runs = (("diff", [str(old), str(new)]), ("diff next-year", [str(old), str(nxt)]), ("plans", [str(new)]))
            for command, args in runs:
                seconds, rss, code = _timed([*_policydiff(), command.split()[0], *args, "--format", "json",
                                             "-o", str(tmp / "out.json")])
                out.append({"shape": shape, "bytes": len(new_text.encode("utf-8")), "command": command,
                            "seconds": round(seconds, 2), "peak_rss_mb": round(rss, 1), "exit": code})
                print(json.dumps(out[-1], ensure_ascii=False), file=sys.stderr)
    return out


def pdf_read() -> dict[str, dict]:
    from policydiff import parse_report

    out = {}
    for pdf in PDFS:
        data = pdf.read_bytes()
        ed = parse_report(data, source_name=pdf.name)  # warm: pdfplumber imported, fonts' CMaps cached
        best = math.inf
        for _ in range(3):
            t = time.perf_counter()
            parse_report(data, source_name=pdf.name)
            best = min(best, time.perf_counter() - t)
        pages = max(m.page for m in ed.measures)
        out[pdf.name] = {"seconds": round(best, 3), "pages": pages, "ms_per_page": round(1000 * best / pages),
                         "measures": len(ed.measures)}
    return out


def main() -> None:
    if "--pdf" in sys.argv[1:]:
        print(json.dumps({"pdf_read": pdf_read()}, indent=2))
    if "--hostile" in sys.argv:
        print(json.dumps({"hostile": hostile()}, ensure_ascii=False, indent=2))
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        seed_s, old_xml, new_xml = seed_pair(tmp)
        ours = ours_on_xml(old_xml, new_xml)
        theirs = xmldiff_time(old_xml, new_xml)
    points = scale()
    next_year = scale("next-year")
    result = {
        "seed_pair_end_to_end_s": round(seed_s, 3),
        "scale": points,
        "exponent": round(exponent(points), 3),
        "next_year_scale": next_year,
        "next_year_exponent": round(exponent(next_year), 3),
        "xmldiff_ratio": round(theirs / ours, 1) if theirs is not None else f">{XMLDIFF_TIMEOUT_S / ours:.0f} (timeout)",
        "xmldiff_s": None if theirs is None else round(theirs, 3),
        "ours_on_xml_s": round(ours, 4),
        "hostile": hostile(),
        "pdf_read": pdf_read(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
