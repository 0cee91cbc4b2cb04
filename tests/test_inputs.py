"""Report files as they arrive: other encodings and line ends, odd digits, refusals, truncation, markers.

Every variant of the seed is derived from the real report at test time; hand-made inputs live in
tests/data/inputs/ (see the README there).
"""

from __future__ import annotations

import codecs
import hashlib
import time
from dataclasses import replace
from pathlib import Path

import pytest

from policydiff import EditionParseError, parse_report
from policydiff.versions.readers.decode import MAX_INPUT_BYTES, decode_report
from policydiff.versions.readers.text_layouts import prepare
from policydiff.versions.xml import edition_to_xml, validation_problems

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
MARKER = "# policydiff-synthetic: test edits"


@pytest.fixture(scope="module")
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")


def same_but_source(ed, ref) -> bool:
    """Equal in everything the report says (measures, budgets, goals, warnings); the source record differs."""
    return replace(ed, source=ref.source) == ref


def euc_jp_safe(text: str) -> str:
    """The seed has ①–⑤ (NEC row 13), ～ and －, which Python's euc_jp cannot encode."""
    for ch, sub in {
        "①": "(1)",
        "②": "(2)",
        "③": "(3)",
        "④": "(4)",
        "⑤": "(5)",
        "～": "〜",
        "－": "−",
    }.items():
        text = text.replace(ch, sub)
    return text


# ---- encodings and line ends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8", id="utf-8-bom"),
        pytest.param(lambda t: t.encode("cp932"), "cp932", id="cp932"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8", id="utf-8-crlf"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("cp932"), "cp932", id="cp932-crlf"),
        pytest.param(lambda t: t.encode("utf-16"), "utf-16", id="utf-16-bom"),
    ],
)
def test_seed_in_other_encoding_parses_to_the_same_edition(seed_text, seed_edition, variant, encoding):
    data = variant(seed_text)
    ed = parse_report(data, source_name=seed_edition.source.name)
    assert ed.source.encoding == encoding
    assert ed.source.sha256 == hashlib.sha256(data).hexdigest()
    assert ed.source.size == len(data)
    assert len(ed.measures) == 59
    assert same_but_source(ed, seed_edition)


def test_seed_in_euc_jp_parses_like_the_same_text_in_utf8(seed_text):
    text = euc_jp_safe(seed_text)
    ref = parse_report(text.encode("utf-8"), source_name="s.txt")
    ed = parse_report(text.encode("euc_jp"), source_name="s.txt")
    assert ed.source.encoding == "euc_jp"
    assert len(ed.measures) == 59
    assert same_but_source(ed, ref)


# `iconv -f UTF-8 -t EUC-JP-MS` writes ①–⑤ as 0xADA1–0xADA5 (NEC row 13), ～ as 0xA1C1, － as 0xA1DD;
# _eucjp_ms() reproduces its output for the seed byte for byte.
EUCJP_MS_EXTRA = {"①": b"\xad\xa1", "②": b"\xad\xa2", "③": b"\xad\xa3", "④": b"\xad\xa4", "⑤": b"\xad\xa5"}


def _eucjp_ms(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        out += EUCJP_MS_EXTRA.get(ch) or ch.encode("euc_jp")
    return bytes(out)


def test_seed_as_written_by_iconv_euc_jp_ms_parses_like_utf8(seed_text):
    # Python's euc_jp alone refused the ①–⑤ bytes (before decode.py tried euc_jis_2004).
    # ～ and － come back as 〜 and − (what EUC-JP means by 0xA1C1 and 0xA1DD): compare with that text.
    text = seed_text.replace("～", "〜").replace("－", "−")
    ref = parse_report(text.encode("utf-8"), source_name="s.txt")
    ed = parse_report(_eucjp_ms(text), source_name="s.txt")
    assert ed.source.encoding.startswith("euc")
    assert same_but_source(ed, ref)


def control_warnings(ed) -> list[str]:
    return [w.message for w in ed.warnings if w.code == "control-characters"]


def test_form_feeds_between_pages_as_pdftotext_writes_them_are_dropped_with_a_warning(
    seed_text, seed_edition
):
    lines = seed_text.split("\n")
    paged = ["\f" + line if "該当箇所" in line and no > 2 else line for no, line in enumerate(lines, 1)]
    assert sum(line.startswith("\f") for line in paged) == 8
    ed = parse_report("\n".join(paged), source_name=seed_edition.source.name)
    assert control_warnings(ed) == ["dropped 8 control character(s) from the input"]
    others = tuple(w for w in ed.warnings if w.code != "control-characters")
    assert same_but_source(replace(ed, warnings=others), seed_edition)
    assert validation_problems(edition_to_xml(ed)) == []


def test_form_feeds_reach_the_text_readers_as_page_breaks():
    """pdfminer ends each page with a form feed: its fragments reader counts pages by them (a row's cell
    going on after a break). decode_report dropped them before any reader saw one, so that rule never fired
    on a real extraction (round 15: layout 5400's pdfminer text reads exactly with them)."""
    text, _, dropped = decode_report("該当箇所\nａ\n\x0cｂ\nｃ\n\x0cｄ".encode())
    assert dropped == 2  # still said in the control-characters warning
    prepared = prepare(text)
    assert prepared.feeds == {3, 5}
    assert not any("\f" in line for line in prepared.lines) and prepared.lines[2] == "ｂ"


@pytest.mark.parametrize(
    "control",
    ["\f", "\x0b", "\x07", "\x1b", "\x7f"],
    ids=["form-feed", "vertical-tab", "bell", "escape", "delete"],
)
def test_stray_control_character_inside_a_bullet_is_dropped_with_a_warning(seed_text, seed_edition, control):
    # Before the fix lxml refused the character in edition_to_xml with ValueError: exit 3 in the CLI.
    lines = seed_text.split("\n")
    assert lines[45].startswith("・「官民による若手研究者発掘支援事業")  # seed line 46, a bullet of m004
    lines[45] = lines[45][:5] + control + lines[45][5:]
    ed = parse_report("\n".join(lines), source_name="s.txt")
    assert ed.measures == seed_edition.measures
    assert control_warnings(ed) == ["dropped 1 control character(s) from the input"]
    xml = edition_to_xml(ed)
    assert validation_problems(xml) == []


def test_many_control_characters_are_refused_as_binary(seed_text):
    noisy = "\x07".join(seed_text[i : i + 50] for i in range(0, len(seed_text), 50))
    with pytest.raises(EditionParseError, match="control characters"):
        parse_report(noisy, source_name="noisy.txt")


# ---- digits and amounts -----------------------------------------------------------------------


def test_full_width_nine_million_yen_in_the_seed_is_9_000_000(seed_edition):
    found = [(m.id, b) for m, _, _, b in seed_edition.budgets() if "９百万円" in b.text]
    assert [mid for mid, _ in found] == ["m013", "m023"]
    for _, b in found:
        assert b.yen == 9_000_000
        assert b.fiscal_year == 2024
        assert b.kind == "other"


def test_fifty_nine_million_wrapped_over_a_line_in_the_seed_is_59_000_000(seed_edition):
    # Seed lines 470-471: 「…（令和６年度予算：59百万」 / 「円）において、…」
    (budget,) = [b for _, _, _, b in seed_edition.budgets() if b.text == "令和６年度予算：59百万円"]
    assert budget.yen == 59_000_000
    assert budget.line == 470
    assert budget.program == "クリニカル・イノベーション・ネットワーク推進支援事業"


def test_budget_digits_in_full_and_half_width_and_wrapped_read_as_integer_yen():
    ed = parse_report((INPUTS / "budget_digits.txt").read_bytes(), source_name="budget_digits.txt")
    got = [(b.program, b.yen, b.fiscal_year, b.kind) for _, _, _, b in ed.budgets()]
    assert got == [
        ("全角数字試験事業", 9_000_000, 2024, "initial"),
        ("半角数字試験事業", 9_000_000, 2024, "initial"),
        ("折返し試験事業", 59_000_000, 2024, "initial"),
        ("全角小数点試験事業", 1_250_000_000, 2024, "initial"),
        ("全角数字試験事業", 1_000_000_000, 2025, "request"),
    ]
    assert all(type(b.yen) is int for _, _, _, b in ed.budgets())


def test_eleven_point_two_oku_typo_reads_as_1_12_billion_with_a_warning(seed_edition):
    typo = [b for _, _, _, b in seed_edition.budgets() if "11.2憶円" in b.text]
    assert [b.yen for b in typo] == [1_120_000_000] * 3
    warned = {w.line for w in seed_edition.warnings if w.code == "typo-oku"}
    assert {b.line for b in typo} <= warned


# ---- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b" ", b"\n\n\n", b"\r\n\t  \r\n", "　\n　".encode(), codecs.BOM_UTF8 + b"\n"],
    ids=["empty", "space", "newlines", "crlf-tabs", "ideographic-spaces", "bom-only"],
)
def test_empty_or_whitespace_only_input_is_refused(data):
    with pytest.raises(EditionParseError):
        parse_report(data, source_name="blank.txt")


def test_nul_bytes_in_the_seed_are_refused_as_binary(seed_bytes):
    data = seed_bytes[:5000] + b"\x00\x00" + seed_bytes[5000:]
    with pytest.raises(EditionParseError, match="binary"):
        parse_report(data, source_name="s.txt")


def test_png_is_refused_as_binary():
    with pytest.raises(EditionParseError, match="binary"):
        parse_report((INPUTS / "pixel.png").read_bytes(), source_name="pixel.png")


def test_bytes_in_no_supported_encoding_are_refused_naming_the_encodings():
    with pytest.raises(EditionParseError, match="UTF-8.*CP932.*EUC-JP"):
        parse_report((INPUTS / "not_text.bin").read_bytes(), source_name="not_text.bin")


def test_english_prose_is_refused_as_not_a_progress_report():
    with pytest.raises(EditionParseError, match="not a progress report"):
        parse_report((INPUTS / "english_prose.txt").read_bytes(), source_name="english_prose.txt")


def test_input_over_20_mb_is_refused_quickly_naming_the_limit():
    data = b"a" * (MAX_INPUT_BYTES + 1)
    start = time.perf_counter()
    with pytest.raises(EditionParseError, match=f"limit is {MAX_INPUT_BYTES:,} bytes"):
        parse_report(data, source_name="huge.txt")
    assert time.perf_counter() - start < 1.0
    assert MAX_INPUT_BYTES == 20 * 1024 * 1024


def test_seed_repeated_past_20_mb_is_refused_before_decoding(seed_bytes):
    data = seed_bytes * (MAX_INPUT_BYTES // len(seed_bytes) + 1)
    start = time.perf_counter()
    with pytest.raises(EditionParseError, match="limit"):
        decode_report(data)
    assert time.perf_counter() - start < 1.0


# ---- partial and synthetic input --------------------------------------------------------------


def test_seed_truncated_to_300_lines_parses_to_its_first_measures(seed_text, seed_edition):
    ed = parse_report("\n".join(seed_text.split("\n")[:300]), source_name="head.txt")
    assert 0 < len(ed.measures) < len(seed_edition.measures)
    assert all(m.line <= 300 for m in ed.measures)
    # Every measure but the one cut at line 300 is exactly the seed's.
    assert ed.measures[:-1] == seed_edition.measures[: len(ed.measures) - 1]
    assert validation_problems(edition_to_xml(ed)) == []


def test_synthetic_marker_on_the_first_line_marks_the_edition_and_keeps_line_numbers(seed_text, seed_edition):
    assert seed_text.split("\n")[0] == ""  # the marker takes the place of the seed's blank first line
    text = MARKER + "\n" + seed_text.split("\n", 1)[1]
    ed = parse_report(text, source_name="synthetic.txt")
    assert ed.synthetic is True
    assert ed.synthetic_note == "test edits"
    assert seed_edition.synthetic is False
    assert ed.measures[0].line == 8 == seed_edition.measures[0].line
    assert ed.measures == seed_edition.measures
    assert ed.warnings == seed_edition.warnings
    assert b'synthetic="true"' in edition_to_xml(ed)


def test_synthetic_marker_added_above_the_seed_reports_file_line_numbers(seed_text, seed_edition):
    ed = parse_report(MARKER + "\n" + seed_text, source_name="synthetic.txt")
    assert ed.synthetic is True
    assert [m.line for m in ed.measures] == [m.line + 1 for m in seed_edition.measures]
