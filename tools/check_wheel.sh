#!/usr/bin/env bash
# The built wheel, installed into a fresh virtual environment outside the checkout,
# does what the README promises: extract(), spacy.load("ordos_nlp"), the command line
# on a folder of mixed files, and the notebooks. Run by `make check-wheel` (and CI).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_PY=${BUILD_PY:-$ROOT/.venv/bin/python}
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ordos-nlp-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== building the wheel"
"$BUILD_PY" -m pip wheel "$ROOT" --no-deps --no-build-isolation -q -w "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/ordos_nlp-*.whl)
echo "   $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1))"

echo "== a fresh venv outside the checkout, from the wheel alone (with the tables and notebooks extras)"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --upgrade pip
"$WORK/venv/bin/python" -m pip install -q "$WHEEL[tables,notebooks]"

cp -r "$ROOT/notebooks" "$WORK/notebooks"
cp -r "$ROOT/seeds" "$WORK/seeds"
mkdir -p "$WORK/benchmarks" && cp -r "$ROOT/benchmarks/realtext" "$WORK/benchmarks/realtext"  # the communiqués of 03
cd "$WORK"
"$WORK/venv/bin/python" "$ROOT/tools/wheel_smoke.py" --work "$WORK" --checkout "$ROOT"
echo "== the installed wheel works"
