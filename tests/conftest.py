"""Shared fixtures: the bundled real report (examples/, never ../shared) and its parsed edition."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
DATA = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------- temporary files in memory
# Every archive a test writes syncs its files to disk (files.write_atomic fsyncs, git writes objects and
# refs): on a disk-backed /tmp that is 1,100-odd fsyncs in the quick suite alone, each waiting on a disk
# the other engineers' jobs share. The tests check what the files hold and what a killed writer leaves
# (a process killed, never a machine), not that a disk keeps them, so their temporary directories
# (tmp_path, and TMPDIR for every child: git, the CLI, make demo) go to a RAM-backed tmpfs when one is
# there with room to spare and programs may run from it (make demo runs .venv/bin from its checkout; git
# runs an archive's hooks). An explicit TMPDIR, or POLICYDIFF_TEST_TMPDIR=disk, keeps the default.
MEMORY_TMP = Path("/dev/shm")
MEMORY_TMP_ROOM = 4 << 30  # bytes free; the whole suite writes well under 1 GB


def _memory_tmpdir() -> Path | None:
    import os

    if os.environ.get("TMPDIR") or os.environ.get("POLICYDIFF_TEST_TMPDIR") == "disk":
        return None
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            fs = {fields[1]: fields[2] for fields in (line.split() for line in mounts) if len(fields) > 2}
        st = os.statvfs(MEMORY_TMP)
    except OSError:
        return None
    if fs.get(str(MEMORY_TMP)) != "tmpfs" or st.f_flag & (os.ST_NOEXEC | os.ST_RDONLY):
        return None
    if st.f_bavail * st.f_frsize < MEMORY_TMP_ROOM or not os.access(MEMORY_TMP, os.W_OK | os.X_OK):
        return None
    return MEMORY_TMP


def _use_memory_tmpdir() -> None:
    """Run before the first temporary directory is made: pytest's base directory comes from
    tempfile.gettempdir() (cached, hence reset), and pytest-xdist's workers inherit the environment."""
    import os
    import tempfile

    where = _memory_tmpdir()
    if where is not None:
        os.environ["TMPDIR"] = str(where)
        tempfile.tempdir = None


_use_memory_tmpdir()

# ---------------------------------------------------------------- compiled modules, kept for the run
# With PYTHONDONTWRITEBYTECODE set (this machine's shells set it), every Python process compiled every
# module it imported from source again: 0.3 s of CPU for the package alone in each of the hundreds of
# `policydiff` and `python` children the suite starts (the README tour, the legacy encodings, the
# hostile inputs through the CLI, the racing ingesters), and the test modules in each xdist worker. The
# run keeps the compiled files in a directory of its own (PYTHONPYCACHEPREFIX, outside the source tree,
# removed at the end), so that each module is compiled once a run. A PYTHONPYCACHEPREFIX already set is
# used as it is.
PYCACHE_ENV = "PYTHONPYCACHEPREFIX"
_OWN_PYCACHE = "POLICYDIFF_TEST_OWN_PYCACHE"  # set by the process that made the directory: it removes it


def _compile_once_a_run() -> None:
    import os
    import sys
    import tempfile

    if not (sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")):
        return
    if not os.environ.get(PYCACHE_ENV):
        os.environ[PYCACHE_ENV] = tempfile.mkdtemp(prefix="policydiff-test-pycache-")
        os.environ[_OWN_PYCACHE] = str(os.getpid())
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = os.environ[PYCACHE_ENV]
    sys.dont_write_bytecode = False


_compile_once_a_run()


def pytest_unconfigure(config):
    import os

    if os.environ.get(_OWN_PYCACHE) == str(os.getpid()):
        shutil.rmtree(os.environ[PYCACHE_ENV], ignore_errors=True)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, seed_path) -> Path:
    """An archive holding the seed, ingested once through the CLI; tests change copies of it."""
    from click.testing import CliRunner

    from policydiff.cli import cli

    archive = tmp_path_factory.mktemp("template") / "archive"
    result = CliRunner().invoke(cli, ["--archive", str(archive), "ingest", str(seed_path)])
    assert result.exit_code == 0, result.output
    return archive


@pytest.fixture
def seeded(seeded_template, tmp_path) -> Path:
    """A fresh copy of an archive holding the seed, for a test to change."""
    archive = tmp_path / "archive"
    shutil.copytree(seeded_template, archive, symlinks=True)
    return archive


@pytest.fixture(scope="session")
def ingested_template(tmp_path_factory, seeded_template):
    """ingested_template(*ARGS) -> an archive holding the seed, then `policydiff ingest ARGS` run through the
    CLI; made once per session for each ARGS, where each test of a module ingested the same file again."""
    from click.testing import CliRunner

    from policydiff.cli import cli

    made: dict[tuple[str, ...], Path] = {}

    def make(*args: str) -> Path:
        if args not in made:
            archive = tmp_path_factory.mktemp("ingested") / "archive"
            shutil.copytree(seeded_template, archive, symlinks=True)
            result = CliRunner().invoke(cli, ["--archive", str(archive), "ingest", *args])
            assert result.exit_code == 0, result.output
            made[args] = archive
        return made[args]

    return make


@pytest.fixture
def seeded_and_ingested(ingested_template, tmp_path):
    """seeded_and_ingested(*ARGS) -> a fresh copy of ingested_template(*ARGS), for a test to change."""

    def copy(*args: str) -> Path:
        archive = tmp_path / "archive"
        shutil.copytree(ingested_template(*args), archive, symlinks=True)
        return archive

    return copy


@pytest.fixture(scope="session")
def seed_edition():
    from policydiff import load_edition

    return load_edition(SEED)


@pytest.fixture(scope="session")
def edited_bytes(seed_bytes) -> bytes:
    """The real report with one amount changed (13億円 → 31億円): a second, different source."""
    out = seed_bytes.replace("13億円".encode(), "31億円".encode(), 1)
    assert out != seed_bytes
    return out


@pytest.fixture(scope="session")
def synthetic_text(seed_path) -> str:
    """The text of `policydiff synth` of the seed with seed 2025 and 12 edits (a split, a merge, a budget
    edit, a rename: the SYNTHETIC variant `make demo` makes), drawn once a session; each module that
    diffed it drew it again (0.3-0.6 s each)."""
    from policydiff import api

    return api.synth(seed_path, seed=2025, edits=12).text


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory, synthetic_text) -> Path:
    """A SYNTHETIC next edition of the seed (synthetic_text) in a file next.txt."""
    path = tmp_path_factory.mktemp("synthetic") / "next.txt"
    path.write_text(synthetic_text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the real browser
# One Chromium for the whole session (Debian's /usr/bin/chromium through Playwright; never `playwright
# install`): launching it per module cost seconds each time. Each test opens its own context (cookies,
# downloads, viewport), closed when the test ends. Every Playwright wait (launch, navigation, locator
# actions, downloads) is bounded by BROWSER_TIMEOUT_MS: generous, as a loaded 2-core machine renders a
# long report slowly, where Playwright's 30 s default failed a test that passes alone in 37 s.

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run"]
BROWSER_TIMEOUT_MS = 120_000


def browser_unavailable(reason: str):
    """Skip on a workstation without the browser; fail in CI (CI=true), where it must be installed."""
    import os

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser test cannot run in CI: {reason} (apt-get install chromium fonts-noto-cjk; "
                    "pip install playwright; never `playwright install`)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        browser_unavailable(f"{CHROMIUM} not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS, headless=True,
                              timeout=BROWSER_TIMEOUT_MS)
        yield b
        b.close()


class Opened:
    """A page with a report loaded from disk (every non-file request aborted), its console errors and
    warnings and any blocked request; close() asserts there were none."""

    def __init__(self, browser, path: Path, javascript: bool = True, width: int = 1400, height: int = 900):
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": height},
                                           accept_downloads=True)
        self.context.set_default_timeout(BROWSER_TIMEOUT_MS)
        self.context.set_default_navigation_timeout(BROWSER_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()
        assert self.errors == [], self.errors
        assert self.blocked == [], self.blocked


@pytest.fixture
def opened(browser):
    """opened(path, javascript=True, width=1400, height=900) -> Opened; each page is closed, and checked
    for console errors and outside requests, when the test ends."""
    pages: list[Opened] = []

    def open_(path: Path, javascript: bool = True, width: int = 1400, height: int = 900) -> Opened:
        pages.append(Opened(browser, path, javascript, width, height))
        return pages[-1]

    yield open_
    problems = []
    for o in pages:  # every context closed, even after a failed check
        try:
            o.close()
        except AssertionError as exc:
            problems.append(str(exc))
    assert problems == [], problems


# Whole modules marked slow here (`pytest -m "not slow"` skips them while developing; `make test` runs
# all): a real browser, the synthetic evaluation over 22 pairs, and killed or racing processes.
SLOW_MODULES = frozenset({"test_browser.py", "test_yoy_browser.py", "test_synthetic_eval.py", "test_faults.py"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: its order is the order work is handed out
        _heaviest_modules_first(items)


SLOW_WEIGHT = 20  # a slow test (3-60 s) against a quick one (0.1-0.3 s), roughly


def _heaviest_modules_first(items) -> None:
    """The modules with the most work first (a slow test counted as SLOW_WEIGHT quick ones), each module's
    tests in their order. Why: xdist hands out whole modules, by default the ones with the most tests
    first; a module of a few long tests (the README tour, 2-4 minutes) then started last and one worker
    ran on alone for minutes at the end of the whole suite. The scheduler below keeps this order."""
    weight: dict[Path, int] = {}
    for item in items:
        weight[item.path] = weight.get(item.path, 0) + (SLOW_WEIGHT if item.get_closest_marker("slow") else 1)
    first = {path: k for k, path in enumerate(weight)}
    items.sort(key=lambda item: (-weight[item.path], first[item.path]))


# Modules that read the test PDFs or their extractions through tests/pdf_editions.py (each read once per
# process) run on one pytest-xdist worker, as one unit of --dist loadfile: spread over two, both would read.
SHARED_SCOPES = {name: "tests/pdf_editions.py" for name in (
    "test_text_dense.py", "test_text_interleaved.py", "test_text_layouts.py", "test_pdf_reader.py",
    "test_pdf_formats.py", "test_pdf_cites.py", "test_pdf_tag_wrap.py")}


@pytest.hookimpl(optionalhook=True)  # known only while pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile (pyproject's addopts), a file a unit of work, except that SHARED_SCOPES' modules
    make one unit between them; units handed out in the workers' order (_heaviest_modules_first), not
    reordered by their number of tests. Any other --dist keeps xdist's own scheduler."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    config.option.loadscopereorder = False

    class SharedFileScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return SHARED_SCOPES.get(path.rpartition("/")[2], path)

    return SharedFileScheduling(config, log)


@pytest.hookimpl(optionalhook=True)  # known only while pytest-xdist is loaded
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): the whole suite or a marked part of it runs on every core (2 here:
    about half the time); a run naming test files or tests runs in this process, at once, where print()
    and --pdb work. PYTEST_XDIST_AUTO_NUM_WORKERS or -n N decide otherwise."""
    import os

    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist reads it
    named = [a for a in config.args if "::" in a or a.endswith(".py")]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 0 if named or cores < 2 else cores


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden files under tests/data/golden/ from the current output.")


@pytest.fixture
def golden(request):
    """Compare text with tests/data/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = DATA / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden and review the diff"
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

    return check
