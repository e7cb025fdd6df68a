#!/usr/bin/env bash
# Installs what building, running and testing gws-operator needs on Debian.
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
command -v openssl >/dev/null || need+=(openssl)
command -v curl >/dev/null || need+=(curl)
command -v pkill >/dev/null || need+=(procps)
command -v python3 >/dev/null || need+=(python3)
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
command -v redis-server >/dev/null || need+=(redis-server redis-tools)
# Redis HA (redis.sentinel.enabled): three Sentinels watch a master and its replica.
command -v redis-sentinel >/dev/null || need+=(redis-sentinel)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
command -v setpriv >/dev/null || need+=(util-linux)
# Headless Chromium and its WebDriver for the Agent Setup UI browser test (hack/pytests).
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)

if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
  if [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH=/opt/swift/usr/bin:$PATH
  else
    echo "error: a Swift 6.1+ toolchain is required (swift not on PATH); see https://www.swift.org/install/linux/" >&2
    exit 1
  fi
fi
