"""The static site in real Chromium (Debian's /usr/bin/chromium through Playwright, every request that
is not a file of the site aborted): every page loads without a console error, every link resolves,
the keyboard reaches and works the search box, a 390 px phone has no sideways scroll, and the
program chart shows one point per edition and kind. One browser for the module, or the session's
when tests/conftest.py offers one."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from test_timeline import DOC, chain_archive  # noqa: F401  (the module's fixture)

from policydiff import api
from policydiff.cli import cli

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def chromium(request):
    """The session's browser if conftest has one, else one launch for this module (BROWSER.md)."""
    try:
        yield request.getfixturevalue("browser")
        return
    except pytest.FixtureLookupError:
        pass
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, timeout=120_000)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(chain_archive, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("site") / "site"
    assert CliRunner().invoke(cli, ["--archive", str(chain_archive), "site", "-o", str(out)]).exit_code == 0
    return out


class Tab:
    """A browser context over the site: console errors and any request outside the folder recorded."""

    def __init__(self, browser, site: Path, javascript: bool = True, width: int = 1280) -> None:
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 844})
        self.context.set_default_timeout(120_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.root = site.resolve().as_uri()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.root + "/"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri(), wait_until="domcontentloaded")

    def close(self) -> None:
        self.context.close()
        assert self.errors == [] and self.outside == [], (self.errors, self.outside)


def test_every_page_loads_cleanly_and_every_link_resolves(chromium, site):
    tab = Tab(chromium, site)
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for path in sorted(site.rglob("*.html")):
        tab.open(path)
        found = tab.page.evaluate("""() => ({ids: [...document.querySelectorAll('[id]')].map(e => e.id),
            links: [...document.querySelectorAll('a[href]')].map(a => a.href),
            heading: (document.querySelector('h1') || {}).offsetHeight || 0})""")
        ids[path.resolve()] = set(found["ids"])
        links += [(path, href) for href in found["links"]]
        assert found["heading"] > 0, path  # a visible title: the page rendered
    tab.close()
    assert len(ids) == 109 and len(links) > 1000  # lineages the FY2023 → FY2024 pair now joins (issue 18)
    for page, href in links:
        parts = urlsplit(href)
        assert parts.scheme == "file", (page, href)
        target = Path(unquote(parts.path)).resolve()
        assert target in ids, (page, href)  # a page of the site, so inside the folder
        assert not parts.fragment or parts.fragment in ids[target], (page, href)


def test_keyboard_reaches_the_search_box_and_follows_a_result(chromium, site):
    tab = Tab(chromium, site)
    page = tab.page
    tab.open(site / "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    entries = page.locator("#entries li")
    total = entries.count()
    page.keyboard.type("医工連携グローバル")
    shown = page.locator("#entries li:not([hidden])")
    assert 0 < shown.count() < total
    assert all("医工連携グローバル" in shown.nth(k).inner_text() for k in range(shown.count()))
    page.keyboard.press("Tab")  # from the box to the first entry left
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target == shown.first.locator("a").get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target) and "医工連携グローバル" in page.locator("h1").inner_text()
    tab.close()


def test_without_javascript_every_entry_is_listed(chromium, site):
    tab = Tab(chromium, site, javascript=False)
    tab.open(site / "index.html")
    entries = tab.page.locator("#entries li")
    assert entries.count() == 61 + 44 and entries.nth(0).is_visible()
    assert not tab.page.locator("#search").is_visible()  # a box that cannot work is not offered
    tab.close()


def test_a_phone_width_of_390_px_scrolls_no_page_sideways(chromium, site):
    tab = Tab(chromium, site, width=390)
    program = next(p for p in (site / DOC / "programs").iterdir() if "医工連携グローバル展開事業</h1>" in p.read_text("utf-8"))
    for path in (site / "index.html", site / DOC / "index.html", program, next((site / DOC / "measures").iterdir()),
                 site / DOC / "pairs" / "fy2023-synthetic--fy2024.html"):
        tab.open(path)
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    tab.close()


def test_the_program_chart_shows_one_point_per_edition_and_kind(chromium, site, chain_archive):  # noqa: F811
    (timeline,) = api.timeline(archive=chain_archive)
    tab = Tab(chromium, site)
    checked = 0
    for line in timeline.programs:
        if not line.points:
            continue
        tab.open(site / DOC / "programs" / f"{line.key}.html")
        found = tab.page.evaluate("""() => [...document.querySelectorAll('svg.series-chart .point')].map(p => [
            p.dataset.edition, p.dataset.kind, p.dataset.partOf, p.getBoundingClientRect().width])""")
        shown = [tuple(x[:3]) for x in found]
        expected = [(p.edition, p.kind, "yes" if p.part_of else "no") for p in line.points]
        assert sorted(shown) == sorted(expected) and len(set(shown)) == len(shown), line.name
        assert all(x[3] > 0 for x in found)  # drawn, not merely in the markup
        checked += 1
    assert checked >= 20
    tab.close()
