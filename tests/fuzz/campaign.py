"""Fuzz campaign: thousands of hostile variants of the real report through the Python API.

    python tests/fuzz/campaign.py                      # 10,000 inputs, fixed seed, all CPUs
    python tests/fuzz/campaign.py --inputs 500 --seed 7 --workers 1
    python tests/fuzz/campaign.py --only 1234          # re-run one input, print its traceback
    python tests/fuzz/campaign.py --pdf 500            # and 500 broken or hostile PDFs (pdf_inputs.py)

After the inputs it runs --archive-inputs cases of tests/fuzz/archive_shapes.py (odd file names,
received archives with hostile config or links, writers killed inside git or policydiff, forged review
files, hostile marks files for review --import, concurrent reviewers).

Every input must give either a correct result or a refusal (a PolicydiffError, what the CLI turns
into one line and exit 2). Correct means: schema-valid XML, byte-identical when written twice,
parse → XML → parse lossless, JSON twice the same, the edition diffed with itself has no change,
and every change of a diff against the real report rebuilds both sides from its ops. Anything else
(another exception, a broken invariant) is a failure: a bug to fix in the source.

Input i is made from random.Random(f"{seed}:{i}") alone, so a failure reproduces by its number
whatever the number of workers. tests/test_fuzz.py runs the same generator on fewer inputs through
the CLI. This file has no test_ functions: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import codecs
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"

# ---- mutations --------------------------------------------------------------------------------

Mutator = Callable[[random.Random, bytes], bytes]
# Pieces of report structure, so that mutations also build plausible (not only broken) rows.
STRUCTURE = [
    "［◎厚］", "［◎厚、◎経］", "［文、◎厚、◎経］", "［◎", "厚］", "◎内官、文、厚、経］", "［担当省庁については、各プラットフォームに記載の担当省庁を参照］",
    "【医療機器の研究開発の推進】", "【研究開発の推進】（再掲）", "（上記参照）", "（１）「研究開発の推進」に向けて",
    "該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定", "該当箇所 令和元年度の実績・状況 令和2年度の取組予定",
    "・「医工連携イノベーション推進事業」の後継事業となる「医工連携グローバル展開事業」において支援する。",
    "・令和6年度予算：19億円の内数", "（令和７年度予算（案）：11.2憶円）", "令和6年度補正予算「デジタルヘルスケア開発・導入加速化事業」（9.2億円）",
    "（同予算内数）", "予算要求中", "予算措置", "＜有事における医療機器の安定供給の取組＞（再掲）", "①\t日常生活における", "3", "１２",
    "「X事業」（旧「Y事業」）", "「A事業」から「B事業」に改称", "令和５年度に事業終了 後継事業の予定無し", "。 ・引き続き",
]
ODD_CHARS = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe",
             "\uffff", "\ufffd", "\u200b", "\u202e", "\u0301", "\U0001f600", "\U000f0000", "\ud7ff", "\ue000",
             "\t", "\r", "　", "｢", "｣", "＜", "＞", "［", "］", "【", "】", "◎", "、", "。", "億", "憶", "円"]  # fmt: skip


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def truncate_bytes(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def truncate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    return _join(lines[: rng.randrange(1, len(lines) + 1)])


def drop_head(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    return _join(lines[rng.randrange(len(lines)) :])


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if rng.random() < 0.5:  # a block
        i = rng.randrange(len(lines))
        del lines[i : i + rng.randint(1, 120)]
    else:
        for _ in range(rng.randint(1, 60)):
            if len(lines) > 1:
                del lines[rng.randrange(len(lines))]
    return _join(lines)


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if rng.random() < 0.4:  # a block, maybe many times (thousands of measures)
        i = rng.randrange(len(lines))
        block = lines[i : i + rng.randint(1, 200)]
        lines[i:i] = block * rng.choice([1, 2, 5, 20])
    else:
        for _ in range(rng.randint(1, 60)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    return _join(lines)


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if rng.random() < 0.2:
        rng.shuffle(lines)
        return _join(lines)
    i = rng.randrange(len(lines))
    window = lines[i : i + rng.randint(2, 150)]
    rng.shuffle(window)
    lines[i : i + len(window)] = window
    return _join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 20)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return _join(lines)


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 3, 10, 100, 1000])):
        if not out:
            break
        i = rng.randrange(len(out))
        choice = rng.random()
        if choice < 0.4:
            out[i] = rng.randrange(256)
        elif choice < 0.7:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice < 0.85:
            out[i] ^= 1 << rng.randrange(8)
        else:
            del out[i : i + rng.randint(1, 8)]
    return bytes(out)


def long_line(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    length = rng.choice([1_000, 10_000, 50_000, 200_000])
    kind = rng.randrange(10)
    pool = text or "あ"
    if kind == 0:
        line = rng.choice(pool) * length
    elif kind == 1:
        line = "".join(rng.choice(pool) for _ in range(length))
    elif kind == 2:
        piece = rng.choice(STRUCTURE)
        line = piece * (length // max(1, len(piece)))
    elif kind == 3:
        line = "令和6年度予算：" + "9" * rng.choice([10, 100, 4_400, 10_000]) + "億円"
    elif kind == 4:
        line = "・" + "あ" * length + "事業において"
    elif kind == 5:
        line = "［" + "◎厚、" * (length // 3) + "厚］"
    elif kind == 6:
        line = "「" * (length // 2) + "事業" + "」" * (length // 2)
    elif kind == 7:
        line = " " * length + "x"
    elif kind == 8:  # many mentions on one line: what made the budget and program scans quadratic
        piece = rng.choice(["あいう事業において", "（同予算内数）", "「テスト事業」予算要求中", "令和6年度予算：1億円",
                            "「X事業」（旧「Y事業」）", "「A事業」の後継事業となる「B事業」", "事業は"])  # fmt: skip
        line = "・" + piece * (length // len(piece))
    else:  # many lines: a row with thousands of bullets (what made the bullet alignment quadratic)
        line = "\n".join(f"・実績の箇条その{k}。" for k in range(length // 100))
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines).encode("utf-8")


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def whole_encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["cp932", "shift_jis", "euc_jp", "euc_jis_2004", "utf-16", "utf-16-le", "utf-16-be",
                           "utf-32", "utf-8-sig", "iso2022_jp", "latin-1", "gb18030"])  # fmt: skip
    out = _encode(text, encoding)
    if rng.random() < 0.2:
        out = rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]) + out
    return out


def mixed_encoding(rng: random.Random, data: bytes) -> bytes:
    lines = data.decode("utf-8", errors="replace").split("\n")
    other = rng.choice(["cp932", "euc_jp", "utf-16-le"])
    share = rng.choice([0.01, 0.1, 0.5, 0.9])
    return b"\n".join(_encode(line, other) if rng.random() < share else line.encode("utf-8") for line in lines)


def line_endings(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    ends = [b"\r\n", b"\r", b"\n", b"\n\r", b"\r\r\n"]
    if rng.random() < 0.5:
        return rng.choice(ends).join(lines)
    return b"".join(line + rng.choice(ends) for line in lines)


def odd_characters(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    chars = list(text)
    for _ in range(rng.choice([1, 2, 5, 20, 200])):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(ODD_CHARS))
    return "".join(chars).encode("utf-8", errors="surrogatepass")


def digits(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    spots = [m.start() for m in re.finditer(r"[0-9０-９]", text)] or [0]
    chars = list(text) or [""]
    for _ in range(rng.randint(1, 30)):
        p = rng.choice(spots)
        chars[p] = rng.choice(["0", "9", "０", "９", "元", "", "99999999999999999999", "1.5", "．", "9" * 50])
    return "".join(chars).encode("utf-8")


def structure(rng: random.Random, data: bytes) -> bytes:
    lines = data.decode("utf-8", errors="replace").split("\n")
    for _ in range(rng.randint(1, 30)):
        piece = rng.choice(STRUCTURE)
        i = rng.randrange(len(lines) + 1)
        if rng.random() < 0.5 or i == len(lines):
            lines.insert(i, piece)
        else:
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + piece + lines[i][at:]
    return "\n".join(lines).encode("utf-8")


def splice(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    out: list[bytes] = []
    for _ in range(rng.randint(2, 8)):
        i = rng.randrange(len(lines))
        out += lines[i : i + rng.randint(1, 300)]
    if rng.random() < 0.7:
        out = lines[:8] + out  # keep the header so the parser goes past it
    return _join(out)


def tiny(rng: random.Random, data: bytes) -> bytes:
    """A small report built from structure pieces: the parser's edge cases with little text."""
    parts = [rng.choice(STRUCTURE[9:11]) if rng.random() < 0.8 else "", "医療機器"]
    for _ in range(rng.randint(0, 12)):
        parts.append(rng.choice(STRUCTURE + ["説明の文章である。", "短い題名", "・実績の箇条。", "・予定の箇条", ""]))
    return "\n".join(parts).encode(rng.choice(["utf-8", "utf-8", "cp932"]), errors="replace")


def garbage(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(5)
    n = rng.choice([0, 1, 10, 1000, 100_000])
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(n))
    if kind == 1:
        return rng.choice([b"", b" ", b"\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xff\xfe\x00", "　".encode()]) * n
    if kind == 2:
        return bytes(rng.randrange(32, 127) for _ in range(n))
    if kind == 3:
        return "".join(chr(rng.randrange(0x3000, 0x9fff)) for _ in range(n)).encode("utf-8")
    return data[rng.randrange(len(data) + 1) :][: n or 1]


MUTATORS: dict[str, Mutator] = {
    "truncate-bytes": truncate_bytes, "truncate-lines": truncate_lines, "drop-head": drop_head,
    "delete-lines": delete_lines, "duplicate-lines": duplicate_lines, "shuffle-lines": shuffle_lines,
    "swap-lines": swap_lines, "random-bytes": random_bytes, "long-line": long_line,
    "whole-encoding": whole_encoding, "mixed-encoding": mixed_encoding, "line-endings": line_endings,
    "odd-characters": odd_characters, "digits": digits, "structure": structure, "splice": splice,
    "tiny": tiny, "garbage": garbage,
}  # fmt: skip
# Mutations that keep most of a parsable report come first in weight: they reach the deep code.
WEIGHTS = {"truncate-bytes": 4, "truncate-lines": 6, "drop-head": 2, "delete-lines": 8, "duplicate-lines": 6,
           "shuffle-lines": 5, "swap-lines": 5, "random-bytes": 6, "long-line": 3, "whole-encoding": 4,
           "mixed-encoding": 4, "line-endings": 3, "odd-characters": 6, "digits": 6, "structure": 10,
           "splice": 5, "tiny": 8, "garbage": 3}  # fmt: skip


def make_input(seed_bytes: bytes, seed: int, index: int) -> tuple[str, bytes]:
    """Input INDEX of the campaign SEED: one to three stacked mutations of the real report."""
    rng = random.Random(f"{seed}:{index}")
    names = list(MUTATORS)
    steps = rng.choices(names, weights=[WEIGHTS[n] for n in names], k=rng.choice([1, 1, 1, 2, 3]))
    data = seed_bytes
    for name in steps:
        data = MUTATORS[name](rng, data)
    return "+".join(steps), data


def inputs(seed_bytes: bytes, count: int, seed: int = 1) -> Iterator[tuple[int, str, bytes]]:
    for i in range(count):
        yield (i, *make_input(seed_bytes, seed, i))


# ---- checks -----------------------------------------------------------------------------------


class InvariantError(AssertionError):
    """A result came back but was wrong."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise InvariantError(what)


def field_texts(m) -> dict[str, str]:
    from policydiff.diffengine.fields import ministries_text

    if m is None:
        return {"title": "", "description": "", "ministries": "", "results": "", "plans": ""}
    return {"title": m.title, "description": m.description, "ministries": ministries_text(m.ministries),
            "results": "\n".join(b.text for b in m.results), "plans": "\n".join(b.text for b in m.plans)}


def check_ops_rebuild(diff, old, new) -> int:
    """Every change's ops give back the old and the new field text exactly; returns how many were checked."""
    from policydiff.diffengine.textdiff import rebuild

    old_by = {m.id: m for m in old.measures}
    new_by = {m.id: m for m in new.measures}
    checked = 0
    for mc in diff.measures:
        o, n = field_texts(old_by.get(mc.old_id)), field_texts(new_by.get(mc.new_id))
        for change in mc.changes:
            got = rebuild(change.ops)
            _expect(got == (o[change.field], n[change.field]),
                    f"ops of {mc.old_id}→{mc.new_id} {change.field} do not rebuild both sides")
            checked += 1
    return checked


def check_edition(ed) -> None:
    """What must hold for any edition the parser accepts."""
    from policydiff.diffengine.engine import diff_editions
    from policydiff.renderers.edition_json import render_edition_json
    from policydiff.versions.xml import edition_from_xml, edition_to_xml, validation_problems

    xml = edition_to_xml(ed)
    _expect(edition_to_xml(ed) == xml, "XML differs when written twice")
    problems = validation_problems(xml)
    _expect(not problems, f"XML is not schema-valid: {problems[:1]}")
    back = edition_from_xml(xml)
    _expect(back == ed, "parse → XML → parse is not lossless")
    _expect(edition_to_xml(back) == xml, "XML of the round-tripped edition differs")
    js = render_edition_json(ed)
    _expect(render_edition_json(back) == js, "edition JSON differs after the round trip")
    same = diff_editions(ed, ed)
    _expect(not same.has_changes(), "an edition diffed with itself has changes")
    _expect(all(m.status == "unchanged" and not m.moved and not m.changes for m in same.measures),
            "an edition diffed with itself has a measure that is not unchanged")
    _expect(len(same.measures) == len(ed.measures), "an edition diffed with itself lost measures")


def check_diff(old, new, twice: bool = True) -> None:
    """Ops rebuild both sides; every renderer gives the same text twice (for a second diff if TWICE)."""
    from policydiff.diffengine.engine import diff_editions
    from policydiff.renderers import render

    d = diff_editions(old, new)
    check_ops_rebuild(d, old, new)
    again = diff_editions(old, new) if twice else d
    for fmt in ("json", "text", "markdown", "csv"):
        out = render(d, fmt)
        _expect(isinstance(out, str) and out == render(again, fmt), f"{fmt} output differs between two runs")


def check_input(data: bytes, reference, index: int = 0) -> tuple[str, str]:
    """('accepted', '') or ('refused', reason); raises on a bug. INDEX spreads the costlier checks:
    the diff against the real report goes one way or the other, a second diff every 10th input."""
    from policydiff import PolicydiffError, parse_report
    from policydiff.diffengine.plans import results_vs_plans
    from policydiff.renderers import render

    try:
        ed = parse_report(data, source_name="fuzz.txt")
    except PolicydiffError as exc:
        message = str(exc)
        _expect("\n" not in message and message.strip() != "", f"refusal is not one line: {message!r}")
        return "refused", reason_of(message)
    check_edition(ed)
    old, new = (reference, ed) if index % 2 == 0 else (ed, reference)
    check_diff(old, new, twice=index % 10 == 0)
    if index % 5 == 0:
        render(results_vs_plans(ed), "json")
    return "accepted", ""


def reason_of(message: str) -> str:
    """A refusal message without its numbers and quotes: the reason, to count refusals by."""
    reason = re.sub(r"\d[\d,]*", "N", message)
    reason = re.sub(r"'[^']*'|「[^」]*」", "…", reason)
    return reason.split(":")[0][:90]


# ---- the campaign -----------------------------------------------------------------------------


@dataclass
class Result:
    index: int
    mutation: str
    outcome: str  # accepted, refused, failed
    reason: str
    seconds: float
    size: int


_REFERENCE = None
_SEED_BYTES = b""


def _init(seed_path: str) -> None:
    global _REFERENCE, _SEED_BYTES
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # pdf_inputs.py beside this file
    from policydiff import parse_report

    _SEED_BYTES = Path(seed_path).read_bytes()
    _REFERENCE = parse_report(_SEED_BYTES, source_name=Path(seed_path).name)


def _run_one(job: tuple[int, int] | tuple[int, int, str]) -> Result:
    seed, index = job[0], job[1]
    mutation, data = "?", b""
    start = time.perf_counter()
    try:
        if len(job) == 3:  # a PDF input
            from pdf_inputs import make_pdf_input

            mutation, data = make_pdf_input(seed, index)
        else:
            mutation, data = make_input(_SEED_BYTES, seed, index)
        outcome, reason = check_input(data, _REFERENCE, index)
    except Exception as exc:  # noqa: BLE001 - a failure is what the campaign is looking for
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb) if "policydiff" in f.filename
                      or "/work/" in f.filename), "?")
        outcome, reason = "failed", f"{type(exc).__name__}: {str(exc)[:120]} @ {where}"
    return Result(index, mutation, outcome, reason, time.perf_counter() - start, len(data))


def run(count: int, seed: int, workers: int, seed_path: Path = SEED, progress: bool = True,
        pdfs: int = 0) -> list[Result]:
    jobs: list = [(seed, i) for i in range(count)] + [(seed, i, "pdf") for i in range(pdfs)]
    if workers <= 1:
        _init(str(seed_path))
        return [_run_one(job) for job in jobs]
    import multiprocessing

    results = []
    with multiprocessing.get_context("spawn").Pool(workers, _init, (str(seed_path),)) as pool:
        for k, result in enumerate(pool.imap(_run_one, jobs, chunksize=8), 1):
            results.append(result)
            if progress and k % 500 == 0:
                failed = sum(r.outcome == "failed" for r in results)
                print(f"  {k}/{count} inputs, {failed} failed", file=sys.stderr, flush=True)
    return results


def report(results: list[Result], seconds: float) -> str:
    outcomes = Counter(r.outcome for r in results)
    pdfs = sum(r.mutation.startswith("pdf") for r in results)
    lines = [f"inputs:   {len(results)} ({pdfs} PDFs)", f"accepted: {outcomes['accepted']}", f"refused:  {outcomes['refused']}"]
    for reason, n in Counter(r.reason for r in results if r.outcome == "refused").most_common():
        lines.append(f"  {n:6d}  {reason}")
    lines.append(f"failed:   {outcomes['failed']}")
    for reason, n in Counter(r.reason for r in results if r.outcome == "failed").most_common():
        first = next(r for r in results if r.reason == reason)
        lines.append(f"  {n:6d}  {reason}  (first: input {first.index}, {first.mutation})")
    slowest = sorted(results, key=lambda r: -r.seconds)[:3]
    lines.append("slowest:  " + ", ".join(f"input {r.index} ({r.mutation}, {r.size:,} bytes) {r.seconds:.1f} s"
                                          for r in slowest))
    lines.append(f"seconds:  {seconds:.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdf", type=int, default=0, help="also this many broken or hostile PDF inputs")
    parser.add_argument("--only", type=int, help="run one input in this process and show its traceback")
    parser.add_argument("--save", type=Path, help="write the failing inputs into this directory")
    parser.add_argument("--archive-inputs", type=int, default=300,
                        help="archive cases after the inputs: odd names, received archives, kills (archive_shapes.py)")
    args = parser.parse_args(argv)
    if args.only is not None:
        _init(str(SEED))
        mutation, data = make_input(_SEED_BYTES, args.seed, args.only)
        print(f"input {args.only}: {mutation}, {len(data):,} bytes", file=sys.stderr)
        print(check_input(data, _REFERENCE, args.only))
        return 0
    start = time.perf_counter()
    results = run(args.inputs, args.seed, args.workers, pdfs=args.pdf)
    print(report(results, time.perf_counter() - start))
    failed = [r for r in results if r.outcome == "failed"]
    archive_failed = False
    if args.archive_inputs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import archive_shapes

        outcomes = archive_shapes.run(args.archive_inputs, args.seed, args.workers)
        print(archive_shapes.report(outcomes))
        archive_failed = any(o.outcome == "failed" for o in outcomes)
    if args.save and failed:
        args.save.mkdir(parents=True, exist_ok=True)
        for r in failed:
            (args.save / f"input-{args.seed}-{r.index}.bin").write_bytes(make_input(_SEED_BYTES or SEED.read_bytes(),
                                                                                   args.seed, r.index)[1])
    return 1 if failed or archive_failed else 0


if __name__ == "__main__":
    sys.exit(main())
