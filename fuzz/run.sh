#!/usr/bin/env bash
# Runs each fuzz target of the credential verifier for a bounded time (default 60 seconds
# each) and fails on the first crash, leaving the crashing input in fuzz/artifacts/TARGET/.
#
#     fuzz/run.sh [SECONDS]
#
# Needs a nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz when it is
# missing. New inputs go to fuzz/work/TARGET (ignored by git); fuzz/corpus/TARGET holds the
# seeds and is only read. See docs/fuzzing.md.
set -euo pipefail

seconds="${1:-60}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

targets=(presentation status_list)
for target in "${targets[@]}"; do
    mkdir -p "fuzz/work/$target"
    echo "== fuzzing $target for ${seconds}s"
    if ! cargo "+$toolchain" fuzz run --fuzz-dir fuzz "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; then
        echo "fuzz target $target crashed; the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
echo "== no crash in ${#targets[@]} targets, ${seconds}s each"
