#!/usr/bin/env bash
# The README's test command: installs what is missing, builds what is stale, runs every test
# (NUnit, native ctest, native ctest under ASan/UBSan) and ends with one line "N passed, N failed, N skipped".
#   build/test.sh                  everything
#   build/test.sh --filter EXPR    only NUnit tests matching a dotnet-test filter (native suites still run)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FILTER=""
while (($#)); do
  case "$1" in
    --filter) FILTER="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

build/setup.sh || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

passed=0; failed=0; skipped=0
add_ctest() {   # $1 = junit file written by ctest
  local f="$1"
  if [ ! -f "$f" ]; then failed=$((failed + 1)); return; fi
  local t fl sk
  t=$(grep -o '<testsuite [^>]*' "$f" | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*' | head -1)
  fl=$(grep -o '<testsuite [^>]*' "$f" | grep -o ' failures="[0-9]*"' | grep -o '[0-9]*' | head -1)
  sk=$(grep -o '<testsuite [^>]*' "$f" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*' | head -1)
  t=${t:-0}; fl=${fl:-0}; sk=${sk:-0}
  passed=$((passed + t - fl - sk)); failed=$((failed + fl)); skipped=$((skipped + sk))
}

echo "== build (Release)"
if ! dotnet build Numerics.Native.sln -c Release -v quiet -nologo >"$RESULTS/build.log" 2>&1; then
  grep -E "error" "$RESULTS/build.log" | sort -u | head -40
  echo "build failed (full log: $RESULTS/build.log)"; echo "0 passed, 1 failed"; exit 1
fi

echo "== native tests (ctest)"
ctest --test-dir artifacts/native/Release --output-on-failure --output-junit "$RESULTS/ctest.xml" -j2 2>&1 | tail -5
add_ctest "$RESULTS/ctest.xml"

echo "== native tests under ASan/UBSan"
cmake -S native -B artifacts/native-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNK_SANITIZE=ON -DNK_TESTS=ON >/dev/null &&
  cmake --build artifacts/native-asan --parallel 2 >/dev/null &&
  ctest --test-dir artifacts/native-asan --output-on-failure --output-junit "$RESULTS/ctest-asan.xml" -j2 2>&1 | tail -5
add_ctest "$RESULTS/ctest-asan.xml"

echo "== .NET tests (NUnit)"
args=(test tests/Numerics.Native.Tests -c Release --no-build --logger "trx;LogFileName=nunit.trx" --results-directory "$RESULTS")
[ -n "$FILTER" ] && args+=(--filter "$FILTER")
dotnet "${args[@]}" 2>&1 | grep -vE "^\s*$" | tail -40
TRX="$RESULTS/nunit.trx"
if [ -f "$TRX" ]; then
  counters=$(grep -o '<Counters [^>]*' "$TRX")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
else
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
