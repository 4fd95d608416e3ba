#!/usr/bin/env bash
# Startup and shutdown against CPython 3.13: a Py_Initialize + Py_FinalizeEx
# cycle (benches/init_cycle.c, built against both) and the `-c pass` /
# `-I -S -c pass` command lines (best of 20 runs each, timed by
# benches/spawn_time.c around fork/exec/wait). Prints microseconds
# and the ratio ferrython / CPython (below 1 is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
CPY_PC=${CPYTHON_PKGCONFIG:-$HOME/.pyenv/versions/3.13.0/lib/pkgconfig}
CPY=${FERRYTHON_CPYTHON:-$HOME/.pyenv/versions/3.13.0/bin/python3}
REL=${CARGO_TARGET_DIR:-target}/release
FER=$REL/ferrython
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
make -s all >/dev/null
cc -O2 -o "$out/ferry" benches/init_cycle.c $(PKG_CONFIG_PATH=$REL/pkgconfig pkg-config --cflags --libs ferrython-embed)
cc -O2 -o "$out/cpy" benches/init_cycle.c $(PKG_CONFIG_PATH=$CPY_PC pkg-config --cflags --libs python3-embed) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH=$CPY_PC pkg-config --variable=libdir python3-embed)"
cc -O2 -o "$out/spawn_time" benches/spawn_time.c
best() { "$out/spawn_time" "$@"; }
rows="$("$out/ferry") $("$out/cpy" | cut -d' ' -f2)"$'\n'
rows+="ferrython_-c_pass $(best "$FER" -c pass) $(best "$CPY" -c pass)"$'\n'
rows+="ferrython_-I_-S_-c_pass $(best "$FER" -I -S -c pass) $(best "$CPY" -I -S -c pass)"$'\n'
printf "%-24s %14s %14s %7s\n" what "ferrython(us)" "cpython(us)" ratio
printf "%s" "$rows" | awk 'NF == 3 { printf "%-24s %14.1f %14.1f %7.2f\n", $1, $2, $3, $2 / $3 }'
