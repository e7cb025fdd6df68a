#!/usr/bin/env bash
# Installs osmem-server (an in-memory Elasticsearch/OpenSearch-compatible
# server, used by the GWSStores search tests) into the project's virtualenv
# .venv and prints the path of its static binary on the last line.
# Idempotent. The tests find the binary through $GWS_OSMEM_BIN or .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import osmem_server" 2>/dev/null; then
  .venv/bin/pip install -q osmem-server >&2
fi

bin=$(.venv/bin/python - <<'PY'
import os, osmem_server
print(os.path.join(os.path.dirname(osmem_server.__file__), "bin", "osmem-server"))
PY
)
if [[ ! -f "$bin" ]]; then
  echo "error: osmem-server installed but its binary is missing at $bin" >&2
  exit 1
fi
[[ -x "$bin" ]] || chmod +x "$bin"
echo "$bin"
