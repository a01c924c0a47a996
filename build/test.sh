#!/usr/bin/env bash
# The README's test command: installs what is missing, builds what is stale, runs every test
# (NUnit, native ctest, native ctest under ASan/UBSan) and ends with one line "N passed, N failed, N skipped".
#   build/test.sh                  everything
#   build/test.sh --filter EXPR    only NUnit tests matching a dotnet-test filter (native suites still run)
#   build/test.sh --regen-fixtures first regenerates every committed fixture with its generator
#                                  (tests/fixtures/gen/*.py under /usr/bin/python3, the NumPy oracle), then tests
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FILTER=""
REGEN=0
while (($#)); do
  case "$1" in
    --filter) FILTER="$2"; shift 2 ;;
    --regen-fixtures) REGEN=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

build/setup.sh || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

if ((REGEN)); then
  # Every generator writes its committed files under tests/fixtures/data/ deterministically, so an unchanged
  # NumPy gives no diff; the git status below shows what a new NumPy (or a generator change) altered.
  echo "== regenerate fixtures (NumPy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'))"
  for gen in tests/fixtures/gen/*.py; do
    if ! /usr/bin/python3 "$gen"; then
      echo "fixture generator $gen failed"; echo "0 passed, 1 failed"; exit 1
    fi
  done
  git status --short -- tests/fixtures/data | sed 's/^/  changed: /'
fi

echo "== build (Release)"
if ! dotnet build Numerics.Native.sln -c Release -v quiet -nologo >"$RESULTS/build.log" 2>&1; then
  grep -E "error" "$RESULTS/build.log" | sort -u | head -40
  echo "build failed (full log: $RESULTS/build.log)"; echo "0 passed, 1 failed"; exit 1
fi

echo "== native tests (ctest)"
ctest --test-dir artifacts/native/Release --output-on-failure --output-junit "$RESULTS/ctest.xml" -j2 2>&1 | tail -5

echo "== native tests under ASan/UBSan"
cmake -S native -B artifacts/native-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNK_SANITIZE=ON -DNK_TESTS=ON >/dev/null &&
  cmake --build artifacts/native-asan --parallel 2 >/dev/null &&
  ctest --test-dir artifacts/native-asan --output-on-failure --output-junit "$RESULTS/ctest-asan.xml" -j2 2>&1 | tail -5

echo "== .NET tests (NUnit)"
args=(test tests/Numerics.Native.Tests -c Release --no-build --logger "trx;LogFileName=nunit.trx" --results-directory "$RESULTS")
[ -n "$FILTER" ] && args+=(--filter "$FILTER")
dotnet "${args[@]}" 2>&1 | grep -vE "^\s*$|^[A-Za-z]+Warning: " | tail -40
# A suite that wrote no result file counts as one failure.
read -r passed failed skipped < <(/usr/bin/python3 build/count_results.py \
  "$RESULTS/ctest.xml" "$RESULTS/ctest-asan.xml" "$RESULTS/nunit.trx")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
