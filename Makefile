# Two commands on a fresh machine (Python 3.11 + make + the package index):
#   make report   set up .venv, install the pinned packages and the package, run every notebook
#                 on the bundled article (or ARTICLE=...) and the corpus notebook on the shipped corpus
#                 (or CORPUS=...), the comparison notebook on data/compare (or COMPARE=...),
#                 write reports/*.html and reports/index.html
#   make test     the same set-up, then the whole test suite (notebooks executed headless included)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARTICLE ?= data/raw/rt-2015-lavrov-kerry-syria.txt
OUT ?= reports
CORPUS ?= data/corpus/syria-2015
COMPARE ?= data/compare/ipcc-1.5c-report-2018-10-08
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: setup report test lab eval bench corpus clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PIP) -r requirements-dev.txt -c constraints.txt
	$(PIP) --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

report: setup
	$(PY) -m analysis report $(ARTICLE) --out $(OUT) --corpus $(CORPUS) --compare $(COMPARE)

test: setup
	$(PY) -m pytest -q

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
	$(PY) -m analysis corpus $(CORPUS) --out $(OUT)/corpus

clean:
	rm -rf $(OUT) build *.egg-info
