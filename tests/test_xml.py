"""Normalized edition XML: schema-valid, deterministic, lossless, and hardened against hostile input."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff import EditionParseError, EditionXMLError, load_edition, parse_report
from policydiff.renderers.edition_json import render_edition_json
from policydiff.versions.xml import edition_from_xml, edition_to_xml, parse_xml, validation_problems

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_xml(seed_edition) -> bytes:
    return edition_to_xml(seed_edition)


# ---- schema, determinism, round trip ----------------------------------------------------------


def test_seed_xml_is_valid_against_the_schema(seed_xml):
    assert validation_problems(seed_xml) == []
    root = parse_xml(seed_xml)
    assert root.tag == "edition"
    assert len(root.find("measures")) == 59
    assert seed_xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    assert seed_xml.endswith(b"</edition>\n")


def test_seed_xml_is_byte_identical_when_serialized_twice_and_reparsed(seed_edition, seed_xml, seed_bytes):
    assert edition_to_xml(seed_edition) == seed_xml
    again = parse_report(seed_bytes, source_name=seed_edition.source.name)
    assert edition_to_xml(again) == seed_xml


HASH_SCRIPT = """
import hashlib, sys
from policydiff import load_edition
from policydiff.versions.xml import edition_to_xml
from policydiff.renderers.edition_json import render_edition_json
ed = load_edition(sys.argv[1])
print(hashlib.sha256(edition_to_xml(ed)).hexdigest())
print(hashlib.sha256(render_edition_json(ed).encode("utf-8")).hexdigest())
"""


@pytest.mark.slow  # two fresh interpreters parse and render the seed
def test_xml_and_json_bytes_do_not_depend_on_pythonhashseed(seed_path, seed_edition, seed_xml):
    expected = (
        hashlib.sha256(seed_xml).hexdigest()
        + "\n"
        + hashlib.sha256(render_edition_json(seed_edition).encode("utf-8")).hexdigest()
        + "\n"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", HASH_SCRIPT, str(seed_path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT.parent,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected, f"PYTHONHASHSEED={hash_seed}"


def test_seed_round_trips_through_xml_to_an_equal_edition(seed_edition, seed_xml):
    back = edition_from_xml(seed_xml)
    assert back == seed_edition
    assert edition_to_xml(back) == seed_xml


def test_seed_xml_file_loads_through_load_edition(tmp_path, seed_edition, seed_xml):
    path = tmp_path / "fy2024.xml"
    path.write_bytes(seed_xml)
    assert load_edition(path) == seed_edition


# ---- property: mutated seeds ------------------------------------------------------------------

DIGITS = "0123456789０１２３４５６７８９"
MUTATION = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "digit"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
)


def mutate(lines: list[str], mutations: list[tuple[str, int, int, int]]) -> list[str]:
    out = list(lines)
    for op, a, b, c in mutations:
        i = a % len(out)
        if op == "delete":
            del out[i]
        elif op == "duplicate":
            out.insert(i, out[i])
        elif op == "swap":
            j = b % len(out)
            out[i], out[j] = out[j], out[i]
        else:
            with_digits = [k for k, line in enumerate(out) if any(ch in DIGITS for ch in line)]
            k = with_digits[a % len(with_digits)]
            spots = [p for p, ch in enumerate(out[k]) if ch in DIGITS]
            p = spots[b % len(spots)]
            out[k] = out[k][:p] + DIGITS[c % len(DIGITS)] + out[k][p + 1 :]
    return out


@pytest.fixture(scope="module")
def seed_lines(seed_bytes) -> list[str]:
    return seed_bytes.decode("utf-8").split("\n")


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.slow
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_seed_is_refused_or_round_trips_through_valid_deterministic_xml(seed_lines, mutations):
    text = "\n".join(mutate(seed_lines, mutations))
    try:
        ed = parse_report(text, source_name="mutated.txt")
    except EditionParseError:
        return
    xml = edition_to_xml(ed)
    assert validation_problems(xml) == []
    assert edition_to_xml(ed) == xml
    back = edition_from_xml(xml)
    assert back == ed
    assert edition_to_xml(back) == xml


# ---- hostile and invalid XML ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xxe_file.xml", "DOCTYPE or entity declarations is refused"),
        ("billion_laughs.xml", "DOCTYPE or entity declarations is refused"),
        ("external_dtd.xml", "DOCTYPE or entity declarations is refused"),
        ("deep_nesting.xml", "malformed XML: Excessive depth"),
        ("pixel.png", "malformed XML"),
        ("english_prose.txt", "malformed XML"),
        ("wrong_root.xml", "Expecting element edition, got report"),
    ],
)
def test_hostile_or_foreign_xml_is_refused_with_a_clear_message(name, message):
    data = (INPUTS / name).read_bytes()
    with pytest.raises(EditionXMLError, match="not a valid policydiff edition") as info:
        edition_from_xml(data)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and "root:" not in text
    problems = validation_problems(data)
    assert len(problems) >= 1 and message in problems[0]


@pytest.mark.parametrize(
    "name", ["xxe_file.xml", "billion_laughs.xml", "external_dtd.xml", "deep_nesting.xml"]
)
def test_hostile_xml_file_is_refused_by_load_edition(name):
    with pytest.raises(EditionXMLError):
        load_edition(INPUTS / name)


def test_parse_xml_refuses_doctype_before_parsing():
    with pytest.raises(EditionXMLError, match="DOCTYPE"):
        parse_xml((INPUTS / "xxe_file.xml").read_bytes())


def _as_utf16(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*\?>", "<?xml version='1.0' encoding='UTF-16'?>", text)
    return text.encode("utf-16")


def test_external_entity_in_utf16_never_reads_the_file(seed_xml):
    doctype = '<!DOCTYPE edition [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    xml = seed_xml.replace(b"?>\n", b"?>\n" + doctype.encode(), 1).replace(
        b"<first-line>", b"<first-line>&xxe;", 1
    )
    try:
        ed = edition_from_xml(_as_utf16(xml))
    except EditionXMLError:
        return
    assert "root:" not in repr(ed)


def test_doctype_in_utf16_xml_is_refused_like_in_utf8(seed_xml):
    doctype = '<!DOCTYPE edition [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    xml = seed_xml.replace(b"?>\n", b"?>\n" + doctype.encode(), 1).replace(
        b"<first-line>", b"<first-line>&xxe;", 1
    )
    with pytest.raises(EditionXMLError, match="DOCTYPE"):
        edition_from_xml(_as_utf16(xml))


def test_seed_xml_in_utf16_without_doctype_reads_the_same(seed_edition, seed_xml):
    assert edition_from_xml(_as_utf16(seed_xml)) == seed_edition


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(lambda x: re.sub(rb'yen="\d+"', b'yen="abc"', x, count=1), "yen", id="yen-not-a-number"),
        pytest.param(lambda x: re.sub(rb'yen="\d+"', b'yen="-5"', x, count=1), "yen", id="yen-negative"),
        pytest.param(
            lambda x: x.replace(b'kind="initial"', b'kind="guess"', 1), "kind", id="unknown-budget-kind"
        ),
        pytest.param(lambda x: x.replace(b'goal="g01"', b'goal="g99"', 1), "g99", id="dangling-goal"),
        pytest.param(lambda x: x.replace(b'id="m002"', b'id="m001"', 1), "m001", id="duplicate-measure-id"),
        pytest.param(
            lambda x: x.replace(b'format="2"', b'format="3"', 1), "Element edition", id="future-format"
        ),
        pytest.param(
            lambda x: x.replace(b'edition="fy2024"', b'edition="../fy2024"', 1),
            "edition",
            id="edition-label-escapes",
        ),
        pytest.param(
            lambda x: re.sub(rb"<measures>.*</measures>", b"<measures/>", x, flags=re.S),
            "Expecting an element",
            id="no-measures",
        ),
    ],
)
def test_schema_invalid_edition_is_refused(seed_xml, edit, message):
    bad = edit(seed_xml)
    assert bad != seed_xml
    problems = validation_problems(bad)
    assert problems
    with pytest.raises(EditionXMLError, match="not a valid policydiff edition") as info:
        edition_from_xml(bad)
    assert message in str(info.value) or message in " ".join(problems)


# ---- numbers are bounded at the schema and at the reader --------------------------------------

HUGE = b"9" * 400


@pytest.mark.parametrize(
    ("attr", "pattern"),
    [
        pytest.param("yen", rb'yen="\d+"', id="yen"),
        pytest.param("size", rb'size="\d+"', id="source-size"),
        pytest.param("results-fy", rb'results-fy="\d+"', id="results-fy"),
        pytest.param("page", rb'page="\d+"', id="page"),
        pytest.param("fiscal-year", rb'fiscal-year="\d+"', id="fiscal-year"),
    ],
)
def test_a_400_digit_number_is_refused_by_the_schema_and_by_the_reader(seed_xml, attr, pattern):
    bad = re.sub(pattern, f'{attr}="'.encode() + HUGE + b'"', seed_xml, count=1)
    assert bad != seed_xml
    with pytest.raises(EditionXMLError, match="not a valid policydiff edition"):
        edition_from_xml(bad)
    from policydiff.versions import xml as xml_module

    # The reader does not rely on the schema alone: it bounds every number it converts.
    with pytest.raises(EditionXMLError, match="out of range"):
        xml_module._edition(parse_xml(bad))


@pytest.mark.parametrize("command", [["show", "--format", "xml"], ["show"], ["plans"], ["diff", "SEED"]])
def test_show_diff_and_plans_of_xml_with_a_400_digit_yen_are_exit_2(tmp_path, seed_xml, seed_path, command):
    from click.testing import CliRunner

    from policydiff.cli import cli

    bad = tmp_path / "huge.xml"
    bad.write_bytes(re.sub(rb'yen="\d+"', b'yen="' + HUGE + b'"', seed_xml, count=1))
    args = [str(seed_path) if a == "SEED" else a for a in command]
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), *args[:1], *args[1:], str(bad)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "not a valid policydiff edition" in result.stderr


def test_the_largest_amount_the_parser_reads_stays_within_the_bound(tmp_path, seed_xml, seed_path):
    from click.testing import CliRunner

    from policydiff.cli import cli
    from policydiff.versions.readers.budgets import yen_of

    largest = yen_of("9" * 30, "億")
    edited = re.sub(rb'yen="\d+"', f'yen="{largest}"'.encode(), seed_xml, count=1)
    assert edition_from_xml(edited).measures  # schema and reader accept it
    path = tmp_path / "largest.xml"
    path.write_bytes(edited)
    for args in (["show", str(path)], ["plans", str(path)], ["diff", str(seed_path), str(path)]):
        result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), *args])
        assert result.exit_code in (0, 1), (args, result.output)
