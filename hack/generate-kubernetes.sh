#!/usr/bin/env bash
# Regenerates the files derived from the spec schema (Sources/GWSSpec/GWSSchema.swift):
#   crds/gwsdeployment.yaml                    the GWSDeployment CRD      (gwsctl crd)
#   charts/gws-operator/crds/gwsdeployment.yaml the chart's copy of it
#   charts/gws-operator/values.schema.json     the chart's values schema (gwsctl chart-schema)
# A test (GWSKubernetesTests, GeneratedFilesTests) fails when a committed copy differs.
#
#   hack/generate-kubernetes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH

swift build --product gwsctl 2>&1 | { grep -E "error|warning: .*Sources/" || true; }
bin="$(swift build --show-bin-path)/gwsctl"
"$bin" crd > crds/gwsdeployment.yaml
mkdir -p charts/gws-operator/crds
cp crds/gwsdeployment.yaml charts/gws-operator/crds/gwsdeployment.yaml
"$bin" chart-schema > charts/gws-operator/values.schema.json
echo "wrote crds/gwsdeployment.yaml, charts/gws-operator/crds/gwsdeployment.yaml, charts/gws-operator/values.schema.json"
