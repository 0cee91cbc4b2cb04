# Two commands for a newcomer: `make demo` (the main job on the bundled real report) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
SEED := examples/iryokiki-kihonkeikaku_fy2024.txt

.PHONY: demo test lint clean browser fuzz fixtures fixture-tools layouts layouts-sample bench

# The installs are quiet (-qq): a newcomer sees the reports, not pip's notes about its own configuration
# or setuptools' notes about editable installs; pip still prints any error.
$(BIN)/python:
	@echo "creating $(VENV) and installing policydiff with its dependencies (once; about a minute)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install -qq -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $@ $(VENV)/.installed

## demo: the real report, a synthetic variant and hand-written synthetic years before and after it, in the default
## archive ./policydiff-archive (the one every command of the README's tour uses), then the reports:
##   out/plans-fy2024.html  what the real FY2024 edition reports as done against what it plans for FY2025
##   out/diff-fy2024-synthetic.html  the real edition against a SYNTHETIC variant (known edits applied)
##   out/diff-fy2024-fy2025-synthetic.html  against a SYNTHETIC next year: was last year's plan carried out?
##   out/site/index.html  every edition at once (timeline, programs, measures; FY2023 and FY2025 SYNTHETIC)
## Run again, it changes nothing: the same sources are already stored.
PD := $(BIN)/policydiff
NEXT_YEAR := tests/data/nextyear/iryokiki-kihonkeikaku_fy2025-synthetic.txt
PREV_YEAR := tests/data/prevyear/iryokiki-kihonkeikaku_fy2023-synthetic.txt
# $(call pd,ARGS): run `policydiff ARGS`, shown as a reader types it. pd1: also for diff and plans, whose
# exit 1 means "differences found", their answer, not a failure.
pd = @echo "policydiff $(1)"; $(PD) $(1)
pd1 = @echo "policydiff $(1)"; $(PD) $(1) || [ $$? -eq 1 ]
demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(call pd,ingest $(SEED))
	$(call pd,synth $(SEED) --seed 2025 -o $(OUT)/fy2024-synthetic.txt --truth $(OUT)/fy2024-synthetic.truth.json)
	$(call pd,ingest $(OUT)/fy2024-synthetic.txt --edition fy2024-synthetic)
	$(call pd,ingest $(PREV_YEAR))
	$(call pd,ingest $(NEXT_YEAR))
	$(call pd,verify)
	$(call pd1,plans fy2024 --format html -o $(OUT)/plans-fy2024.html)
	$(call pd1,plans fy2024 --format json -o $(OUT)/plans-fy2024.json)
	$(call pd1,diff fy2024 fy2024-synthetic --format html -o $(OUT)/diff-fy2024-synthetic.html)
	$(call pd1,diff fy2024 fy2025-synthetic --format html -o $(OUT)/diff-fy2024-fy2025-synthetic.html)
	$(call pd1,diff fy2024 fy2024-synthetic --summary)
	$(call pd,site -o $(OUT)/site)
	@echo
	@echo "Reports: $(OUT)/plans-fy2024.html (real edition: results against plans)"
	@echo "         $(OUT)/diff-fy2024-synthetic.html (real edition against a SYNTHETIC variant)"
	@echo "         $(OUT)/diff-fy2024-fy2025-synthetic.html (against a SYNTHETIC next year)"
	@echo "Site:    $(OUT)/site/index.html (every edition at once: FY2023 and FY2025 are SYNTHETIC)"
	@echo "Next: source $(VENV)/bin/activate, then the README's tour (policydiff list, policydiff diff fy2024 fy2024-synthetic, ...)"

## test: install the test dependencies (Python packages, Debian's chromium and CJK fonts for the
## real-browser test) and run the whole suite, lint included
test: $(VENV)/.installed-test browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# Debian's Chromium drives the browser test (Playwright's own browser download does not work here);
# without fonts-noto-cjk every Japanese character renders as an empty box in screenshots.
# apt-get waits up to 5 minutes for the dpkg lock another install holds, instead of failing at once.
APT := apt-get -o DPkg::Lock::Timeout=300
browser:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && fc-list 2>/dev/null | grep -qi IPAexGothic; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing chromium and fonts-noto-cjk (apt-get)"; \
	  $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium fonts-noto-cjk fonts-ipaexfont-gothic >/dev/null; \
	elif command -v sudo >/dev/null; then \
	  sudo $(APT) update -qq && sudo DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium fonts-noto-cjk fonts-ipaexfont-gothic >/dev/null; \
	else echo "note: install chromium, fonts-noto-cjk and fonts-ipaexfont-gothic for the browser and layout tests (it is skipped outside CI)"; fi

## fuzz: the 10,000-input fuzz campaign (and 500 broken or hostile PDFs) on the Python API (prints inputs, accepted, refused by reason,
## failures, seconds; about 15-20 min on 2 cores; exit 1 on any failure). The suite runs 500 of its kind.
## Then 300 archive cases (odd names, received archives, kills, forged review files, hostile marks files,
## concurrent reviewers), 2,000 inputs of hostile strings through every renderer and the hostile sizes (about 45 min).
fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/fuzz/campaign.py --inputs 10000 --pdf 500 --seed 1
	$(BIN)/python tests/fuzz/output_shapes.py --inputs 2000 --seed 1

## bench: speed and memory as ratios to the accepted figures (tests/benchmarks/baseline.json), a time's
## ratio divided by the machine's speed measured in the same run; exit 1 when a ratio is above 1.2.
## About 5 minutes on 2 idle cores; BENCH=--quick for a subset (under a minute), BENCH=--accept to make
## this run's figures the baseline (then `python tests/benchmarks/run.py --markdown` for the README).
BENCH ?=
bench: $(VENV)/.installed-test
	$(BIN)/python tests/benchmarks/run.py $(BENCH)

## fixtures: rebuild the test PDFs and their text extractions under tests/data/pdf/ (tests/pdfgen/build.py):
## the bundled report printed by Chromium and drawn by reportlab, and two INVENTED variants marked synthetic
fixtures: fixture-tools
	$(BIN)/python tests/pdfgen/build.py

# What printing test PDFs needs: the fixtures extra (reportlab, playwright, pypdfium2), Debian's chromium
# and the CJK fonts (IPAexGothic has MS Gothic's metrics; Noto Sans CJK JP comes with `browser`).
fixture-tools: $(VENV)/.installed-test browser
	$(BIN)/python -m pip install --quiet -e '.[fixtures]'
	@fc-list | grep -qi IPAexGothic || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq fonts-ipaexfont-gothic >/dev/null; }

## layouts: issue 17's campaign (tests/layoutgen/): 300 seeded layouts of three editions printed by Chromium
## and reportlab, each PDF and its pdfminer, pypdfium2 and pdfplumber text read by policydiff and compared
## with the text edition; then the reference layout with one choice changed at a time. Prints the tables
## (also in out/layouts/summary.md and one-at-a-time.md); about 35-45 min on 2 shared cores.
layouts: fixture-tools
	@mkdir -p $(OUT)/layouts
	$(BIN)/python tests/layoutgen/campaign.py --one-at-a-time | tee $(OUT)/layouts/one-at-a-time.md
	$(BIN)/python tests/layoutgen/campaign.py --layouts 300 | tee $(OUT)/layouts/summary.md

## layouts-sample: rewrite the fixed sample the test suite reads (tests/data/layouts/, seeds 1-26)
layouts-sample: fixture-tools
	$(BIN)/python tests/layoutgen/campaign.py --sample

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The demo's archive ./policydiff-archive is left alone: after the tour it may hold your own editions.
clean:
	rm -rf $(OUT) $(VENV) *.egg-info build dist
