"""The one table that words the engine's reasons, in English and in Japanese.

The engine decides with codes and parameters (model.Reason: `content`, score 0.62); every report
words them here, in its language, so that no report translates English prose back and the two
languages can never say different things. A code missing from the table is a programming error:
the test suite words every code in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Reason, Warning_

# code → (English, Japanese); {name} is a parameter, {name:.2f} a score.
WORDING: dict[str, tuple[str, str]] = {
    # Why two measures were paired (model.Match)
    "same-title": ("same title", "題名が一致"),
    "similarity": ("similarity", "本文が類似"),
    "shared-budget-line": ("shared budget line", "同じ予算行"),
    "auditor": ("paired by the auditor", "監査人による対応づけ"),
    "split-part": ("split part", "分割の一部"),
    "merged-part": ("merged part", "統合の一部"),
    "lost-start": ("the same description, its first lines lost on one side", "同じ説明（一方は冒頭の行が欠落）"),
    "same-measure": ("same measure", "同じ施策の実績と予定"),
    "ended": ("ended: {statement}", "終了: {statement}"),
    # Why an added or removed row was not paired with a candidate (model.Candidate)
    "paired-with": ("paired with {id} ({score:.2f})", "{id}と対応づけ済み（{score:.2f}）"),
    "below-threshold": ("below the match threshold {threshold:.2f}", "対応づけの閾値{threshold:.2f}未満"),
    "assigned-otherwise": ("the assignment paired the rows otherwise (its total score was higher)",
                           "全体の最適な対応づけでは別の行と対応（合計の類似度が高い）"),
    # Why a result answers a plan (model.FollowThrough)
    "verbatim": ("carried over verbatim", "同文で継続"),
    "row-verbatim": ("the row is carried over verbatim", "行ごと同文で継続"),
    "content": ("content {score:.2f}", "内容の類似度 {score:.2f}"),
    "same-program": ("same program", "同じ事業"),
    "other-program": ("other program", "別の事業"),
    "request-enacted": ("request enacted", "予算案が成立"),
    "other-budget-line": ("other budget line", "別の予算行"),
    "same-object": ("same object {score:.2f}", "同じ対象 {score:.2f}"),
    # What became of a plan
    "measure-gone": ("the measure is no longer in the report", "施策が報告書にない"),
    "no-result": ("no result reports on it", "これを報告する実績なし"),
    "parts-none": ("reported, but none of its {parts} parts as planned",
                   "報告はあるが、{parts}項目のいずれも予定どおりではない"),
    "parts-done": ("{done} of {parts} parts reported done", "{parts}項目中{done}項目を実施と報告"),
    "parts-progress": ("{n} in progress", "{n}項目が進行中"),
    "promised-again": ("promised again", "再び予定"),
    "promised-again-verbatim": ("promised again word for word", "同文で再び予定"),
    "program-runs": ("its program is still named: {program}", "事業は継続して記載: {program}"),
    "row-reports": ("the row's results may answer it", "同じ施策の実績が該当する可能性"),
    "nothing-answers": ("no result of the row or its program answers it",
                        "施策・事業のいずれの実績にも該当なし"),
    "stated-end": ("a stated end, not a plan: see the program events", "予定ではなく終了の記載（事業の動きを参照）"),
    # What happened to a program (model.ProgramEvent)
    "name-similarity": ("name similarity {score:.2f}", "名称の類似度 {score:.2f}"),
    "context-similarity": ("context similarity {score:.2f}", "文脈の類似度 {score:.2f}"),
    "same-budget-amount": ("same budget amount", "同じ予算額"),
    "same-work": ("the same work is reported under both names", "同じ取組を両方の名称で記載"),
    "end-announced": ("announced in the old edition", "旧版で終了を予告"),
    "end-confirmed": ("confirmed by the new edition (it states the end, or no longer names the program)",
                      "新版で確認（終了の記載、または事業名の記載なし）"),
    "end-still-named": ("still named in the new edition", "新版にも記載あり"),
    "end-stated": ("stated in the new edition", "新版に終了の記載"),
    "row-removed": ("its row was removed", "記載行が削除"),
    "first-named": ("named for the first time", "初めて記載"),
    "inside-new": ("the new edition's results name the old name, its plans the new one",
                   "新版の実績は旧名、取組予定は新名で記載"),
    "no-longer-named": ("named in the old edition, no longer in the new one, without comment",
                        "旧版に記載、新版には説明なく記載なし"),
    # Cross-edition checks (model.Warning_)
    "stale-budget-label": ("{measure}: {text!r} of {program} in the FY{fy} results, while other rows cite FY{fy} for it",
                           "{measure}: {fy}年度の実績に{program}の{text!r}（他の行は{fy}年度の額を記載）"),
}
LANGS = ("en", "ja")
SEPARATORS = {"en": "; ", "ja": "；"}  # between the reasons of one record
LIST_SEPARATORS = {"en": ", ", "ja": "、"}  # between the reasons of a pairing (same title, shared budget line)


def word(reason: Reason, lang: str = "en") -> str:
    """One reason in LANG ('en' or 'ja')."""
    en, ja = WORDING[reason.code]
    return (ja if lang == "ja" else en).format(**dict(reason.params))


# Reasons of one kind read as one clause: "same program, request enacted, content 0.70; 2 of 3 parts
# reported done, 1 in progress; promised again".
CLAUSES = {code: k for k, codes in enumerate((
    ("same-program", "other-program", "request-enacted", "other-budget-line", "content", "same-object"),
    ("parts-done", "parts-progress"),
    ("name-similarity", "context-similarity", "same-budget-amount", "same-work"),
)) for code in codes}


def words(reasons: Iterable[Reason], lang: str = "en", listed: bool = False) -> str:
    """REASONS in LANG, joined: `listed` for a pairing's (same title, shared budget line)."""
    key = "ja" if lang == "ja" else "en"
    out, last = "", None
    for r in reasons:
        clause = CLAUSES.get(r.code)
        if out:
            out += LIST_SEPARATORS[key] if listed or (clause is not None and clause == last) else SEPARATORS[key]
        out += word(r, lang)
        last = clause
    return out


def warning_text(w: Warning_, lang: str = "en") -> str:
    """A cross-edition check's message."""
    return word(Reason(w.code, (("measure", w.measure), *w.params)), lang)
