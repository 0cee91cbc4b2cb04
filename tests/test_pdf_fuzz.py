"""Broken and hostile PDFs from the fuzz campaign's generator (tests/fuzz/pdf_inputs.py), through the
CLI: each gives a result or one line on stderr and exit 2, never a traceback. `make fuzz` runs 500."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

FUZZ = Path(__file__).resolve().parent / "fuzz"


def _pdf_inputs():
    spec = importlib.util.spec_from_file_location("policydiff_fuzz_pdf_inputs", FUZZ / "pdf_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_30_broken_or_hostile_pdfs_give_a_result_or_one_line_and_exit_2(tmp_path):
    make = _pdf_inputs().make_pdf_input
    outcomes = {0: 0, 2: 0}
    for index in range(30):
        mutation, data = make(3, index)
        path = tmp_path / f"input{index}.pdf"
        path.write_bytes(data)
        result = CliRunner().invoke(cli, ["show", str(path), "--format", "json"])
        assert result.exit_code in (0, 2), f"{mutation}: exit {result.exit_code}\n{result.output}"
        outcomes[result.exit_code] += 1
        if result.exit_code == 2:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in result.output, (mutation, result.stderr)
        else:
            assert json.loads(result.stdout)["counts"]["measures"] >= 1, mutation
    assert outcomes[0] >= 5 and outcomes[2] >= 5, outcomes  # both paths exercised


HOSTILE = sorted(_pdf_inputs().HOSTILE)


@pytest.mark.slow  # hostile PDFs, each through the CLI in a fresh process
@pytest.mark.parametrize("shape", HOSTILE)
def test_every_hostile_pdf_shape_of_the_campaign_gives_a_result_or_one_line(tmp_path, shape):
    """Each hostile shape of `make fuzz`'s PDF campaign, once (the sample above draws only some)."""
    data = _pdf_inputs().HOSTILE[shape]()
    path = tmp_path / f"{shape}.pdf"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["show", str(path), "--format", "json"])
    assert result.exit_code in (0, 2), f"{shape}: exit {result.exit_code}\n{result.output}"
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output, result.stderr
    else:
        assert json.loads(result.stdout)["counts"]["measures"] == 59, shape
