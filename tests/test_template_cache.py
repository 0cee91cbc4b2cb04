"""The report templates' compiled code is kept between processes (renderers/template_cache.py): the
same bytes come out of a cache, and a cache that is damaged or cannot be made is no error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # four fresh processes that render HTML


def _html(seed_path, synthetic, tmp_path, name: str) -> bytes:
    out = tmp_path / name
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "SOURCE_DATE_EPOCH": "1700000000"}
    proc = subprocess.run([sys.executable, "-m", "policydiff.cli", "diff", str(seed_path), str(synthetic),
                           "--format", "html", "-o", str(out)], env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    return out.read_bytes()


def test_a_report_from_the_cached_templates_is_the_same_and_a_damaged_cache_is_compiled_anew(
        seed_path, synthetic, tmp_path):
    (tmp_path / "tmp").mkdir()
    first = _html(seed_path, synthetic, tmp_path, "first.html")
    cache = tmp_path / "tmp" / f"_jinja2-cache-{os.getuid()}"
    cached = sorted(cache.iterdir())
    assert cached, "the compiled templates were kept"
    assert _html(seed_path, synthetic, tmp_path, "second.html") == first
    for f in cached:
        f.write_bytes(b"not marshal data")
    assert _html(seed_path, synthetic, tmp_path, "damaged.html") == first


def test_no_usable_cache_directory_is_no_error(seed_path, synthetic, tmp_path):
    (tmp_path / "tmp").mkdir()
    first = _html(seed_path, synthetic, tmp_path, "first.html")
    (tmp_path / "tmp2").mkdir()
    (tmp_path / "tmp2" / f"_jinja2-cache-{os.getuid()}").write_text("a file where the directory would be")
    env_tmp = tmp_path / "tmp"
    env_tmp.rename(tmp_path / "tmp-used")
    (tmp_path / "tmp2").rename(env_tmp)
    assert _html(seed_path, synthetic, tmp_path, "nocache.html") == first
