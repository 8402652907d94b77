#!/usr/bin/env bash
# Every quality and speed benchmark the issues report, one after another (run it on a quiet machine:
# the speed figures are wall-clock rates). Outputs go to $OUT (default benchmarks/out/, ignored by git), one file each;
# the last lines of each are echoed. Takes about 25 minutes on 2 cores.
#
#     bash benchmarks/all.sh            # from the repo root, after `make install`
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=${OUT:-benchmarks/out}
mkdir -p "$OUT"
export PYTHONPATH=src
run() {
    local name=$1; shift
    echo "== $name ($(date -u +%T))"
    "$PY" "$@" > "$OUT/$name.txt" 2> "$OUT/$name.err" || echo "   failed: see $OUT/$name.err"
    tail -n 12 "$OUT/$name.txt"
}
run ingest_text benchmarks/ingest.py --n 10000 --kind text
run ingest_html benchmarks/ingest.py --n 2000 --kind html
run clean_aeb benchmarks/clean_html_aeb.py --processes 2
run clean_restore benchmarks/clean_restore.py --ner-limit 150
run attribution_speed benchmarks/attribution_speed.py
run attribution_polnear benchmarks/attribution_polnear.py
run attribution_basil benchmarks/attribution_basil.py
run stories_eval benchmarks/stories_eval.py
run stories_speed benchmarks/stories_speed.py --articles 100000
run claims_fnc1 benchmarks/claims_fnc1.py
run claims_emergent benchmarks/claims_emergent.py
run pipeline benchmarks/pipeline_throughput.py --n 300 1000 --no-stages --runners local ray
echo "== done ($(date -u +%T)); outputs in $OUT/"
