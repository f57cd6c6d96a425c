#!/usr/bin/env bash
# Build-time benchmarks: whole cargo runs, timed with /usr/bin/time -v
# (wall time and peak RSS; the peak is the largest process cargo waited
# for, i.e. rustc). Every build runs in a copy of the workspace under
# target/build-times/ with its own CARGO_TARGET_DIR there, so touching a
# spec or cleaning a package never disturbs anyone else's build.
#
#   bash benches/build_times.sh            # RUNS=3 by default
#   ONLY_SYNTHETIC=1 bash benches/build_times.sh   # only ours against progenitor
#   SKIP_DOWNSTREAM=1 …                            # without the clean builds from nothing
#
# Debug profile, CARGO_INCREMENTAL=0, dependencies prebuilt (untimed
# first build). Results: target/bench-results/build_times.tsv (median of
# RUNS runs per row) and a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
OPS=${OPS:-100}
BT=$ROOT/target/build-times
RESULTS=$ROOT/target/bench-results
mkdir -p "$BT" "$RESULTS"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (Debian package \`time\`)"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    sudo apt-get install -y time >/dev/null
  fi
fi

# --- a private copy of the workspace: codegen, generated-client, spec -------
WS=$BT/ws
rm -rf "$WS/codegen" "$WS/generated-client" "$WS/spec" "$WS/formats" "$WS/mock"
mkdir -p "$WS"
# `mock` only because the client's manifest names it (a dev-dependency of
# its examples); nothing here builds it.
cp -r codegen generated-client spec formats mock "$WS/"
# Examples stay: the manifest names them (`required-features`); `cargo build`
# does not compile them.
rm -rf "$WS/generated-client/tests" "$WS/generated-client/benches"
cp Cargo.lock "$WS/Cargo.lock"
# The root manifest with only the members the client needs.
sed -E 's/^members = \[.*\]/members = ["codegen", "generated-client", "formats", "mock"]/' Cargo.toml > "$WS/Cargo.toml"
export CARGO_TARGET_DIR=$BT/target

TSV=$RESULTS/build_times.tsv
printf 'build\truns\tmedian_s\tmedian_peak_mib\tnote\n' > "$TSV"

# measure NAME NOTE -- command...: runs the command RUNS times after
# `prepare` (a shell function the caller defines), keeps the medians.
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
measure() {
  local name=$1 note=$2; shift 3
  local times=() peaks=() i
  for ((i = 1; i <= RUNS; i++)); do
    prepare
    /usr/bin/time -v -o "$BT/time.txt" "$@" > "$BT/build.log" 2>&1 || { cat "$BT/build.log"; return 1; }
    check_run
    local wall peak
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(j=1;j<=n;j++) s=s*60+p[j]; print s}' "$BT/time.txt")
    peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$BT/time.txt")
    times+=("$wall"); peaks+=("$peak")
  done
  local mt mp
  mt=$(printf '%s\n' "${times[@]}" | median)
  mp=$(printf '%s\n' "${peaks[@]}" | median)
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$RUNS" "$mt" "$mp" "$note" >> "$TSV"
  printf '%-58s %8.2f s %8s MiB   (runs: %s s)\n' "$name" "$mt" "$mp" "${times[*]}"
}
check_run() { :; }

cd "$WS"
if [ -z "${ONLY_SYNTHETIC:-}" ]; then
echo "== prebuilding dependencies (untimed)"
cargo build -q -p generated-client
cargo build -q -p generated-client --no-default-features --features razorpay

echo "== generated-client"
prepare() { cargo clean -q -p generated-client; }
measure "clean build of generated-client, every provider (six)" "codegen and deps prebuilt; build script + client crate" -- \
  cargo build -p generated-client
measure "clean build of generated-client, razorpay only" "--no-default-features --features razorpay" -- \
  cargo build -p generated-client --no-default-features --features razorpay
prepare() { cargo clean -q -p generated-client; cargo build -q -p generated-client --no-default-features --features commercelayer; cargo clean -q -p generated-client; }
measure "clean build of generated-client, commercelayer only" "--no-default-features --features commercelayer (the largest spec)" -- \
  cargo build -p generated-client --no-default-features --features commercelayer

# No-op rebuild: nothing changed, so the build script must not run.
prepare() { cargo build -q -p generated-client; }
check_run() {
  if grep -q "Running .*build-script-build" "$BT/build.log"; then
    echo "FAIL: the no-op rebuild ran the generator"; cat "$BT/build.log"; exit 1
  fi
}
measure "no-op rebuild (unchanged specs; generator not run)" "cargo -v shows no build-script run" -- \
  cargo build -v -p generated-client
check_run() { :; }

# Touch one spec: the generator runs, the client recompiles.
prepare() { cargo build -q -p generated-client; sleep 1; touch spec/razorpay.yaml; }
check_run() {
  grep -q "Running .*build-script-build" "$BT/build.log" || { echo "FAIL: touching a spec did not rerun the generator"; exit 1; }
}
measure "touch spec/razorpay.yaml, then build" "generator reruns; every provider (six)" -- \
  cargo build -v -p generated-client
check_run() { :; }
fi

# --- the synthetic API's generated code: ours against progenitor ---------------
echo "== compile time of the code generated for the synthetic ${OPS}-operation API"
SYN=$BT/synthetic
mkdir -p "$SYN"
(cd "$ROOT" && env -u CARGO_TARGET_DIR cargo run -q --release -p benches --bin synth-code -- "$OPS" "$SYN/code")

mkdir -p "$SYN/ours/src" "$SYN/progenitor/src"
cat > "$SYN/ours/Cargo.toml" <<TOML
[package]
name = "synthetic-ours"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
generated-client = { path = "$WS/generated-client", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
TOML
cp "$ROOT/Cargo.lock" "$SYN/ours/Cargo.lock"
printf '//! The synthetic API, generated by codegen.\n\ninclude!("../../code/ours.rs");\n' > "$SYN/ours/src/lib.rs"

cat > "$SYN/progenitor/Cargo.toml" <<TOML
[package]
name = "synthetic-progenitor"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
progenitor-client = "=0.15.1"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
regress = "0.12"
futures-core = "0.3"
bytes = "1"
TOML
printf '//! The synthetic API, generated by progenitor.\n\ninclude!("../../code/progenitor.rs");\n' > "$SYN/progenitor/src/lib.rs"

for which in ours progenitor; do
  (cd "$SYN/$which" && CARGO_TARGET_DIR=$SYN/$which/target cargo build -q)
done
prepare() { touch src/lib.rs; }
for which in ours progenitor; do
  cd "$SYN/$which"
  measure "compile the ${OPS}-operation synthetic API: $which" "debug, non-incremental, deps prebuilt" -- \
    env CARGO_TARGET_DIR="$SYN/$which/target" cargo build
done

# What a downstream crate pays from nothing: the same two crates built in an
# empty target dir, every dependency included (DOWNSTREAM_RUNS each, 1 by
# default: a clean build takes minutes; SKIP_DOWNSTREAM=1 leaves it out).
if [ "${SKIP_DOWNSTREAM:-0}" != 1 ]; then
  RUNS_SAVED=$RUNS
  RUNS=${DOWNSTREAM_RUNS:-1}
  for which in ours progenitor; do
    cd "$SYN/$which"
    prepare() { rm -rf "$SYN/$which/clean-target"; }
    measure "clean build, dependencies included: $which" "debug, empty target dir, ${OPS} operations" -- \
      env CARGO_TARGET_DIR="$SYN/$which/clean-target" cargo build --offline
    rm -rf "$SYN/$which/clean-target"
  done
  RUNS=$RUNS_SAVED
fi
cd "$ROOT"
wc -l "$SYN/code/ours.rs" "$SYN/code/progenitor.rs" | sed 's/^/  lines: /'
echo "results: $TSV"
