#!/usr/bin/env bash
# Runs CPython's own test modules (Lib/test of the installed CPython) under
# ferrython, each module in its own process with a time limit, and prints
# the tests passed / failed / errors / skipped per module and in total.
# A module that crashes the interpreter or runs out of time is reported as
# such, with the tests it finished before.
#
#   tests/cpython_suite/run.sh [TEST_NAME ...]
#
# Without names, runs the list in tests/cpython_suite/modules.txt.
# Environment: FERRYTHON (the interpreter; default the release build, else
# the debug build, of $CARGO_TARGET_DIR or target), SUITE_TIMEOUT (seconds
# per module, default 600), SUITE_LOGS (where each module's stderr and
# record go; default $CARGO_TARGET_DIR/cpython-suite), SUITE_JOBS
# (modules run at once, default 1), CC (the C compiler for the test-support
# modules, default cc).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${CARGO_TARGET_DIR:-$here/../../target}
if [[ -z "${FERRYTHON:-}" ]]; then
    FERRYTHON=$target/release/ferrython
    [[ -x "$FERRYTHON" ]] || FERRYTHON=$target/debug/ferrython
fi
[[ -x "$FERRYTHON" ]] || { echo "no ferrython at $FERRYTHON (build it, or set FERRYTHON)" >&2; exit 2; }
FERRYTHON=$(cd "$(dirname "$FERRYTHON")" && pwd)/$(basename "$FERRYTHON")
timeout_s=${SUITE_TIMEOUT:-600}
logs=${SUITE_LOGS:-$target/cpython-suite}
jobs=${SUITE_JOBS:-1}
mkdir -p "$logs"
logs=$(cd "$logs" && pwd)

# CPython's test-support extension modules (_testcapi, _testlimitedcapi,
# _testinternalcapi): our own versions in testmods/, built like any
# third-party extension against this tree's headers (the flags that
# `pkg-config --cflags ferrython` gives for the build tree), with the
# interpreter's extension suffix. CPython's tests import them in
# subprocesses started with -I too, which ignores PYTHONPATH: in CPython
# they are found because they sit in the build tree's extension
# directory, named by the pybuilddir.txt beside the executable. So the
# tests run a copy of the interpreter in $logs/interp with such a
# pybuilddir.txt, naming $logs/interp/testmods.
interp=$logs/interp
testmods=$interp/testmods
mkdir -p "$testmods"
cp "$FERRYTHON" "$interp/ferrython.new" && mv -f "$interp/ferrython.new" "$interp/ferrython" \
    || { echo "cannot copy $FERRYTHON to $interp" >&2; exit 2; }
echo testmods > "$interp/pybuilddir.txt"
FERRYTHON=$interp/ferrython
suffix=$("$FERRYTHON" -c 'import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])') \
    || { echo "cannot ask $FERRYTHON for its extension suffix" >&2; exit 2; }
for src in "$here"/testmods/*.c; do
    mod=$(basename "$src" .c)
    "${CC:-cc}" -O2 -g -Wall -shared -fPIC -I"$here/../../include" "$src" -o "$testmods/$mod$suffix" \
        || { echo "cannot build $src" >&2; exit 2; }
done

if (($#)); then
    names=("$@")
else
    mapfile -t names < <(grep -v '^#' "$here/modules.txt" | grep -v '^$')
fi

# Runs one module; leaves $logs/NAME.rec (records), NAME.err (stderr and
# stdout) and NAME.status (exit status of the process, 124 on timeout).
run_module() {
    local name=$1 work
    work=$(mktemp -d)
    (cd "$work" && timeout -k 10 "$timeout_s" "$FERRYTHON" "$here/run_one.py" "$name" \
        "$logs/$name.rec" > "$logs/$name.err" 2>&1 < /dev/null)
    echo $? > "$logs/$name.status"
    rm -rf "$work"
}
export -f run_module
export FERRYTHON here logs timeout_s
printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} bash -c 'run_module {}'

printf "%-22s %6s %6s %6s %6s %6s %6s  %s\n" module tests passed failed errors skipped pass% status
T=0 P=0 F=0 E=0 S=0
for name in "${names[@]}"; do
    rec=$logs/$name.rec
    [[ -f $rec ]] || : > "$rec"
    st=$(cat "$logs/$name.status" 2>/dev/null || echo "?")
    read -r p f e s < <(awk '$1=="pass"{p++} $1=="fail"{f++} $1=="error"{e++} $1=="skip"{s++}
                             END {print p+0, f+0, e+0, s+0}' "$rec")
    t=$((p + f + e + s))
    last=$(awk '$1=="start"{t=$2} $1!="start"{if ($2==t) t=""} END{print t}' "$rec")
    if grep -q '^import-error' "$rec"; then
        status="IMPORT ERROR: $(grep -m1 '^import-error' "$rec" | cut -d' ' -f2- | cut -c1-90)"
    elif grep -q '^done' "$rec"; then
        status=ok
        [[ $st == 0 || $st == 1 ]] || status="ok, then exit status $st"
    elif [[ $st == 124 || $st == 137 ]]; then
        status="TIMEOUT after ${timeout_s}s${last:+ in $last}"
    elif [[ $st =~ ^[0-9]+$ ]] && ((st > 128)); then
        status="CRASH (signal $((st - 128)))${last:+ in $last}"
    else
        status="EXIT $st before finishing: $(grep -v '^\s*$' "$logs/$name.err" | tail -1 | cut -c1-80)"
    fi
    # The test that was running when the process died counts as an error.
    if [[ -n $last ]] && ! grep -q '^done' "$rec"; then
        e=$((e + 1)) t=$((t + 1))
    fi
    run=$((p + f + e))
    pct=$(awk -v p="$p" -v r="$run" 'BEGIN { if (r) printf "%.1f", 100 * p / r; else print "-" }')
    printf "%-22s %6d %6d %6d %6d %6d %6s  %s\n" "$name" "$t" "$p" "$f" "$e" "$s" "$pct" "$status"
    T=$((T + t)) P=$((P + p)) F=$((F + f)) E=$((E + e)) S=$((S + s))
done
run=$((P + F + E))
pct=$(awk -v p="$P" -v r="$run" 'BEGIN { if (r) printf "%.1f", 100 * p / r; else print "-" }')
printf "%-22s %6d %6d %6d %6d %6d %6s\n" TOTAL "$T" "$P" "$F" "$E" "$S" "$pct"
echo "pass% = passed / (passed + failed + errors); logs in $logs"
