#!/usr/bin/env bash
# Our benchmarks against NumPy's on this machine, interleaved over rounds; writes compare.md and compare.json,
# and with --baseline fails (exit 1) on a regression of the ratio to NumPy. docs/benchmarks.md has the details.
#
#   build/compare.sh                                   every workload, 1 thread and all cores, 3 rounds
#   build/compare.sh --filter 'W5_' --threads 1 --rounds 5 --out /tmp/cmp
#   build/compare.sh --baseline build/baselines/<kind>.json --max-regression 25%
#   build/compare.sh --from-json run.json --baseline base.json    gate two existing files; runs no benchmark
#
# Exit codes: 0 ok, 1 regression, 2 bad input or usage, 3 a benchmark process failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONFIG=Release
TOOL_DIR=build/tools/Numerics.Native.Compare
BENCH_DIR=tests/Numerics.Native.Benchmarks
CREF=artifacts/bench/cref
# Debian's OpenBLAS pthread build: the backend the library loads by default (README "Architecture").
OPENBLAS_DIR=/usr/lib/x86_64-linux-gnu/openblas-pthread
OPENBLAS_INC=/usr/include/x86_64-linux-gnu/openblas-pthread

run_benchmarks=true
for arg in "$@"; do
  case "$arg" in --from-json|--validate|--print-schema|-h|--help) run_benchmarks=false ;; esac
done

build() { dotnet build "$1" -c "$CONFIG" -nologo -v q -clp:ErrorsOnly >&2; }

if $run_benchmarks; then
  bash build/setup.sh
  build "$BENCH_DIR/Numerics.Native.Benchmarks.csproj"
  if [ ! -x "$CREF" ] || [ "$BENCH_DIR/native_ref/cref.c" -nt "$CREF" ]; then
    mkdir -p "$(dirname "$CREF")"
    # liblapack.so.3 and libblas.so.3 from the OpenBLAS directory, first: Debian's LAPACKE needs those sonames and reuses them,
    # so the C side's LAPACK is OpenBLAS's (as the facade's) whatever the system alternative points at.
    gcc -std=c11 -O2 -Wall -Wextra -Werror "$BENCH_DIR/native_ref/cref.c" -o "$CREF" -I"$OPENBLAS_INC" \
        -L"$OPENBLAS_DIR" -Wl,-rpath,"$OPENBLAS_DIR" -Wl,--no-as-needed -llapack -lblas -lopenblas -llapacke -ldl -lm
  fi
fi
build "$TOOL_DIR/Numerics.Native.Compare.csproj"

exec dotnet "$TOOL_DIR/bin/$CONFIG/net10.0/Numerics.Native.Compare.dll" \
  --repo-root "$ROOT" \
  --bench "$ROOT/$BENCH_DIR/bin/$CONFIG/net10.0/Numerics.Native.Benchmarks.dll" \
  --cref "$ROOT/$CREF" \
  --python /usr/bin/python3 \
  "$@"
