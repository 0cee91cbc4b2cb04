"""`policydiff site`: the static site over the three-edition chain, checked as files (the browser
test, test_site_browser.py, opens it in Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from test_timeline import DOC, NEXT, chain_archive  # noqa: F401  (the module's fixture)

from policydiff import api
from policydiff.cli import cli


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.csp: list[str] = []
        self.styles = self.external = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(a["content"])
        self.styles += "style" in a
        self.external += tag in ("script", "img", "link", "iframe") and bool(a.get("src") or a.get("href"))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def build(archive: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["--archive", str(archive), "site", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def site(chain_archive, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("site") / "site"
    build(chain_archive, out)
    return out


def test_every_page_is_there_with_relative_links_that_resolve(site):
    pages = sorted(p for p in site.rglob("*.html"))
    rel = {p.relative_to(site).as_posix() for p in pages}
    assert {"index.html", f"{DOC}/index.html", f"{DOC}/pairs/fy2023-synthetic--fy2024.html",
            f"{DOC}/pairs/fy2024--fy2025-synthetic.html"} <= rel
    # Issue 18: the FY2023 → FY2024 pair's two renames (国際公共調達参入支援事業 → 国際機関の調達枠組を活用した…,
    # 医療機器等安定供給確保事業 → …サプライチェーン…) join four program pages into two, and its rows whose first
    # lines were lost (m002, m020 → m021) keep their partner: two measure lineages, not four
    assert len([r for r in rel if "/programs/" in r]) == 44 and len([r for r in rel if "/measures/" in r]) == 61
    parsed = {p: parse(p) for p in pages}
    for path, page in parsed.items():
        # The reports' CSP: nothing loaded from anywhere, no inline style attribute, no outside link.
        assert len(page.csp) == 1 and page.csp[0].startswith("default-src 'none'; style-src 'sha256-")
        assert "img-src 'none'; base-uri 'none'; form-action 'none'" in page.csp[0]
        assert page.styles == 0 and page.external == 0
        for href in page.links:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc and not href.startswith("/"), (path, href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file() and site.resolve() in target.parents, (path, href)
            if parts.fragment:
                assert parts.fragment in parsed[target].ids, (path, href)


def test_pair_reports_link_both_ways_and_back_to_the_timeline(site):
    first = parse(site / DOC / "pairs" / "fy2023-synthetic--fy2024.html").links
    second = parse(site / DOC / "pairs" / "fy2024--fy2025-synthetic.html").links
    assert "fy2024--fy2025-synthetic.html" in first and "fy2023-synthetic--fy2024.html" in second
    assert "../index.html" in first and "../../index.html" in second
    timeline = parse(site / DOC / "index.html").links
    assert "pairs/fy2023-synthetic--fy2024.html" in timeline and "pairs/fy2024--fy2025-synthetic.html" in timeline
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{DOC}/pairs/fy2024--fy2025-synthetic.html"' in index


def test_synthetic_editions_are_marked_on_every_page_drawn_from_them(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # the pair reports say it as every report does: their banner, in the report's language
        assert ('<div class="banner" role="note">' in text) if "/pairs/" in path.as_posix() else "SYNTHETIC" in text, path
    program = next(p for p in (site / DOC / "programs").iterdir() if "医工連携グローバル展開事業</h1>" in p.read_text("utf-8"))
    svg = re.search(r"<svg.*?</svg>", program.read_text("utf-8"), re.S).group()
    points = re.findall(r'data-edition="([^"]+)" data-kind="([^"]+)" data-part-of="([^"]+)"', svg)
    assert sorted(points) == sorted([("fy2023-synthetic", "initial", "yes"), ("fy2023-synthetic", "request", "yes"),
                                     ("fy2024", "initial", "yes"), ("fy2024", "request", "yes"),
                                     ("fy2025-synthetic", "initial", "yes"), ("fy2025-synthetic", "request", "yes")])
    assert svg.count(">SYNTHETIC</text>") == 2


def test_regenerating_writes_identical_bytes_and_a_rerun_rewrites_nothing(site, chain_archive, tmp_path):  # noqa: F811
    other = tmp_path / "again"
    build(chain_archive, other)
    mine = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert mine == theirs
    out = build(chain_archive, other)
    assert out == f"site {other}: 0 page(s) rewritten, 109 unchanged, 0 removed; open {other / 'index.html'}\n"
    (other / DOC / "index.html").unlink()  # a page lost: the site notices and writes that page alone
    assert ": 1 page(s) rewritten, 108 unchanged, 0 removed" in build(chain_archive, other)


@pytest.mark.slow
def test_a_new_edition_rewrites_only_what_changed_and_removes_what_is_gone(chain_archive, tmp_path, site):  # noqa: F811
    archive, out = tmp_path / "archive", tmp_path / "site"
    shutil.copytree(chain_archive, archive, symlinks=True)
    shutil.copytree(site, out)  # copy2: the pages keep their times
    first_pair = out / DOC / "pairs" / "fy2023-synthetic--fy2024.html"
    written = first_pair.stat().st_mtime_ns
    mine = out / "notes.txt"
    mine.write_text("the auditor's own file\n", encoding="utf-8")

    def add(label: str, seed: int) -> tuple[int, int, int]:
        made = api.synth(NEXT, seed=seed, edits=4)  # a revision of the FY2025 edition (same years)
        (tmp_path / f"{label}.txt").write_text(made.text, encoding="utf-8")
        assert CliRunner().invoke(cli, ["--archive", str(archive), "ingest", str(tmp_path / f"{label}.txt"),
                                        "--edition", label]).exit_code == 0
        counts = re.search(r": (\d+) page\(s\) rewritten, (\d+) unchanged, (\d+) removed", build(archive, out))
        return tuple(map(int, counts.groups()))

    # After the last edition: the first pair's report (same pair, same neighbours) is not rewritten.
    rewritten, unchanged, removed = add("fy2025-zrev", 7)
    assert rewritten > 0 and unchanged >= 1 and removed == 0
    assert first_pair.stat().st_mtime_ns == written
    assert (out / DOC / "pairs" / "fy2025-synthetic--fy2025-zrev-synthetic.html").exists()
    # Between two editions: their pair is gone, and so is its page.
    rewritten, unchanged, removed = add("fy2025-arev", 8)
    assert rewritten > 0 and removed >= 1  # the pair page, and a lineage that now starts a step earlier
    assert not (out / DOC / "pairs" / "fy2024--fy2025-synthetic.html").exists()
    assert (out / DOC / "pairs" / "fy2024--fy2025-arev-synthetic.html").exists()
    assert mine.read_text(encoding="utf-8") == "the auditor's own file\n"  # never ours to touch


def test_site_refuses_a_file_as_its_folder(chain_archive, tmp_path):  # noqa: F811
    target = tmp_path / "site"
    target.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--archive", str(chain_archive), "site", "-o", str(target)])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_progress_is_shown_on_a_terminal(chain_archive, tmp_path):  # noqa: F811
    import pty

    exe = Path(sys.executable).parent / "policydiff"
    if not exe.exists():
        pytest.skip("the policydiff entry point is not installed")
    primary, secondary = pty.openpty()
    proc = subprocess.run([str(exe), "--archive", str(chain_archive), "site", "-o", str(tmp_path / "s")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary, timeout=300)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.returncode == 0
    assert b"\rsite: pair 1 of 2" in shown and b"\rsite: pair 2 of 2" in shown
    assert b"page(s) rewritten" in proc.stdout
