#!/usr/bin/env bash
# usage: benches/compare_peers.sh N      env: REPS=3  PEERS="polars duckdb" (add pandas if wanted)
#
# Side by side, in one run: csat's spec_metrics example and the peer engines of
# ../shared/bench on the same file /tmp/csat-bench-N (generated with gen_data.py if missing).
# Builds spec_metrics in release, runs every engine REPS times in alternation under
# /usr/bin/time -v (plus `cat` and `wc -l`, the byte-scan floor), checks that the results
# agree (compare.py), runs spec_metrics once more on one thread to show the same JSON, and
# prints a table of medians: wall, peak RSS, rows/s, MB/s of CSV, and ratios to polars and to
# `wc -l`, then the ratio of each pair of runs made one after the other and their median.
# Every run is also listed with the 1-minute load average right after it: rerun when load1 is
# well above the number of cores.
set -euo pipefail
N=${1:?usage: compare_peers.sh N}
REPS=${REPS:-3}
PEERS=${PEERS:-polars duckdb}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH_DIR:-$ROOT/../shared/bench}
DATA=/tmp/csat-bench-$N
OUT=$DATA/compare
[ -x /usr/bin/time ] || { apt-get update && apt-get install -y time; }
[ -f "$BENCH/gen_data.py" ] || { echo "no $BENCH/gen_data.py (set BENCH_DIR)" >&2; exit 2; }

(cd "$ROOT" && cargo build --release --quiet -p csat-examples --example spec_metrics)
BIN=$ROOT/target/release/examples/spec_metrics
if [ ! -s "$DATA/weights.json" ]; then  # gen_data.py writes weights.json last
  python3 "$BENCH/gen_data.py" "$N" "$DATA"
fi
CSV=$DATA/responses.csv
BYTES=$(stat -c %s "$CSV")
mkdir -p "$OUT"
RUNS=$OUT/runs.tsv
: >"$RUNS"
cat "$CSV" >/dev/null  # into the page cache, for every engine alike

# run ENGINE REP COMMAND...: time one run, append "engine rep wall_s rss_kb load1" to $RUNS.
run() {
  local engine=$1 rep=$2
  shift 2
  /usr/bin/time -v -o "$OUT/$engine.time" "$@" >/dev/null 2>"$OUT/$engine.stderr" || {
    echo "$engine failed:" >&2
    cat "$OUT/$engine.stderr" >&2
    exit 1
  }
  awk -v e="$engine" -v r="$rep" -v load="$(cut -d' ' -f1 /proc/loadavg)" -F': ' '
    /Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident/ { kb = $2 }
    END { printf "%s\t%s\t%.3f\t%s\t%s\n", e, r, s, kb, load }' "$OUT/$engine.time" >>"$RUNS"
}

echo "# $(date -u +%FT%TZ) N=$N csv_bytes=$BYTES nproc=$(nproc) reps=$REPS load1_before=$(cut -d' ' -f1 /proc/loadavg)"
for r in $(seq "$REPS"); do
  run cat "$r" cat "$CSV"
  run wc-l "$r" wc -l "$CSV"
  run csat "$r" "$BIN" "$DATA" "$OUT/csat.json"
  for p in $PEERS; do
    run "$p" "$r" python3 "$BENCH/peers/${p}_report.py" "$DATA" "$OUT/$p.json"
  done
done
SPEC_METRICS_THREADS=1 run csat-1-thread 1 "$BIN" "$DATA" "$OUT/csat-1-thread.json"

status=0
for p in $PEERS; do
  python3 "$BENCH/compare.py" "$OUT/$p.json" "$OUT/csat.json" || status=1
done
if cmp -s "$OUT/csat.json" "$OUT/csat-1-thread.json"; then
  echo "spec_metrics on 1 thread wrote the same JSON as on $(nproc) threads"
else
  echo "spec_metrics on 1 thread wrote a DIFFERENT JSON" >&2
  status=1
fi

echo
echo "runs (engine, rep, wall s, peak RSS KB, load1 after):"
sort -k1,1 -k2,2n "$RUNS" | column -t
echo
python3 - "$RUNS" "$N" "$BYTES" <<'EOF' | tee "$OUT/table.md"
import statistics, sys
from collections import defaultdict
runs, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wall, rss = defaultdict(list), defaultdict(list)
for line in open(runs):
    e, _, s, kb, _ = line.rstrip("\n").split("\t")
    wall[e].append(float(s))
    if kb:
        rss[e].append(int(kb))
med = {e: statistics.median(v) for e, v in wall.items()}
floor = lambda s: max(s, 0.01)  # /usr/bin/time has 10 ms resolution
print(f"N = {n:,} rows, {size / 1e6:,.1f} MB; medians of {len(wall['csat'])} runs; "
      "peak RSS = largest of the runs")
print()
print("| engine | wall s (median) | runs | peak RSS MB | rows/s | MB/s | polars ÷ engine | engine ÷ `wc -l` |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
order = ["csat", "csat-1-thread", "polars", "duckdb", "pandas", "wc-l", "cat"]
for e in sorted(med, key=lambda e: order.index(e) if e in order else 99):
    s = med[e]
    mem = f"{max(rss[e]) * 1024 / 1e6:,.0f}" if e not in ("cat", "wc-l") else "–"
    vs_polars = f"{med['polars'] / floor(s):.2f}" if "polars" in med else "–"
    vs_wc = f"{floor(s) / floor(med['wc-l']):.1f}" if "wc-l" in med else "–"
    all_runs = " / ".join(f"{x:.2f}" for x in wall[e])
    print(f"| {e} | {s:.2f} | {all_runs} | {mem} | {n / floor(s) / 1e6:.2f} M | "
          f"{size / 1e6 / floor(s):,.0f} | {vs_polars} | {vs_wc} |")
# Runs alternate, so run k of every engine saw about the same machine: the ratio of each such
# pair, and their median, is the comparison least moved by a busy neighbour.
print()
for peer in [p for p in ("polars", "duckdb", "pandas", "wc-l") if p in wall]:
    pairs = [b / floor(a) if peer != "wc-l" else floor(a) / floor(b)
             for a, b in zip(wall["csat"], wall[peer])]
    what = f"{peer} ÷ csat" if peer != "wc-l" else "csat ÷ `wc -l`"
    print(f"paired runs, {what}: " + " / ".join(f"{r:.2f}" for r in pairs)
          + f"; median {statistics.median(pairs):.2f}")
EOF
exit $status
