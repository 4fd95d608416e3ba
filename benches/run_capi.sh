#!/usr/bin/env bash
# Builds benches/capi_ops.c against ferrython (release build tree) and
# against CPython 3.13 (pyenv's python3-embed), runs both, and prints the
# time per operation and the ratio ferrython / CPython for each.
set -euo pipefail
cd "$(dirname "$0")/.."
CPY_PC=${CPYTHON_PKGCONFIG:-$HOME/.pyenv/versions/3.13.0/lib/pkgconfig}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
make -s all >/dev/null
cc -O2 -o "$out/ferry" benches/capi_ops.c $(PKG_CONFIG_PATH=${CARGO_TARGET_DIR:-target}/release/pkgconfig pkg-config --cflags --libs ferrython-embed)
cc -O2 -o "$out/cpy" benches/capi_ops.c $(PKG_CONFIG_PATH=$CPY_PC pkg-config --cflags --libs python3-embed) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH=$CPY_PC pkg-config --variable=libdir python3-embed)"
"$out/ferry" > "$out/f.txt"
"$out/cpy" > "$out/c.txt"
echo "operation              ferrython(ns)  cpython(ns)  ratio"
join <(sort "$out/f.txt") <(sort "$out/c.txt") | awk '
    { r = $2 / $3; printf "%-22s %12.2f %12.2f %6.2f\n", $1, $2, $3, r; lg += log(r); n++ }
    END { if (n) printf "geometric mean ratio: %.2f\n", exp(lg / n) }'
