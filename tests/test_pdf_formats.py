"""Format 2 of the edition XML and JSON: the 「担当」 office and PDF boxes; format 1 still reads.

tests/data/formats/seed-format1.xml was written by the format-1 writer (before this change) from the
bundled report; tests/data/pdf/*-synthetic.pdf are the INVENTED variants made by tests/pdfgen/.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_editions import pdf_edition

from policydiff.cli import cli
from policydiff.versions.readers.parse_text import PARSER_VERSION
from policydiff.versions.xml import edition_from_xml, edition_to_xml, validation_problems

DATA = Path(__file__).resolve().parent / "data"
PDFS = DATA / "pdf"
FORMAT1 = DATA / "formats" / "seed-format1.xml"


def read_pdf(name: str):
    return pdf_edition(name)  # the PDF reader's edition, source as ingest records it; read once per process


@pytest.fixture(scope="module")
def office_edition():
    return read_pdf("office-synthetic.pdf")


def test_format1_xml_still_reads_as_the_same_edition(seed_edition):
    data = FORMAT1.read_bytes()
    assert b'format="1"' in data and validation_problems(data) == []
    old = edition_from_xml(data)
    # What the parser has learnt since that file was written (issue 13): a stray ＞ dropped from m040's
    # title, and two warnings (title-bracket, label-fragment); parser 3 names each warning's measure
    # (format 1 has no field for it). Everything else reads back the same.
    learnt = {"title-bracket", "label-fragment"}
    unnamed = tuple(replace(w, measure="") for w in seed_edition.warnings)
    assert {w.code for w in set(unnamed) - set(old.warnings)} == learnt
    now = replace(seed_edition, warnings=tuple(w for w in unnamed if w.code not in learnt),
                  measures=tuple(replace(m, title=m.title + "＞") if m.id == "m040" else m
                                 for m in seed_edition.measures))
    assert replace(old, parser_version=seed_edition.parser_version) == now


def test_pdf_edition_round_trips_through_format2_xml_with_boxes():
    ed = read_pdf("seed-drawn.pdf")
    xml = edition_to_xml(ed)
    assert b'format="2"' in xml and validation_problems(xml) == []
    back = edition_from_xml(xml)
    assert back == ed
    assert back.measures[0].bbox == ed.measures[0].bbox is not None
    assert edition_to_xml(back) == xml


def test_office_column_is_each_measures_office_never_its_text(office_edition):
    assert (office_edition.results_fy, office_edition.plans_fy) == (2024, 2025)
    assert office_edition.synthetic and office_edition.edition == "fy2024-synthetic"
    assert "INVENTED" in office_edition.synthetic_note
    # Every row with a ministry tag has an office (m050 has neither in the report).
    assert [m.id for m in office_edition.measures if not m.office] == ["m050"]
    assert {m.office for m in office_edition.measures if m.ministries and m.ministries[0].code == "経"
            and m.ministries[0].lead} == {"経産省ヘルスケア産業課医療・福祉機器産業室"}
    m1 = office_edition.measures[0]
    assert m1.office == "厚労省医療機器審査管理課"  # wrapped over two lines in its cell, joined
    for m in office_edition.measures:
        texts = [m.description] + [b.text for b in m.results + m.plans]
        assert not (m.office and any(m.office in t for t in texts)), m.id
    assert len(office_edition.measures) == 59 and len(office_edition.budgets()) == 71


def test_office_is_kept_in_xml_and_json(office_edition):
    xml = edition_to_xml(office_edition)
    assert "<office>厚労省医療機器審査管理課</office>".encode() in xml
    assert edition_from_xml(xml).measures[0].office == "厚労省医療機器審査管理課"
    from policydiff.renderers.edition_json import edition_dict

    data = edition_dict(office_edition)
    assert data["schema"] == "policydiff/edition/2"
    assert data["measures"][0]["office"] == "厚労省医療機器審査管理課"
    assert len(data["measures"][0]["bbox"]) == 4


def test_fy2022_style_header_gives_its_years_and_stays_synthetic():
    ed = read_pdf("fy2022-synthetic.pdf")
    assert (ed.results_fy, ed.plans_fy) == (2022, 2023)
    assert (ed.results_label, ed.plans_label) == ("令和４年度の実績・状況", "令和５年度の取組予定")
    assert ed.synthetic and ed.edition == "fy2022-synthetic"
    assert len(ed.measures) == 59


def test_diff_of_format1_xml_and_the_pdf_finds_no_substantive_change():
    result = CliRunner().invoke(cli, ["diff", str(FORMAT1), str(PDFS / "seed-chromium.pdf"), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    # The one change: the stray ＞ that parser 1 left in m040's title and today's parser drops.
    assert report["summary"]["measures"]["unchanged"] == 58
    [m040] = [m for m in report["measures"] if m["substantive"]]
    assert (m040["old_id"], m040["status"], [c["field"] for c in m040["changes"]]) == ("m040", "changed", ["title"])
    assert [c["format_only"] for c in m040["changes"]] == [False]
    assert report["summary"]["budgets"] == {"changed": 0, "added": 0, "removed": 0}


def test_reparse_migrates_an_archive_written_with_format_1(tmp_path, seed_path, seed_edition):
    from policydiff.api import open_archive

    archive = tmp_path / "archive"
    old_xml = FORMAT1.read_bytes()
    open_archive(archive).ingest("iryokiki-kihonkeikaku", "fy2024", old_xml, seed_path.read_bytes(),
                                 "fy2024.txt", "1", seed_edition.counts())
    runner = CliRunner()
    # Format 1 is valid; verify names the parser upgrade and the way out.
    checked = runner.invoke(cli, ["--archive", str(archive), "verify"])
    assert checked.exit_code == 1 and f"made by parser 1; this is parser {PARSER_VERSION}" in checked.stdout
    assert "run policydiff reparse" in checked.stdout and "schema" not in checked.stdout
    before = runner.invoke(cli, ["--archive", str(archive), "show", "fy2024", "--format", "json"])
    assert before.exit_code == 0 and json.loads(before.stdout)["parser"] == "1"
    migrated = runner.invoke(cli, ["--archive", str(archive), "reparse"])
    assert migrated.exit_code == 0 and "reparsed: 1 edition(s) changed" in migrated.stdout
    stored = (archive / "reports" / "iryokiki-kihonkeikaku" / "fy2024.xml").read_bytes()
    assert b'format="2"' in stored and f'parser="{PARSER_VERSION}"'.encode() in stored
    assert edition_from_xml(stored) == replace(seed_edition, source=edition_from_xml(stored).source)
    assert runner.invoke(cli, ["--archive", str(archive), "verify"]).exit_code == 0


def test_an_office_column_that_appears_is_reported_in_every_format(seed_path, office_edition, tmp_path):
    result = CliRunner().invoke(cli, ["diff", str(seed_path), str(PDFS / "office-synthetic.pdf"), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    first = data["measures"][0]
    assert [c["field"] for c in first["changes"]] == ["office"]
    assert first["changes"][0]["ops"] == [["+", "厚労省医療機器審査管理課"]]
    assert sum(1 for m in data["measures"] if m["changes"]) == 58  # every measure but m050, which has no tag
    # The other formats from the same edition as its XML (the PDF read once, by the module's fixture, where
    # each format read it again: 1-3 s a read).
    office_xml = tmp_path / "office-synthetic.xml"
    office_xml.write_bytes(edition_to_xml(office_edition))
    assert json.loads(CliRunner().invoke(cli, ["diff", str(seed_path), str(office_xml), "--format", "json"]).stdout
                      )["measures"] == data["measures"]
    for fmt, label in (("markdown", "**office**"), ("text", "office"), ("html", "担当")):
        shown = CliRunner().invoke(cli, ["diff", str(seed_path), str(office_xml), "--format", fmt])
        assert shown.exit_code == 1 and label in shown.stdout and "厚労省医療機器審査管理課" in shown.stdout, fmt


def test_a_warning_names_its_measure_in_the_xml_and_keeps_it(seed_edition):
    """Reports group warnings by measure: the id is a field (issue 18), not words at a message's head."""
    worded = [w for w in seed_edition.warnings if w.message[:1] == "m" and ":" in w.message]
    assert len(worded) >= 15 and all(w.measure == w.message.split(":")[0] for w in worded)
    typo = next(w for w in seed_edition.warnings if w.code == "typo-oku")
    assert typo.measure == "m004" and "m004" not in typo.message  # its message never said so
    xml = edition_to_xml(seed_edition)
    assert b'code="typo-oku" page="1" line="67" measure="m004"' in xml and validation_problems(xml) == []
    assert edition_from_xml(xml).warnings == seed_edition.warnings
