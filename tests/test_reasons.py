"""One output contract (issue 18): the engine's reasons are codes with parameters, worded in English and
Japanese from the one table of diffengine/reasons.py; a citation is one record; a warning names its
measure in a field."""

from __future__ import annotations

import re
from pathlib import Path

from policydiff.diffengine import model, reasons
from policydiff.diffengine.model import Reason

ENGINE = Path(reasons.__file__).parent


def _codes_in_the_engine() -> set[str]:
    found = set()
    for path in ENGINE.glob("*.py"):
        found |= set(re.findall(r"\bwhy\(\s*\"([a-z-]+)\"", path.read_text(encoding="utf-8")))
    return found | {model.AUDITOR}


def test_every_reason_the_engine_gives_is_worded_in_both_languages_from_the_one_table():
    codes = _codes_in_the_engine()
    assert len(codes) >= 25
    assert codes <= set(reasons.WORDING), sorted(codes - set(reasons.WORDING))
    for code, (en, ja) in reasons.WORDING.items():
        names = set(re.findall(r"{(\w+)", en))
        assert names == set(re.findall(r"{(\w+)", ja)), code  # the same parameters in both languages
        r = Reason(code, tuple((n, 0.5) for n in sorted(names)))
        assert reasons.word(r, "en") and reasons.word(r, "ja")
        assert not re.search(r"[A-Za-z]{3,}", reasons.word(r, "ja").replace("FY", "")), code


def test_reasons_of_one_kind_read_as_one_clause():
    rs = (model.why("same-program"), model.why("content", score=0.62), model.why("parts-done", done=1, parts=2),
          model.why("parts-progress", n=1), model.why("promised-again"))
    assert reasons.words(rs) == "same program, content 0.62; 1 of 2 parts reported done, 1 in progress; promised again"
    assert reasons.words(rs, "ja") == "同じ事業、内容の類似度 0.62；2項目中1項目を実施と報告、1項目が進行中；再び予定"


def test_a_citation_is_one_record_for_the_ledger_and_the_program_events():
    assert not hasattr(model, "Evidence")
    fields = {f for f in model.FollowThrough.__dataclass_fields__}
    assert model.FollowThrough.__annotations__["plan"] == "Cited"
    assert model.ProgramEvent.__annotations__["evidence"] == "Cited | None"
    assert {"candidates", "reasons"} <= fields


def test_a_warning_of_the_annual_layer_names_its_measure_in_a_field(seed_path):
    from policydiff import load_edition
    from policydiff.diffengine.engine import diff_editions

    nextyear = Path(__file__).parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
    d = diff_editions(load_edition(seed_path), load_edition(nextyear))
    (w,) = d.warnings
    assert w.measure and w.measure in {m.new_id for m in d.measures}
    assert reasons.warning_text(w).startswith(f"{w.measure}: ")
    assert w.measure not in dict(w.params).values()
