#!/usr/bin/env bash
# The test suite N times in a row (default 10) while another CPU-heavy process keeps a core busy: the suite must
# never fail for being slow or for the order things happen in. Run from the repository, after the README's
# test set-up: `bench/under_load.sh [N]`. Each run's result and time go to stdout; a failed run's output is kept
# in under-load-K.log and the script exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
yes > /dev/null &
load=$!
trap 'kill $load' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if .venv/bin/python -m pytest -q -p no:cacheprovider > "under-load-$i.log" 2>&1; then
    echo "run $i: pass in $(( $(date +%s) - start )) s: $(tail -1 "under-load-$i.log")"
    rm -f "under-load-$i.log"
  else
    echo "run $i: FAILED in $(( $(date +%s) - start )) s: see under-load-$i.log"
    failed=1
  fi
done
exit $failed
