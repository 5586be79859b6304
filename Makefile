# Every target sets itself up: a .venv is created and the package installed (with
# its test extras) when missing or when pyproject.toml changed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_4a1a09de4157cfcd.txt
SUITES ?= ../shared/data/suites
NER_DATA ?= ../shared/data/ner/msra_train.jsonl

.PHONY: run test bench bench-archive suites install clean train evaluate aliases

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

# the archive on Dask: extract() vs 1 and 2 workers vs extract_many, kill and resume
# (ARCHIVE_MB=5 for a run of a few minutes)
ARCHIVE_MB ?= 50
bench-archive: $(STAMP)
	$(PY) benchmarks/archive.py --mb $(ARCHIVE_MB)

# the entity recogniser: MSRA → DocBins (training/corpus/, git-ignored) → spacy train
# (CPU, 4,000 steps: about 15 minutes on 2 cores) → models/ner_msra
train: $(STAMP)
	$(PY) training/convert.py --data $(NER_DATA)
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py

# rules, model and both on the MSRA dev split and the seed page, with their speed
evaluate: $(STAMP)
	$(PY) benchmarks/ner_eval.py --data $(NER_DATA)

# the gazetteer's alias and zone tables (ordos_nlp/entities/data/), derived from published
# packages at build time; the library only reads what this writes
aliases: $(STAMP)
	$(PY) tools/build_aliases.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
