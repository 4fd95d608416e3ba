#!/usr/bin/env bash
# Runs every program in benches/python under the release ferrython and
# under CPython 3.13, checks they print the same thing, and prints the wall
# time of each (best of 3, timed by benches/spawn_time.c), the ratio
# ferrython / CPython and the geometric mean; then the same for startup (`-c pass`) and for a cold import of 20
# common standard-library modules, each run a whole new process.
set -euo pipefail
cd "$(dirname "$0")/.."
CPY=${FERRYTHON_CPYTHON:-$HOME/.pyenv/versions/3.13.0/bin/python3}
FER=${CARGO_TARGET_DIR:-target}/release/ferrython
cargo build --release -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -O2 -o "$out/spawn_time" benches/spawn_time.c
best() { "$out/spawn_time" -n 3 "$@"; }
printf "%-18s %12s %12s %7s\n" program "ferrython(ms)" "cpython(ms)" ratio
rows=""
for p in benches/python/*.py; do
    if ! diff <("$FER" "$p") <("$CPY" "$p") > /dev/null; then
        echo "$(basename "$p"): output differs from CPython" >&2
        continue
    fi
    f=$(best "$FER" "$p")
    c=$(best "$CPY" "$p")
    rows+="$(basename "$p" .py) $f $c"$'\n'
done
f=$(best "$FER" -c pass)
c=$(best "$CPY" -c pass)
rows+="startup(-c_pass) $f $c"$'\n'
IMPORTS="os, sys, re, json, math, time, random, collections, functools, itertools, dataclasses, enum, typing, pathlib, logging, argparse, datetime, string, textwrap, struct"
# Both run from their bytecode caches: CPython's were written when it was
# installed; this first run writes ferrython's (__pycache__/*.ferrython-314.pyc).
if env -u PYTHONDONTWRITEBYTECODE "$FER" -c "import $IMPORTS" > /dev/null; then
    f=$(best "$FER" -c "import $IMPORTS")
    c=$(best "$CPY" -c "import $IMPORTS")
    rows+="import(20_modules) $f $c"$'\n'
else
    echo "import(20_modules): fails under ferrython" >&2
fi
printf "%s" "$rows" | awk '
    NF == 3 { r = $2 / $3; printf "%-18s %12.1f %12.1f %7.2f\n", $1, $2 / 1000, $3 / 1000, r;
              if ($1 !~ /^(startup|import)/) { lg += log(r); n++ } }
    END { if (n) printf "geometric mean (programs): %.2f\n", exp(lg / n) }'
