#!/usr/bin/env bash
# One command to a running local GWS cluster: installs prerequisites, builds,
# and runs `gwsctl up` in the foreground (Ctrl-C stops the cluster).
# Arguments are passed to `gwsctl up` (e.g. -f examples/local.yaml --set ...).
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/prereqs.sh
# The OpenSearch-compatible stand-in for Elasticsearch (PyPI); without it the
# statistics store is embedded in each process.
bash hack/install-osmem.sh >/dev/null 2>&1 || echo "note: osmem-server unavailable; statistics use the embedded store"
config="${GWS_BUILD_CONFIG:-debug}"
echo "building ($config)…"
swift build -c "$config" --product gws-service >/dev/null
swift build -c "$config" --product gws-operator >/dev/null
swift build -c "$config" --product gwsctl >/dev/null
bin="$(swift build -c "$config" --show-bin-path)"
exec "$bin/gwsctl" up "$@"
