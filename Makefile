# Every target sets itself up: a .venv is created and the package installed (with
# its test extras) when missing or when pyproject.toml changed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_4a1a09de4157cfcd.txt
SUITES ?= ../shared/data/suites
NER_DATA ?= ../shared/data/ner

.PHONY: run test check-wheel bench bench-archive suites records accuracy install clean train evaluate aliases

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

# the built wheel in a fresh venv outside the checkout: extract(), spacy.load, the command
# line on mixed files (a 20 MB one among them: CHECK_WHEEL_BIG_MB), the notebooks
check-wheel: $(STAMP)
	BUILD_PY=$(abspath $(PY)) PYTHON=$(PYTHON) tools/check_wheel.sh

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

suites: $(STAMP)
	@test -f "$(SUITES)/numbers.jsonl" || { echo "make suites: no public test suites at $(SUITES)." \
	  "They are the Chinese test data of Recognizers-Text, cn2an and JioNLP mapped to the fact" \
	  "specification (numbers.jsonl, quantities.jsonl, ranges.jsonl); run 'make suites SUITES=/path/to/suites'." >&2; exit 2; }
	$(PY) benchmarks/suites.py --shared $(SUITES)

# every evaluation on text in the repository: the seed page, the real-text dev sets
# (entities beside jieba.posseg, quantities and dates, records); see docs/accuracy.md
accuracy: $(STAMP)
	$(PY) benchmarks/seed_page.py
	$(PY) benchmarks/realtext_entities.py
	$(PY) benchmarks/realtext_entities.py --tool jieba
	$(PY) benchmarks/realtext_quantities.py --show 0
	$(PY) benchmarks/records_eval.py

# the held-out real-text set (benchmarks/heldout/): passages never used to write rules, scored
# apart from the dev sets by the same three scorers
.PHONY: heldout
heldout: $(STAMP)
	$(PY) benchmarks/realtext_entities.py --file benchmarks/heldout/entities.jsonl
	$(PY) benchmarks/realtext_entities.py --file benchmarks/heldout/entities_2.jsonl
	$(PY) benchmarks/realtext_entities.py --file benchmarks/heldout/entities_3.jsonl
	$(PY) benchmarks/realtext_quantities.py --gold benchmarks/heldout/quantities_dates.jsonl --show 0
	$(PY) benchmarks/records_eval.py --no-seed --passages benchmarks/heldout/records.jsonl

# statistical records against their gold: the seed page and the real passages apart
# (RECORDS_SHOW=20 to list misses and wrong fields)
RECORDS_SHOW ?= 0
records: $(STAMP)
	$(PY) benchmarks/records_eval.py --show $(RECORDS_SHOW)

# the archive on Dask: extract() vs 1 and 2 workers vs extract_many, kill and resume
# (ARCHIVE_MB=5 for a run of a few minutes)
ARCHIVE_MB ?= 50
bench-archive: $(STAMP)
	$(PY) benchmarks/archive.py --mb $(ARCHIVE_MB)

# the entity recogniser (training/README.md): DocBins in training/corpus/ (git-ignored); MSRA
# alone, 4,000 steps from fresh weights; then MSRA + CLUENER2020 + Weibo NER, 2,000 steps on
# from there; then the same with the real-text dev passages (each REALTEXT_REPEAT times), 1,000
# steps on, once per seed of LOCAL_SEEDS, their weights averaged → models/ner_msra (CPU: 35 to
# 80 minutes in all on 2 cores, by how busy they are)
MIX_STEPS ?= training.max_steps=2000 training.optimizer.learn_rate.initial_rate=0.001 \
	training.optimizer.learn_rate.warmup_steps=100
LOCAL_STEPS ?= training.max_steps=1000 training.optimizer.learn_rate.initial_rate=0.0005 \
	training.optimizer.learn_rate.warmup_steps=50 training.eval_frequency=250
REALTEXT_REPEAT ?= 10
LOCAL_SEEDS ?= 0,1,2
train: $(STAMP)
	$(PY) training/convert.py --data $(NER_DATA) --corpora msra --out training/corpus/msra
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py --corpus training/corpus/msra \
		--output training/output/msra --no-install
	$(PY) training/convert.py --data $(NER_DATA) --out training/corpus/mix
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py --corpus training/corpus/mix \
		--output training/output/mix --start-from training/output/msra/model-best --no-install $(MIX_STEPS)
	$(PY) training/convert.py --data $(NER_DATA) --out training/corpus/local --realtext $(REALTEXT_REPEAT)
	OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1 $(PY) training/train.py --corpus training/corpus/local \
		--output training/output/local --start-from training/output/mix/model-best --keep last \
		--seeds $(LOCAL_SEEDS) $(LOCAL_STEPS)

# rules, model and both on the dev splits of MSRA, CLUENER and Weibo and on the seed page, with
# their speed (NER_CORPUS=msra for one corpus)
NER_CORPUS ?= all
evaluate: $(STAMP)
	@test -f "$(NER_DATA)/msra_train.jsonl" || { echo "make evaluate: no training corpora at $(NER_DATA)" \
	  "(msra_train.jsonl, cluener_train.jsonl, weibo_train.jsonl as JSON Lines; their seeded dev splits are scored)." \
	  "Run 'make evaluate NER_DATA=/path/to/folder'." >&2; exit 2; }
	$(PY) benchmarks/ner_eval.py --data $(NER_DATA) --corpus $(NER_CORPUS)

# the gazetteer's alias and zone tables (ordos_nlp/entities/data/), derived from published
# packages at build time; the library only reads what this writes
aliases: $(STAMP)
	$(PY) tools/build_aliases.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
