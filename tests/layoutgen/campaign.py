"""Print many layouts, read each PDF and its three text extractions with policydiff, score them.

    python tests/layoutgen/campaign.py --layouts 300            # `make layouts`: out/layouts/
    python tests/layoutgen/campaign.py --sample                 # `make layouts-sample`: tests/data/layouts/
    python tests/layoutgen/campaign.py --one-at-a-time          # the reference with one choice changed
    python tests/layoutgen/campaign.py --layouts 300 --score-only   # re-read the PDFs already printed

One run = one layout read by one reader: the PDF reader ("pdf") or the text reader on the text of
pdfminer, pypdfium2 or pdfplumber. Results go to out/layouts/*.jsonl and tables on stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pdfgen.extract import EXTRACTORS, extract  # noqa: E402

import policydiff  # noqa: E402
from layoutgen.editions import printed  # noqa: E402
from layoutgen.layout import PRODUCERS, Layout, draw_layout, one_at_a_time  # noqa: E402
from layoutgen.report import one_at_a_time_table, summary  # noqa: E402
from layoutgen.score import score  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "layouts"
SAMPLE = ROOT / "tests" / "data" / "layouts"
# The fixed sample the test suite reads (tests/test_layouts.py): the first 26 seeds, ~15 MB with their
# extractions (Chromium's PDFs are 0.3-1 MB: Noto Sans CJK and synthetic bold print as Type3 glyphs).
SAMPLE_SEEDS = range(1, 27)
INDEX = "LAYOUTS.txt"
ONE_AT_A_TIME_SEED = 9000
READERS = ("pdf", *EXTRACTORS)
RESULTS = "results.jsonl"


@dataclass(frozen=True)
class Run:
    layout: str  # str(Layout): one line naming every choice
    seed: int
    producer: str
    edition: str
    reader: str
    seconds: float
    outcome: str  # pass | differ | refused | crash
    measures: int
    expected: int
    differing: int
    unwarned: int
    detail: str  # the first differing row, or the error


def text_path(pdf: Path, reader: str, packed: bool) -> Path:
    return pdf.with_name(f"{pdf.stem}.{reader}.txt" + (".gz" if packed else ""))


def produce(lay: Layout, folder: Path, printer, packed: bool, extractors=EXTRACTORS) -> Path:
    """Print LAY's edition as a PDF in FOLDER with its text extractions (EXTRACTORS) beside it."""
    from layoutgen.draw import draw_pdf

    what = printed(lay.edition, lay.office != "none")
    pdf = folder / f"{lay.name}.pdf"
    if lay.producer == "chromium":
        printer.print_pdf(lay, what.table, pdf)
    else:
        draw_pdf(lay, what.table, pdf)
    for how in extractors:
        data = extract(pdf, how).encode("utf-8")
        text_path(pdf, how, packed).write_bytes(gzip.compress(data, mtime=0) if packed else data)
    return pdf


def _load(pdf: Path, reader: str, packed: bool):
    if reader == "pdf":
        return policydiff.load_edition(pdf)
    path = text_path(pdf, reader, packed)
    if packed:
        return policydiff.parse_report(gzip.decompress(path.read_bytes()), source_name=path.name[:-3])
    return policydiff.load_edition(path)


def read_runs(lay: Layout, pdf: Path, packed: bool = False, readers=READERS) -> list[Run]:
    """LAY's PDF and its extractions, each read by policydiff and scored against the oracle."""
    what = printed(lay.edition, lay.office != "none")
    runs = []
    for reader in readers:
        start = time.perf_counter()
        try:
            got = _load(pdf, reader, packed)
        except policydiff.PolicydiffError as exc:
            outcome, detail, result = "refused", str(exc), None
        except Exception as exc:  # a traceback is a reader bug: recorded, never hidden
            outcome, detail, result = "crash", f"{type(exc).__name__}: {exc}", None
        else:
            result = score(got, what.oracle, what.offices)
            outcome, detail = ("pass" if result.passed else "differ"), result.example
        seconds = round(time.perf_counter() - start, 3)
        expected = len(what.oracle.measures)
        runs.append(Run(str(lay), lay.seed, lay.producer, lay.edition, reader, seconds, outcome,
                        result.measures if result else 0, expected, result.differing if result else 0,
                        result.unwarned if result else 0, detail.replace("\n", " ")[:300]))
    return runs


def campaign(layouts: list[Layout], folder: Path, results: Path, packed: bool, score_only: bool,
             readers=READERS) -> list[Run]:
    """Print (unless SCORE_ONLY finds the PDF there) and read each layout with READERS; every run is
    appended to RESULTS as it comes, and a line per layout goes to stderr."""
    from layoutgen.html_print import Printer

    folder.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    with results.open("w", encoding="utf-8") as log, Printer() as printer:
        for lay in layouts:
            pdf = folder / f"{lay.name}.pdf"
            wanted = [r for r in readers if r in EXTRACTORS]
            missing = not pdf.exists() or any(not text_path(pdf, r, packed).exists() for r in wanted)
            if not score_only or missing:
                produce(lay, folder, printer, packed, wanted)
            for run in read_runs(lay, pdf, packed, readers):
                runs.append(run)
                log.write(json.dumps(asdict(run), ensure_ascii=False) + "\n")
                log.flush()
            print(f"{lay.name}: " + " ".join(f"{r.reader}={r.outcome}" for r in runs[-len(readers):]),
                  file=sys.stderr, flush=True)
    return runs


def write_sample(layouts: list[Layout]) -> None:
    """The index of the committed sample (one layout a line), and no file of an older sample left."""
    keep = {lay.name for lay in layouts}
    for f in SAMPLE.iterdir():
        if f.name.startswith("L") and f.name.split(".")[0] not in keep:
            f.unlink()
    (SAMPLE / INDEX).write_text("".join(f"{lay}\n" for lay in layouts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layouts", type=int, default=300, help="how many seeds, from --start")
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--sample", action="store_true", help=f"rewrite the fixed sample in {SAMPLE}")
    ap.add_argument("--one-at-a-time", action="store_true",
                    help="the reference layout with one choice changed at a time, both producers")
    ap.add_argument("--score-only", action="store_true", help="re-read PDFs already printed")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--readers", default=",".join(READERS),
                    help="comma-separated readers to run, e.g. 'pdf' (no extraction then); default all four")
    args = ap.parse_args(argv)
    readers = tuple(r for r in args.readers.split(",") if r)
    if not readers or set(readers) - set(READERS):
        ap.error(f"--readers takes some of {','.join(READERS)}")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if args.one_at_a_time:
        variants = [v for p in PRODUCERS for v in one_at_a_time(p, ONE_AT_A_TIME_SEED + 100 * PRODUCERS.index(p))]
        runs = campaign([lay for _, lay in variants], args.out / "one-at-a-time", args.out / "one-at-a-time.jsonl",
                        False, args.score_only, readers)
        print(one_at_a_time_table(runs, variants))
        return 0
    seeds = SAMPLE_SEEDS if args.sample else range(args.start, args.start + args.layouts)
    layouts = [draw_layout(seed) for seed in seeds]
    folder = SAMPLE if args.sample else args.out
    results = args.out / ("sample-results.jsonl" if args.sample else RESULTS)
    args.out.mkdir(parents=True, exist_ok=True)
    runs = campaign(layouts, folder, results, packed=args.sample, score_only=args.score_only, readers=readers)
    if args.sample:
        write_sample(layouts)
    print(summary(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
