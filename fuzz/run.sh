#!/usr/bin/env bash
# Runs both fuzz targets for a fixed time each (default 120 s).
#   bash fuzz/run.sh [SECONDS]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The machine's stable
# toolchain builds the sanitizer flags with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-120}"
mkdir -p corpus/spec_loader corpus/response_decode
cp ../spec/*.yaml ../tests/fixtures/minimal.yaml corpus/spec_loader/
cp ../tests/broken/*.yaml regressions/spec_loader/* corpus/spec_loader/
cp seeds/response_decode/* corpus/response_decode/
for target in response_decode spec_loader; do
  echo "== $target for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -n 25
done
