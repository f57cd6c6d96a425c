#!/usr/bin/env bash
# Proves that a provider is added by its spec and its feature line alone:
# copies the workspace, adds `spec/acme.yaml` (Razorpay's spec under another
# provider name) and the `acme` feature of `generated-client`, and runs the
# test suites that read `spec/` there (the mock's among them): the tests that find providers from
# `spec/` cover acme too (its first snapshot is recorded; conformance runs its cases
# through the request types the build script registers; the generator's and
# diff's tests count it). Nothing else is edited. Run by `.ci/run`; shares
# the target dir.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

tar -C "$root" --exclude=./target --exclude=./.git -cf - . | tar -C "$scratch" -xf -
sed -e 's/^  name: razorpay$/  name: acme/' -e 's/^  title: Razorpay$/  title: Acme/' \
  "$root/spec/razorpay.yaml" >"$scratch/spec/acme.yaml"
grep -q '^  name: acme$' "$scratch/spec/acme.yaml"
# The feature line, and its place in the default list.
sed -i -e 's/^razorpay = \[\]$/razorpay = []\nacme = []/' \
  -e 's/^default = \[/default = ["acme", /' "$scratch/generated-client/Cargo.toml"
grep -q '^acme = \[\]$' "$scratch/generated-client/Cargo.toml"

cd "$scratch"
export CARGO_TARGET_DIR="$target"
# The snapshots first, so acme's first snapshot is recorded before anything
# else compares, then the suites of the packages that find providers from
# `spec/` (the others do not read it; leaving them out keeps the second
# copy of the workspace's test binaries off the disk): the mock's sends
# acme every conformance case.
cargo test --locked -q -p generated-client --test snapshots
cargo test --locked -q -p generated-client -p integration-tests
cargo test --locked -q -p mock --test every_rule
test -f generated-client/tests/snapshots/snapshots__acme.snap || {
  echo "acme's snapshot was not recorded" >&2
  exit 1
}
echo "a provider added by its spec and feature line alone: the discovery-driven tests pass"
