"""A test-only output format: one tab-separated line per measure. It shows that a new format is this
one file plus one `policydiff.register` call (tests/test_api.py), and nothing else."""

from __future__ import annotations

from policydiff import Diff, ReportOptions


def render_measure_tsv(diff: Diff, options: ReportOptions | None = None) -> str:
    show = (options or ReportOptions()).show_format_only
    return "".join(f"{m.old_id or ''}\t{m.new_id or ''}\t{diff.reads_as(m, show)}\n" for m in diff.measures)
