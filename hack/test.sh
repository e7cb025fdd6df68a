#!/usr/bin/env bash
# The full test suite: unit and integration tests (swift test, real binaries
# on ephemeral ports), then the Consul API checked with a third-party Consul
# client (py-consul) in a virtualenv. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/prereqs.sh

echo "== build"
swift build --build-tests 2>&1 | grep -vE "^\[|distributed-tracing|^Building|^Compiling|^Write" | tail -n 50

echo "== swift test"
set +e
swift test --skip-build 2>&1 | tee .build/swift-test.log | grep -vE "^\[|^Test Suite .* (started|passed)|^Test Case .* (started|passed)|✔ Test .*passed|◇ (Test|Suite) .* started" | tail -n 300
status=${PIPESTATUS[0]}
set -e

echo "== python tests (third-party clients against our APIs)"
if [[ ! -x .venv/bin/pytest ]]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip >/dev/null
fi
.venv/bin/pip install -q -r hack/pytests/requirements.txt
set +e
GWS_BIN_DIR="$(swift build --show-bin-path)" .venv/bin/pytest -q hack/pytests
py_status=$?
set -e

if [[ $status -ne 0 || $py_status -ne 0 ]]; then
  echo "FAILED: swift test exit $status, pytest exit $py_status"
  exit 1
fi
echo "all tests passed"
