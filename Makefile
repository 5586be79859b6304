# Every target sets itself up: a .venv is created and the package installed (with
# its test extras) when missing or when pyproject.toml changed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_4a1a09de4157cfcd.txt
SUITES ?= ../shared/data/suites

.PHONY: run test bench suites install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/ordos-nlp extract $(SEED) --format table --doc-date 2026-04-01

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

suites: $(STAMP)
	$(PY) benchmarks/suites.py --shared $(SUITES)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
