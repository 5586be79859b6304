# Every target sets itself up: a .venv is created and the package installed (with
# its test extras) when missing or when pyproject.toml changed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_4a1a09de4157cfcd.txt
SUITES ?= ../shared/data/suites
NER_DATA ?= ../shared/data/ner

.PHONY: run test bench bench-archive suites install clean train evaluate

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

# the entity recogniser (training/README.md): DocBins in training/corpus/ (git-ignored); MSRA
# alone, 4,000 steps from fresh weights, then MSRA + CLUENER2020 + Weibo NER, 2,000 steps on
# from there → models/ner_msra (CPU: 25 to 60 minutes in all on 2 cores, by how busy they are)
MIX_STEPS ?= training.max_steps=2000 training.optimizer.learn_rate.initial_rate=0.001 \
	training.optimizer.learn_rate.warmup_steps=100
train: $(STAMP)
	$(PY) training/convert.py --data $(NER_DATA) --corpora msra --out training/corpus/msra
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py --corpus training/corpus/msra \
		--output training/output/msra --no-install
	$(PY) training/convert.py --data $(NER_DATA) --out training/corpus/mix
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py --corpus training/corpus/mix \
		--output training/output/mix --start-from training/output/msra/model-best $(MIX_STEPS)

# rules, model and both on the dev splits of MSRA, CLUENER and Weibo and on the seed page, with
# their speed (NER_CORPUS=msra for one corpus)
NER_CORPUS ?= all
evaluate: $(STAMP)
	$(PY) benchmarks/ner_eval.py --data $(NER_DATA) --corpus $(NER_CORPUS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
