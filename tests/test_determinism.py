"""Invariants, as properties over reports hypothesis assembles: diff(a, a) reports nothing; the ops of
every change rebuild both sides; parse → XML → parse is lossless; the XML and JSON of editions and
diffs (HTML included: without options it prints no timestamp, and the CLI takes SOURCE_DATE_EPOCH)
are the same bytes run after run and whatever PYTHONHASHSEED is."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff import EditionParseError, parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.fields import measure_fields, ministries_text
from policydiff.diffengine.plans import results_vs_plans
from policydiff.diffengine.textdiff import diff_text, rebuild
from policydiff.renderers import render
from policydiff.renderers.edition_json import render_edition_json
from policydiff.versions.xml import edition_from_xml, edition_to_xml, validation_problems

ROOT = Path(__file__).resolve().parent.parent
NEXTYEAR = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
PROPERTY = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# ---- a strategy for report text ---------------------------------------------------------------

HEADER = "該当箇所 列1 列2 列3 令和{0}年度の実績・状況 令和{1}年度の取組予定"
WORDS = ["医療機器", "研究開発", "の", "を", "推進", "支援", "する", "した", "実用化", "に向けて", "、", "企業",
         "ベンチャー", "AI", "プログラム", "１２", "9", "拠点", "整備", "人材", "育成", "国際展開", "連携"]  # fmt: skip
PROGRAMS = ["医工連携イノベーション推進事業", "医療機器等研究成果展開事業", "次世代型医療機器開発等促進事業",
            "医療機器等安定供給確保事業"]  # fmt: skip
MINISTRIES = ["厚", "経", "文", "内", "内官", "総", "デ", "謎"]

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=24).map("".join)


@st.composite
def budget(draw) -> str:
    year = draw(st.sampled_from(["令和６年度", "令和7年度", "令和元年度"]))
    kind = draw(st.sampled_from(["予算", "補正予算", "予算案", "予算（案）"]))
    amount = draw(st.sampled_from(["19億円", "3.8億円", "９百万円", "11.2憶円", "59百万円"]))
    return f"{year}{kind}：{amount}" + draw(st.sampled_from(["", "の内数"]))


@st.composite
def bullet(draw, narrow: bool) -> list[str]:
    text = "・" + draw(sentence)
    if draw(st.booleans()):
        text += f"「{draw(st.sampled_from(PROGRAMS))}」（{draw(budget())}）において"
    if draw(st.integers(0, 5)) == 0:
        old, new = draw(st.permutations(PROGRAMS))[:2]
        text += f"「{old}」の後継事業となる「{new}」"
    text += draw(sentence) + "。"
    width = 20 if narrow else 34  # plans lines print narrower than results lines
    return [text[i : i + width] for i in range(0, len(text), width)]


@st.composite
def row(draw) -> list[str]:
    lines = [draw(st.sampled_from(["", "研究開発の推進", "人材育成の強化", "国際展開の支援", "＜有事の取組＞（再掲）"]))]
    codes = draw(st.lists(st.sampled_from(MINISTRIES), min_size=1, max_size=3, unique=True))
    tag = "［" + "、".join(("◎" if k == 0 else "") + c for k, c in enumerate(codes)) + "］"
    description = draw(sentence) + "ため、" + draw(sentence) + "を進める。"
    lines += [description[i : i + 34] for i in range(0, len(description), 34)]
    lines[-1] += tag
    for narrow in (False, True):
        for _ in range(draw(st.integers(0, 3))):
            lines += [""] + draw(bullet(narrow))
    return [x for x in lines if x != ""] if draw(st.booleans()) else lines


@st.composite
def reports(draw) -> str:
    year = draw(st.integers(1, 12))
    lines = ["", HEADER.format(year, year + 1), "", "（１）「医療機器の研究開発の推進」に向けて"]
    for g in range(draw(st.integers(1, 3))):
        lines.append(f"【医療機器の研究開発の推進{g}】" + draw(st.sampled_from(["", "（再掲）"])))
        for _ in range(draw(st.integers(1, 4))):
            lines += [""] + draw(row())
    return "\n".join(lines) + "\n"


def parsed(text: str):
    try:
        return parse_report(text, source_name="generated.txt")
    except EditionParseError:
        return None


def texts(m) -> dict[str, str]:
    return {"title": m.title, "description": m.description, "ministries": ministries_text(m.ministries),
            "results": "\n".join(b.text for b in m.results), "plans": "\n".join(b.text for b in m.plans)}


# ---- properties -------------------------------------------------------------------------------


@pytest.mark.slow
@PROPERTY
@given(text=reports())
def test_parse_xml_parse_is_lossless_and_the_bytes_are_stable(text):
    ed = parsed(text)
    if ed is None:
        return
    xml = edition_to_xml(ed)
    assert validation_problems(xml) == []
    back = edition_from_xml(xml)
    assert back == ed
    assert edition_to_xml(back) == xml == edition_to_xml(parsed(text))
    assert render_edition_json(back) == render_edition_json(ed)


@PROPERTY
@given(text=reports())
def test_an_edition_diffed_with_itself_reports_nothing(text):
    ed = parsed(text)
    if ed is None:
        return
    for d in (diff_editions(ed, ed), diff_editions(ed, edition_from_xml(edition_to_xml(ed)))):
        assert not d.has_changes()
        assert [m.status for m in d.measures] == ["unchanged"] * len(ed.measures)
        assert not any(m.moved or m.changes for m in d.measures)
        assert d.budgets == () and d.renames == () and d.programs_added == d.programs_removed == ()


@pytest.mark.slow
@PROPERTY
@given(old_text=reports(), new_text=reports())
def test_the_ops_of_every_change_rebuild_both_sides_exactly(old_text, new_text):
    old, new = parsed(old_text), parsed(new_text)
    if old is None or new is None:
        return
    d = diff_editions(old, new)
    old_by, new_by = {m.id: m for m in old.measures}, {m.id: m for m in new.measures}
    for mc in d.measures:
        o = texts(old_by[mc.old_id]) if mc.old_id else dict.fromkeys(texts(new_by[mc.new_id]), "")
        n = texts(new_by[mc.new_id]) if mc.new_id else dict.fromkeys(o, "")
        for change in mc.changes:
            assert rebuild(change.ops) == (o[change.field], n[change.field]), (mc.status, change.field)
        if mc.status in ("changed", "unchanged"):  # a pairing's five fields, changed or not
            for f in measure_fields(old_by[mc.old_id], new_by[mc.new_id]):
                assert rebuild(f.ops) == (o[f.field], n[f.field])
    for fmt in ("json", "text", "markdown", "csv"):
        assert render(d, fmt) == render(diff_editions(old, new), fmt)


@pytest.mark.slow
@PROPERTY
@given(old=st.text(max_size=200), new=st.text(max_size=200))
def test_text_ops_rebuild_any_two_strings(old, new):
    assert rebuild(diff_text(old, new)) == (old, new)


# ---- bytes across processes and PYTHONHASHSEED ------------------------------------------------

HASHES = """
import hashlib, sys
from policydiff import load_edition, parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.plans import results_vs_plans
from policydiff.renderers import render
from policydiff.renderers.edition_json import render_edition_json
from policydiff.versions.xml import edition_to_xml
seed = load_edition(sys.argv[1])
edited = parse_report(open(sys.argv[2], "rb").read(), source_name="edited.txt")
outputs = [edition_to_xml(edited), render_edition_json(edited).encode()]
nextyear = load_edition(sys.argv[3])  # the hand-written next edition: the annual layer too
for d in (diff_editions(seed, edited), diff_editions(edited, seed), results_vs_plans(edited),
          diff_editions(seed, nextyear)):
    outputs += [render(d, fmt).encode() for fmt in ("json", "text", "markdown", "csv", "html")]
print(" ".join(hashlib.sha256(o).hexdigest()[:16] for o in outputs))
"""


def edit(seed_bytes: bytes) -> bytes:
    """Edits of every kind the engine reports: a budget, a word, a lead ministry, a rename, a removed row."""
    text = seed_bytes.decode("utf-8")
    for old, new in (("13億円", "15億円"), ("推進した", "強化した"), ("［◎厚、経］", "［厚、◎経］"),
                     ("医療機器等安定供給確保事業", "医療機器等供給体制強化事業")):  # fmt: skip
        text = text.replace(old, new)
    lines = text.split("\n")
    return "\n".join(lines[:100] + lines[130:]).encode("utf-8")


@pytest.mark.slow
def test_edition_and_diff_outputs_are_identical_bytes_whatever_pythonhashseed(seed_path, seed_bytes, tmp_path):
    edited = tmp_path / "edited.txt"
    edited.write_bytes(edit(seed_bytes))
    seen = {}
    for hash_seed in ("0", "1", "2", "3", "random"):
        done = subprocess.run([sys.executable, "-c", HASHES, str(seed_path), str(edited), str(NEXTYEAR)],
                              capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": hash_seed}, cwd=ROOT.parent,
                              timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr
        seen[hash_seed] = done.stdout
    assert len(set(seen.values())) == 1, seen
    assert len(seen["0"].split()) == 22


def test_the_edit_used_for_determinism_changes_every_part_of_a_diff(seed_edition, seed_bytes):
    d = diff_editions(seed_edition, parse_report(edit(seed_bytes), source_name="edited.txt"))
    summary = d.summary()
    assert summary["budgets"]["changed"] >= 1 and summary["measures"]["changed"] >= 1
    assert summary["measures"]["removed"] >= 1
    assert results_vs_plans(seed_edition).budgets


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "csv", "html"])
def test_cli_diff_output_is_identical_bytes_run_after_run(seed_path, seed_bytes, tmp_path, fmt, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1742169600")  # the HTML header's timestamp, fixed
    from click.testing import CliRunner

    from policydiff.cli import cli

    edited = tmp_path / "edited.txt"
    edited.write_bytes(edit(seed_bytes))
    outs = [CliRunner().invoke(cli, ["diff", str(seed_path), str(edited), "--format", fmt]) for _ in range(2)]
    assert outs[0].exit_code == outs[1].exit_code == 1
    assert outs[0].stdout_bytes == outs[1].stdout_bytes
    assert hashlib.sha256(outs[0].stdout_bytes).digest() != hashlib.sha256(b"").digest()
