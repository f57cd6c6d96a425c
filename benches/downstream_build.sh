#!/usr/bin/env bash
# What a crate that depends on the generated client pays, at two commits
# side by side: the crates `codegen` pulls in as a build dependency, and
# the clean debug build of a minimal downstream binary (dependencies
# included, fresh target dir per build, RUNS builds each, alternating).
#
#   bash benches/downstream_build.sh OLD_REV [NEW_REV]   # NEW_REV: the work tree
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OLD=${1:?usage: downstream_build.sh OLD_REV [NEW_REV]}
NEW=${2:-}
RUNS=${RUNS:-2}
WORK=$ROOT/target/downstream-build
rm -rf "$WORK" && mkdir -p "$WORK"
export CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never

checkout() { # rev dir
  if [ -z "$1" ]; then ln -s "$ROOT" "$2"; else git worktree add -q --detach "$2" "$1"; fi
}
checkout "$OLD" "$WORK/old"
checkout "$NEW" "$WORK/new"
trap 'git worktree remove --force "$WORK/old" 2>/dev/null || true; [ -L "$WORK/new" ] || git worktree remove --force "$WORK/new" 2>/dev/null || true' EXIT

for side in old new; do
  d=$WORK/downstream-$side
  mkdir -p "$d/src"
  cat > "$d/Cargo.toml" <<TOML
[package]
name = "downstream-$side"
version = "0.1.0"
edition = "2021"

[dependencies]
generated-client = { path = "$WORK/$side/generated-client" }

[workspace]
TOML
  echo 'fn main() { let _ = generated_client::razorpay::Environment::Production; }' > "$d/src/main.rs"
  cp "$WORK/$side/Cargo.lock" "$d/Cargo.lock"
  (cd "$WORK/$side" && cargo tree --offline -p codegen --no-default-features -e normal --prefix none \
    | sed 's/ (\*)//; s/ (proc-macro)//; s/ (\/.*)//' | sort -u) > "$WORK/codegen-deps-$side.txt"
done

echo "codegen as a build dependency: $(wc -l < "$WORK/codegen-deps-old.txt") crates (old), $(wc -l < "$WORK/codegen-deps-new.txt") crates (new)"
diff "$WORK/codegen-deps-old.txt" "$WORK/codegen-deps-new.txt" | grep '^[<>]' || true
grep -q '^clap ' "$WORK/codegen-deps-new.txt" && echo "clap is a build dependency (new)" || echo "no clap in the build dependency (new)"

build() { # side
  local t=$WORK/target-$1
  rm -rf "$t"
  /usr/bin/time -f "%e %M" -o "$WORK/time-$1" env CARGO_TARGET_DIR="$t" \
    cargo build --offline -q --manifest-path "$WORK/downstream-$1/Cargo.toml"
  rm -rf "$t"
  cat "$WORK/time-$1"
}
printf '\n| run | old clean build (s) | new clean build (s) | new / old | old peak RSS (MB) | new peak RSS (MB) |\n|---:|---:|---:|---:|---:|---:|\n'
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then o=$(build old); n=$(build new); else n=$(build new); o=$(build old); fi
  set -- $o; ot=$1; om=$2; set -- $n; nt=$1; nm=$2
  awk -v i="$i" -v ot="$ot" -v nt="$nt" -v om="$om" -v nm="$nm" \
    'BEGIN { printf "| %d | %.1f | %.1f | %.3f | %.0f | %.0f |\n", i, ot, nt, nt/ot, om/1024, nm/1024 }'
done
