#!/usr/bin/env bash
# Every benchmark in one command, then the tables with ratios and the plot:
#
#   bash benches/run_all.sh
#
# 1. criterion: generation (real specs, stages, synthetic sizes side by
#    side with progenitor), runtime (validate+encode, decode, loopback
#    calls), and the allocation counts;
# 2. `scaling`: time and peak memory per synthetic size, one child process
#    each (this is where 10,000 operations is timed: 3 runs);
# 3. build_times.sh: whole cargo builds in a private copy of the workspace;
# 4. `instructions`: the runtime comparisons and the generator's stages
#    counted in instructions under valgrind's callgrind, which other load on
#    the machine does not change (target/bench-results/instructions.md and
#    stages.md; skipped with a note when valgrind is missing);
# 5. `report`: target/bench-results/summary.md (tables and ratios, also
#    printed) and benches/results/generation_time.svg (the plot).
#
# Takes about 20 minutes on 2 cores once the bench binaries are built.
# SKIP_BUILD_TIMES=1 leaves out step 3, SKIP_INSTRUCTIONS=1 step 4 (about
# 15 minutes under callgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-results
mkdir -p "$OUT"
start=$(date +%s)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "rustc: $(rustc -V)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

echo "== building the benchmarks (release)"
cargo bench -p benches --no-run
cargo build --release -p benches --bins

echo "== criterion: generation"
cargo bench -p benches --bench generation -- --noplot
echo "== criterion: runtime"
cargo bench -p benches --bench runtime -- --noplot
echo "== allocations"
cargo bench -p benches --bench alloc | tee "$OUT/alloc.txt"
echo "== scaling: time and peak memory per size"
target/release/scaling --out "$OUT/scaling.json"
if [ "${SKIP_BUILD_TIMES:-0}" != 1 ]; then
  echo "== build times"
  bash benches/build_times.sh
fi
if [ "${SKIP_INSTRUCTIONS:-0}" != 1 ]; then
  if command -v valgrind >/dev/null; then
    echo "== instruction counts (callgrind)"
    target/release/instructions report
  else
    echo "== instruction counts skipped: valgrind is not installed (apt-get install valgrind)"
  fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
echo "== report"
target/release/report --results "$OUT" --plot benches/results/generation_time.svg
echo "total: $(( $(date +%s) - start )) s"
