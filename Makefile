# Two commands on a fresh machine (Python 3.11 + make + the package index):
#   make report   set up .venv, install the pinned packages and the package, run every article notebook
#                 on the bundled article (or ARTICLE=...; CORRECTIONS=file.csv corrects who says what),
#                 write reports/index.html, reports/evidence.html and one page per notebook; the corpus
#                 notebook runs only when CORPUS=folder-or-file is given (e.g. data/corpus/syria-2015),
#                 the comparison notebook only when COMPARE="A B ..." is (e.g. data/compare/ipcc-1.5c-report-2018-10-08)
#   make test     the same set-up, then ruff (pyproject.toml: unused names and imports, line length) and the
#                 whole test suite (notebooks executed headless included)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARTICLE ?= data/raw/rt-2015-lavrov-kerry-syria.txt
OUT ?= reports
CORPUS ?=
COMPARE ?=
CORRECTIONS ?=
DEMO_CORPUS := data/corpus/syria-2015
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: setup report lint test lab eval bench corpus clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PIP) -r requirements-dev.txt -c constraints.txt
	$(PIP) --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

report: setup
	$(PY) -m analysis report "$(ARTICLE)" --out "$(OUT)" $(if $(CORPUS),--corpus "$(CORPUS)") \
		$(if $(COMPARE),--compare $(COMPARE)) $(if $(CORRECTIONS),--corrections "$(CORRECTIONS)")

lint: setup
	$(VENV)/bin/ruff check .

test: setup lint
	$(PY) -m pytest -q -n 2 --dist loadgroup

# JupyterLab on the project's kernel: serves the repository (data/ is visible) and opens notebooks/;
# root needs --allow-root. LAB_ARGS adds options (e.g. LAB_ARGS="--no-browser --port 8890").
lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# Measurements on the shared evaluation data (../shared/eval) and the speed benchmarks.
eval: setup
	for s in scripts/eval_*.py; do $(PY) $$s || exit 1; done

bench: setup
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

corpus: setup
	$(PY) -m analysis corpus "$(or $(CORPUS),$(DEMO_CORPUS))" --out "$(OUT)/corpus"

clean:
	rm -rf $(OUT) build *.egg-info
