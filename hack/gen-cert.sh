#!/usr/bin/env bash
# Makes a self-signed certificate for localhost (SAN: DNS localhost, IP 127.0.0.1, IP ::1)
# valid for 825 days, written as <dir>/tls.crt and <dir>/tls.key (PEM).
#
#   hack/gen-cert.sh <dir>
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 <dir>" >&2
    exit 2
fi
dir="$1"
mkdir -p "$dir"

if ! log=$(openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 \
    -keyout "$dir/tls.key" -out "$dir/tls.crt" \
    -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    -addext "keyUsage=digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth" 2>&1); then
    echo "$log" >&2
    exit 1
fi
chmod 600 "$dir/tls.key"
echo "wrote $dir/tls.crt and $dir/tls.key"
