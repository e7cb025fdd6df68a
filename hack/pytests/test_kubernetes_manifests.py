"""Offline validation of everything gws-operator gives Kubernetes (issue 6).

No Kubernetes API server runs on these machines, so each artefact is checked
with the most faithful offline tool there is:

- `gwsctl template` output: every built-in object passes `kubernetes-validate
  --strict` (the API's OpenAPI schemas, unknown fields rejected) for each
  Kubernetes version we claim (SUPPORTED_VERSIONS).
- GWSDeployment resources: against the CRD's openAPIV3Schema with
  `jsonschema` (kubernetes-validate skips custom resources), unknown fields
  rejected as `kubectl apply`'s strict field validation does, defaults applied
  as the API server applies them, then every `x-kubernetes-validations` rule
  evaluated with cel-python. The rules that mirror local validation are checked
  to refuse what `gwsctl template` refuses.
- The chart: linted and rendered with helm-python-sdk (Helm's own Go library,
  no helm binary), its values.schema.json enforced; the rendered objects pass
  kubernetes-validate too.

Not checked here (see docs/kubernetes.md): the API server's CEL cost estimate
and its own CEL dialect, server-side apply, admission, and anything at run time.

Binaries come from `GWS_BIN_DIR` (default `<repo>/.build/debug`).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import celpy
import helm_python
import jsonschema
import kubernetes_validate
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CRD_FILE = REPO / "crds" / "gwsdeployment.yaml"
CHART = REPO / "charts" / "gws-operator"
# The Kubernetes versions we claim: the preStop `sleep` action is on by default from 1.30.
SUPPORTED_VERSIONS = ["1.30.0", "1.31.0", "1.32.0", "1.33.0"]
TEMPLATE_EXAMPLES = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "examples" / "kubernetes").glob("*.yaml"))
RESOURCE_EXAMPLES = sorted((REPO / "examples" / "kubernetes").glob("*.yaml"))
# Kinds kubernetes-validate has no schema for (custom resources); checked otherwise.
CUSTOM_KINDS = {"ServiceMonitor", "GWSDeployment"}


# ---------------------------------------------------------------- helpers


def gwsctl_path() -> Path:
    binary = Path(os.environ.get("GWS_BIN_DIR", str(REPO / ".build" / "debug"))) / "gwsctl"
    if not binary.exists():
        pytest.skip(f"{binary} is not built (set GWS_BIN_DIR)")
    return binary


def gwsctl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(gwsctl_path()), *args], capture_output=True, text=True, timeout=60, cwd=REPO)


def documents(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def template(*args: str) -> list[dict]:
    result = gwsctl("template", *args)
    assert result.returncode == 0, result.stderr
    return documents(result.stdout)


@lru_cache(maxsize=1)
def crd() -> dict:
    return yaml.safe_load(CRD_FILE.read_text())


def crd_schema() -> dict:
    return crd()["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


def strict_json_schema(node):
    """The CRD's OpenAPI schema as JSON Schema, unknown fields rejected (kubectl's strict field validation)."""
    if isinstance(node, list):
        return [strict_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: (v if k == "default" else strict_json_schema(v)) for k, v in node.items()}
    if "properties" in node:
        out["properties"] = {k: strict_json_schema(v) for k, v in node["properties"].items()}
        if "additionalProperties" not in node:
            out["additionalProperties"] = False
    if node.get("nullable"):
        out["type"] = [node["type"], "null"]
    return out


def apply_defaults(schema: dict, value):
    """Structural defaulting as the API server does it: a default fills an absent field of a present object."""
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            if name not in value and "default" in sub:
                value[name] = copy.deepcopy(sub["default"])
            if name in value:
                apply_defaults(sub, value[name])
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for name in value:
                if name not in schema.get("properties", {}):
                    apply_defaults(extra, value[name])
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            apply_defaults(schema["items"], item)
    return value


CEL = celpy.Environment()


@lru_cache(maxsize=None)
def cel_program(rule: str):
    return CEL.program(CEL.compile(rule))


def cel_failures(schema: dict, value, path: str = "") -> list[str]:
    """Evaluates every x-kubernetes-validations rule on the nodes present in `value`."""
    failures = []
    for entry in schema.get("x-kubernetes-validations", []):
        result = cel_program(entry["rule"]).evaluate({"self": celpy.json_to_cel(value)})
        if result is not True and result != celpy.celtypes.BoolType(True):
            failures.append(f"{path or '<root>'}: {entry['message']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name, child in value.items():
            sub = properties.get(name) or (schema.get("additionalProperties") if name not in properties else None)
            if isinstance(sub, dict):
                failures += cel_failures(sub, child, f"{path}.{name}" if path else name)
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            failures += cel_failures(schema["items"], item, f"{path}[{index}]")
    return failures


def resource_problems(resource: dict) -> list[str]:
    """What the API server would say about creating `resource` with this CRD (as far as we can tell offline)."""
    validator = jsonschema.Draft7Validator(strict_json_schema(crd_schema()))
    problems = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(resource)]
    if problems:
        return problems
    defaulted = apply_defaults(crd_schema(), copy.deepcopy(resource))
    return cel_failures(crd_schema(), defaulted)


def gwsctl_accepts(resource: dict, tmp_path: Path) -> bool:
    path = tmp_path / "resource.yaml"
    path.write_text(yaml.safe_dump(resource))
    result = gwsctl("template", "-f", str(path))
    if result.returncode not in (0, 2):
        pytest.fail(f"gwsctl template exited {result.returncode}: {result.stderr}")
    if result.returncode == 2:
        assert result.stdout == "", "nothing is rendered when the spec has errors"
    return result.returncode == 0


def k8s_validate(doc: dict, version: str) -> None:
    kubernetes_validate.validate(doc, version, strict=True)


# ---------------------------------------------------------------- gwsctl template


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
@pytest.mark.parametrize("example", TEMPLATE_EXAMPLES, ids=lambda p: p.name)
def test_template_objects_pass_kubernetes_validate_strict(example: Path, version: str):
    docs = template("-f", str(example), "--service-monitors", "--namespace", "gws")
    validated = 0
    for doc in docs:
        if doc["kind"] in CUSTOM_KINDS:
            assert doc["apiVersion"] == "monitoring.coreos.com/v1"
            continue
        k8s_validate(doc, version)
        validated += 1
    kinds = {d["kind"] for d in docs}
    assert {"ConfigMap", "Service", "Deployment", "ServiceMonitor"} <= kinds
    assert validated >= 3 * 10, f"only {validated} objects rendered"


def test_template_cli_of_kubernetes_validate_agrees(tmp_path: Path):
    """The same check through the `kubernetes-validate --strict` command CI users would run."""
    out = tmp_path / "objects.yaml"
    result = gwsctl("template", "-f", str(REPO / "examples" / "kubernetes" / "gwsdeployment-production.yaml"))
    assert result.returncode == 0, result.stderr
    out.write_text(result.stdout)
    cli = Path(sys.executable).parent / "kubernetes-validate"
    for version in SUPPORTED_VERSIONS:
        run = subprocess.run([str(cli), "--strict", "--quiet", "-k", version, str(out)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "ERROR" not in run.stdout and "WARN" not in run.stdout, run.stdout


def test_kubernetes_validate_strict_does_reject_what_it_should():
    """Guards the check above: an unknown field or a wrong type in a rendered Deployment fails."""
    docs = template("-f", str(REPO / "examples" / "kubernetes" / "gwsdeployment-minimal.yaml"))
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    typo = copy.deepcopy(deployment)
    typo["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        k8s_validate(typo, SUPPORTED_VERSIONS[0])
    wrong = copy.deepcopy(deployment)
    wrong["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        k8s_validate(wrong, SUPPORTED_VERSIONS[0])


def test_template_renders_nothing_on_errors():
    result = gwsctl(
        "template", "--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=-1", "--set", "gwsServices.nope.enabled=true"
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "replicaCount" in result.stderr and "nope" in result.stderr


def test_template_never_inlines_secret_values(tmp_path: Path):
    docs = template("-f", str(REPO / "examples" / "kubernetes" / "gwsdeployment-production.yaml"))
    assert not [d for d in docs if d["kind"] == "Secret"]
    text = json.dumps(docs)
    for name in ("gws-postgres-password", "gws-redis-password", "gws-consul-token", "gws-service-proxy-tls"):
        assert name in text  # referenced by name ...
    deployment = next(d for d in docs if d["metadata"]["name"] == "gws-platform-setting" and d["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes["secret-postgres"]["secret"]["secretName"] == "gws-postgres-password"  # ... as a volume
    env = {e["name"]: e for e in pod["containers"][0]["env"]}
    assert env["GWS_CONSUL_TOKEN"]["valueFrom"]["secretKeyRef"] == {"name": "gws-consul-token", "key": "token"}
    assert all("value" not in e for e in pod["containers"][0]["env"])


# ---------------------------------------------------------------- the CRD and GWSDeployment resources


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_crd_is_a_valid_customresourcedefinition(version: str):
    k8s_validate(crd(), version)


def test_crd_is_what_gwsctl_generates_and_the_chart_ships():
    result = gwsctl("crd")
    assert result.returncode == 0, result.stderr
    assert result.stdout == CRD_FILE.read_text(), "crds/ is stale: run hack/generate-kubernetes.sh"
    assert (CHART / "crds" / "gwsdeployment.yaml").read_text() == CRD_FILE.read_text()


@pytest.mark.parametrize("example", RESOURCE_EXAMPLES, ids=lambda p: p.name)
def test_example_resources_pass_the_crd_schema_and_rules(example: Path, tmp_path: Path):
    resource = yaml.safe_load(example.read_text())
    assert resource["kind"] == "GWSDeployment"
    assert resource_problems(resource) == []
    assert gwsctl_accepts(resource, tmp_path)


def minimal() -> dict:
    return yaml.safe_load((REPO / "examples" / "kubernetes" / "gwsdeployment-minimal.yaml").read_text())


def with_spec(patch: dict, name: str = "lab") -> dict:
    resource = minimal()
    resource["metadata"]["name"] = name

    def merge(into: dict, overlay: dict):
        for key, value in overlay.items():
            if isinstance(value, dict) and isinstance(into.get(key), dict):
                merge(into[key], value)
            else:
                into[key] = value

    merge(resource["spec"], patch)
    return resource


def port(p: int, replicas: int = 1, **extra) -> dict:
    return {"service": {"port": p}, "deployment": {"replicaCount": replicas}, **extra}


# (id, resource, a fragment of the CRD's message, whether gwsctl template must refuse it too)
REFUSED = [
    ("port-clash-across-replicas", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000, 2), "gwsPlatformVoice": port(9001)}}),
     "fixed ports clash", True),
    ("port-clash-with-consul", with_spec({"gwsServices": {"gwsAppWorkspace": port(8500)}, "consul": {"address": "", "port": 8500}}),
     "fixed ports clash", True),
    ("port-clash-with-proxy-tls", with_spec({"gwsServices": {"gwsServiceProxy": {"tls": {"port": 9100}}, "gwsPlatformIxn": port(9100)}}),
     "fixed ports clash", True),
    ("port-clash-optional-role-enabled",
     with_spec({"gwsServices": {"gwsAppWorkspace": port(9000), "gwsPlatformOcs": port(9000, enabled=True)}}),
     "fixed ports clash", True),
    ("ports-beyond-65535", with_spec({"gwsServices": {"gwsAppWorkspace": port(65535, 2)}}), "must not exceed 65535", True),
    ("env-key-convention", with_spec({"gwsServices": {"gwsPlatformVoice": {"context": {"env": {"timeout": "3"}}}}}),
     "GWS_<SERVICE>", True),
    ("external-url-scheme", with_spec({"externals": {"auth": {"url": "ftp://gauth.example.com"}}}), "http://", True),
    ("tls-certificate-without-key",
     with_spec({"gwsServices": {"gwsServiceProxy": {"tls": {"certificateFile": "/etc/tls.crt"}}}}), "certificateFile and keyFile", True),
    ("metadata-name", with_spec({}, name="Lab_1"), "DNS label", True),
    ("replicas-out-of-range", with_spec({"gwsServices": {"gwsAppWorkspace": {"deployment": {"replicaCount": -1}}}}), "minimum", True),
    ("unknown-key", with_spec({"gwsServices": {"gwsAppWorkspce": {}}}), "Additional properties", True),
    ("env-value-not-a-string", with_spec({"gwsServices": {"gwsAppWorkspace": {"context": {"env": {"GWS_WORKSPACE_a_b": 5}}}}}),
     "is not of type 'string'", False),  # gwsctl turns numbers into strings, as Helm does; the API server cannot
    ("password-from-file-and-env", with_spec({"redis": {"passwordFrom": {"file": "/run/p", "env": "P"}}}), "not both", False),
    ("secret-name", with_spec({"secrets": {"redisPassword": "Redis_Password"}}), "DNS-1123", False),
    ("liveness-success-threshold", with_spec({"probes": {"liveness": {"successThreshold": 2}}}), "successThreshold must be 1", False),
    ("backoff-bounds", with_spec({"local": {"restartBackoffBaseSeconds": 120, "restartBackoffMaxSeconds": 60}}),
     "must not exceed restartBackoffMaxSeconds", False),
]


@pytest.mark.parametrize("resource,message,local_refuses", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_crd_refuses_what_it_should(resource: dict, message: str, local_refuses: bool, tmp_path: Path):
    problems = resource_problems(resource)
    assert any(message in p for p in problems), problems
    if local_refuses:
        assert not gwsctl_accepts(resource, tmp_path), "gwsctl template accepted what the CRD refuses"


ACCEPTED = [
    ("adjacent-port-ranges", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000, 2), "gwsPlatformVoice": port(9002)}})),
    ("clash-with-disabled-optional-role", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000), "gwsPlatformOcs": port(9000)}})),
    ("clash-with-disabled-role", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000), "gwsPlatformIxn": port(9000, enabled=False)}})),
    ("clash-with-real-external", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000)},
                                            "externals": {"auth": {"url": "https://a.example.com", "service": {"port": 9000}}}})),
    ("external-consul-frees-its-port", with_spec({"gwsServices": {"gwsAppWorkspace": port(8500)}})),
    ("scaled-to-zero-claims-one", with_spec({"gwsServices": {"gwsAppWorkspace": port(9000, 0), "gwsPlatformVoice": port(9001)}})),
    ("bare-minimum", {"apiVersion": "gws.genesys.com/v1alpha1", "kind": "GWSDeployment", "metadata": {"name": "x"}, "spec": {}}),
]


@pytest.mark.parametrize("resource", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_crd_and_gwsctl_both_accept(resource: dict, tmp_path: Path):
    assert resource_problems(resource) == []
    assert gwsctl_accepts(resource, tmp_path)


# ---------------------------------------------------------------- the chart


@lru_cache(maxsize=1)
def chart() -> helm_python.Chart:
    return helm_python.Chart.load(str(CHART))


def render_chart(values: dict | None = None) -> list[dict]:
    rendered = chart().render(values or {}, name="gws", namespace="gws-system", is_install=True)
    docs = []
    for path, text in sorted(rendered.items()):
        if path.endswith(".txt"):
            continue
        docs += documents(text)
    return docs


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_chart_lints_strictly(version: str):
    report = helm_python.lint(str(CHART), strict=True, kube_version=f"v{version}")
    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


def test_chart_lint_catches_a_bad_value():
    report = helm_python.lint(str(CHART), {"replicaCount": 0}, strict=True)
    assert report["errors"] or [m for m in report["messages"] if m["severity"] >= 2]


VALUE_SETS = {
    "defaults": {},
    "cluster-wide": {"watchAllNamespaces": True, "renderServiceMonitors": True,
                     "metrics": {"serviceMonitor": {"enabled": True}}, "imagePullSecrets": [{"name": "regcred"}],
                     "tolerations": [{"key": "gws", "operator": "Exists", "effect": "NoSchedule"}]},
    "single-replica": {"replicaCount": 1, "leaderElection": {"enabled": False}, "serviceAccount": {"create": False}},
    "with-gwsdeployment": {"gwsDeployment": {"create": True, "name": "gws-usw1", "spec": yaml.safe_load(
        (REPO / "examples" / "kubernetes" / "gwsdeployment-production.yaml").read_text())["spec"]}},
}


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
@pytest.mark.parametrize("values", VALUE_SETS.values(), ids=VALUE_SETS.keys())
def test_chart_renders_valid_objects(values: dict, version: str):
    docs = render_chart(values)
    assert any(d["kind"] == "Deployment" for d in docs)
    for doc in docs:
        if doc["kind"] == "GWSDeployment":
            assert resource_problems(doc) == []
        elif doc["kind"] == "ServiceMonitor":
            assert doc["apiVersion"] == "monitoring.coreos.com/v1"
        else:
            k8s_validate(doc, version)


def test_chart_operator_deployment_and_rbac_are_least_privilege():
    docs = render_chart()
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert "--kubernetes" in container["args"] and "--leader-elect=true" in container["args"]
    assert {p["name"] for p in container["ports"]} == {"metrics", "health"}
    assert container["livenessProbe"]["httpGet"]["port"] == "health"
    roles = [d for d in docs if d["kind"] in ("Role", "ClusterRole")]
    assert {r["kind"] for r in roles} == {"Role"}  # namespaced by default
    rules = [rule for r in roles for rule in r["rules"]]
    for rule in rules:
        assert "*" not in rule["verbs"] and "*" not in rule["resources"] and "*" not in rule["apiGroups"]
    secrets = [r for r in rules if "secrets" in r["resources"]]
    assert [r["verbs"] for r in secrets] == [["get"]]
    granted = {res for r in rules for res in r["resources"]}
    assert granted == {"gwsdeployments", "gwsdeployments/status", "gwsdeployments/finalizers", "deployments", "services",
                       "configmaps", "poddisruptionbudgets", "secrets", "events", "leases"}
    cluster = render_chart({"watchAllNamespaces": True})
    assert {d["kind"] for d in cluster if "Role" in d["kind"]} == {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}


def test_chart_has_a_test_hook_and_the_crd():
    rendered = chart().render({}, name="gws", namespace="gws-system")
    hooks = [documents(t) for p, t in rendered.items() if "/tests/" in p]
    assert hooks and hooks[0][0]["metadata"]["annotations"]["helm.sh/hook"] == "test"
    assert [c["name"] for c in chart().crds] == ["crds/gwsdeployment.yaml"]
    assert "NOTES.txt" in " ".join(rendered)


BAD_VALUES = {
    "operator-replicas-type": {"replicaCount": "two"},
    "operator-replicas-range": {"replicaCount": 0},
    "unknown-key": {"replicas": 2},
    "log-level": {"logLevel": "loud"},
    "spec-replicas": {"gwsDeployment": {"spec": {"gwsServices": {"gwsAppWorkspace": {"deployment": {"replicaCount": -1}}}}}},
    "spec-unknown-key": {"gwsDeployment": {"spec": {"gwsServics": {}}}},
    "spec-env-number": {"gwsDeployment": {"spec": {"gwsServices": {"gwsAppWorkspace": {"context": {"env": {"GWS_WORKSPACE_a": 1}}}}}}},
}


@pytest.mark.parametrize("values", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_chart_values_schema_rejects_bad_values(values: dict):
    with pytest.raises(helm_python.HelmValuesError):
        chart().render(values, name="gws", namespace="gws-system")


def test_chart_values_schema_is_what_gwsctl_generates():
    result = gwsctl("chart-schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (CHART / "values.schema.json").read_text(), "run hack/generate-kubernetes.sh"
    assert chart().schema["properties"]["gwsDeployment"]["properties"]["spec"]["properties"].keys() >= {"gwsServices", "consul"}
