#!/usr/bin/env bash
# The full test suite: unit and integration tests (swift test, real binaries
# on ephemeral ports), then the Consul API checked with a third-party Consul
# client (py-consul) in a virtualenv. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/prereqs.sh

echo "== build"
swift build --build-tests 2>&1 | { grep -vE "^\[|distributed-tracing|^Building|^Compiling|^Write" || true; } | tail -n 50

echo "== python virtualenv (test clients, the OpenSearch-compatible stand-in)"
if [[ ! -x .venv/bin/pip ]]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip >/dev/null
fi
.venv/bin/pip install -q -r hack/pytests/requirements.txt

echo "== swift test"
set +e
# Serially: suites start real servers and binaries; run together on 2 cores
# they starve each other (and once hung a run), serially they take ~1.5 min.
swift test --skip-build --no-parallel 2>&1 | tee .build/swift-test.log | grep -vE '^\[|^Test Suite .* (started|passed)|^Test Case .* (started|passed)|^✔ Test ("|[^ ]+\()|◇ (Test|Suite) .* started'  | tail -n 300
status=${PIPESTATUS[0]}
set -e

echo "== python tests (third-party clients against our APIs)"
set +e
GWS_BIN_DIR="$(swift build --show-bin-path)" .venv/bin/pytest -q hack/pytests 2>&1 | tee .build/pytest.log
py_status=${PIPESTATUS[0]}
set -e

# One closing line for both runners: "total: N passed, N failed".
set +e
swift_total=$(grep -oE "Test run with [0-9]+ tests?" .build/swift-test.log | tail -1 | grep -oE "[0-9]+")
swift_failed_tests=$(grep -cE "^✘ Test .* failed after" .build/swift-test.log)
py_passed=$(grep -oE "[0-9]+ passed" .build/pytest.log | tail -1 | grep -oE "[0-9]+")
py_failed=$(grep -oE "[0-9]+ failed" .build/pytest.log | tail -1 | grep -oE "[0-9]+")
set -e
swift_total=${swift_total:-0}; swift_failed_tests=${swift_failed_tests:-0}
py_passed=${py_passed:-0}; py_failed=${py_failed:-0}
failed=$((swift_failed_tests + py_failed))
passed=$((swift_total - swift_failed_tests + py_passed))
if [[ $status -ne 0 && $swift_failed_tests -eq 0 ]]; then failed=$((failed + 1)); fi
if [[ $py_status -ne 0 && $py_failed -eq 0 ]]; then failed=$((failed + 1)); fi

if [[ $status -ne 0 ]]; then
  # CI shows the end of this output: repeat what failed or crashed here.
  echo "== swift test: what failed"
  grep -E "Fatal error|^✘ Test .* (failed|recorded)|unexpected signal|error: " .build/swift-test.log | head -n 40 || true
  if grep -q "unexpected signal" .build/swift-test.log; then
    echo "-- the last tests started before the crash:"
    grep -E "^◇ Test .* started|^Test Case .* started" .build/swift-test.log | tail -n 3 || true
  fi
fi
if [[ $status -ne 0 || $py_status -ne 0 ]]; then
  echo "FAILED: swift test exit $status, pytest exit $py_status"
  echo "total: $passed passed, $failed failed"
  exit 1
fi
echo "total: $passed passed, 0 failed"
