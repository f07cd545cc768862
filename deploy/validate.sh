#!/usr/bin/env bash
# Checks every deploy file offline (no Docker engine, no Kubernetes cluster, no network beyond the
# package registries for the first install). Run from the repository root:
#
#   bash deploy/validate.sh
#
# What it checks, and with which validator:
#   Dockerfile       structure: multi-stage, layered jar via -Djarmode=tools, non-root USER,
#                    container JVM flags, HEALTHCHECK on /actuator/health/liveness, ignore file; compose
#                    builds each service from it with SERVICE and PORT
#   compose          `docker-compose config -q` (Debian's docker-compose, no daemon needed), with
#                    .env.example, and without it (must fail: no secret has a default);
#                    bash -n / node --check on the init scripts
#   Kubernetes       `kubectl kustomize` renders base and both overlays where kubectl (or kustomize)
#                    exists; node deploy/k8s-validate.mjs validates every rendered document against
#                    the kubernetes-models schemas plus a strict unknown-field pass, shape-checks the
#                    Strimzi CRDs and cross-checks references; it always also checks the raw
#                    kustomization files and renders them with its own kustomize subset, which must
#                    equal kubectl's output where kubectl exists and is the only renderer where it
#                    does not (Debian 13 images); the output says which path ran
#   topics           compose's create-topics.sh and the KafkaTopic resources declare the same topics
#   monitoring       Grafana dashboards (JSON, panels, datasource, metric names), provisioning YAML,
#                    prometheus.yml (YAML via python3 yaml and node yaml; promtool when installed)
#
# Tools it installs when missing (idempotent; later runs install nothing):
#   apt-get: docker-compose (without recommends, so no Docker engine), nodejs and npm if absent
#   npm ci in deploy/ (git-ignored deploy/node_modules) from the committed package-lock.json
# VALIDATE_NO_RENDERER=1 forces the no-kubectl fallback, to try that path on a machine with kubectl.
# Exit status: 0 when everything is valid, 1 otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
DEPLOY="${ROOT}/deploy"
WORK="${DEPLOY}/.validate"
rm -rf "${WORK}"
mkdir -p "${WORK}"
START=${SECONDS}

failures=0
validators=()
notes=()

section() { printf '\n== %s\n' "$*"; }
pass() { printf '  ok   %s\n' "$*"; }
fail() { printf '  FAIL %s\n' "$*"; failures=$((failures + 1)); }
note() { printf '  note %s\n' "$*"; notes+=("$*"); }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo > /dev/null 2>&1; then SUDO="sudo"; fi
apt_updated=0
apt_install() {
  if ! command -v apt-get > /dev/null 2>&1; then
    echo "  cannot install $*: no apt-get on this machine" >&2
    return 1
  fi
  if [ "${apt_updated}" -eq 0 ]; then
    echo "  apt-get update"
    ${SUDO} apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt_updated=1
  fi
  echo "  apt-get install $*"
  DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" > /dev/null
}

# ------------------------------------------------------------------------------------------------
section "tools"
if ! command -v docker-compose > /dev/null 2>&1; then
  apt_install docker-compose
fi
echo "  docker-compose: $(docker-compose version --short 2> /dev/null || docker-compose version | head -n 1)"

if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  apt_install nodejs npm
fi
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
echo "  node: $(node --version), npm: $(npm --version)"
if [ "${NODE_MAJOR}" -lt 18 ]; then
  fail "node ${NODE_MAJOR} is too old (need 18 or later)"
  exit 1
fi
if [ "${NODE_MAJOR}" -lt 22 ]; then
  note "kubernetes-models declares node >= 22 and runs here on node ${NODE_MAJOR}; the validator's self-test below proves it works"
fi

LOCK_HASH="$(sha256sum "${DEPLOY}/package-lock.json" | cut -d' ' -f1)"
MARKER="${DEPLOY}/node_modules/.validate-lock-sha256"
if [ ! -f "${MARKER}" ] || [ "$(cat "${MARKER}")" != "${LOCK_HASH}" ]; then
  echo "  npm ci (deploy/package-lock.json)"
  if ! (cd "${DEPLOY}" && npm ci --no-audit --no-fund --loglevel=error > "${WORK}/npm-ci.log" 2>&1); then
    cat "${WORK}/npm-ci.log"
    fail "npm ci in deploy/"
    exit 1
  fi
  echo "${LOCK_HASH}" > "${MARKER}"
else
  echo "  npm packages up to date (deploy/node_modules)"
fi
echo "  kubernetes-models $(node -p "require('${DEPLOY}/node_modules/kubernetes-models/package.json').version"), yaml $(node -p "require('${DEPLOY}/node_modules/yaml/package.json').version")"

RENDERER=""
if [ "${VALIDATE_NO_RENDERER:-}" = "1" ]; then
  echo "  VALIDATE_NO_RENDERER=1: acting as if neither kubectl nor kustomize existed (the Debian 13 path)"
elif command -v kubectl > /dev/null 2>&1; then
  RENDERER="kubectl"
  echo "  kubectl: $(kubectl version --client 2> /dev/null | head -n 2 | tr '\n' ' ')"
elif command -v kustomize > /dev/null 2>&1; then
  RENDERER="kustomize"
  echo "  kustomize: $(kustomize version 2> /dev/null)"
else
  echo "  kubectl/kustomize: not installed; overlays are rendered by k8s-validate.mjs's built-in kustomize subset"
fi

# ------------------------------------------------------------------------------------------------
section "Dockerfile (deploy/docker)"
# One Dockerfile for every service: the module and its port are build arguments, which compose passes.
df="${DEPLOY}/docker/Dockerfile"
rel="deploy/docker/Dockerfile"
if [ ! -f "${df}" ]; then
  fail "${rel} missing"
else
  problems=()
  [ "$(grep -c '^FROM ' "${df}")" -ge 2 ] || problems+=("not multi-stage")
  grep -q '^FROM maven:[^ ]*eclipse-temurin-17 AS build' "${df}" || problems+=("build stage must be maven + Temurin 17")
  grep -q '^FROM eclipse-temurin:17-jre' "${df}" || problems+=("runtime stage must be eclipse-temurin:17-jre")
  grep -q '^ARG SERVICE$' "${df}" || problems+=("ARG SERVICE (the module) missing")
  grep -q '^ARG PORT$' "${df}" || problems+=("ARG PORT missing")
  grep -q -- '-pl "${SERVICE}" -am package -DskipTests' "${df}" || problems+=("must build with -pl SERVICE -am package")
  grep -q -- '-Djarmode=tools -jar /workspace/app.jar extract --layers --launcher' "${df}" || problems+=("layered extraction missing")
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    grep -q "^COPY --from=build /workspace/extracted/${layer}/ ./" "${df}" || problems+=("layer ${layer} not copied")
  done
  user_line="$(grep '^USER ' "${df}" | tail -n 1 || true)"
  case "${user_line}" in
    "USER 0"* | "USER root"* | "") problems+=("must end as a non-root USER") ;;
  esac
  grep -q 'MaxRAMPercentage=75' "${df}" || problems+=("-XX:MaxRAMPercentage=75 missing")
  grep -q 'ExitOnOutOfMemoryError' "${df}" || problems+=("-XX:+ExitOnOutOfMemoryError missing")
  grep -q '^HEALTHCHECK .*' "${df}" && grep -q '/actuator/health/liveness' "${df}" || problems+=("HEALTHCHECK on /actuator/health/liveness missing")
  grep -q 'org.springframework.boot.loader.launch.JarLauncher' "${df}" || problems+=("ENTRYPOINT must start the JarLauncher")
  grep -Eiq '^(ENV|ARG) .*(PASSWORD|SECRET|TOKEN)' "${df}" && problems+=("a secret is baked into the image")
  grep -q '^ *PORT=${PORT}' "${df}" && grep -q '^EXPOSE ${PORT}$' "${df}" || problems+=("PORT and EXPOSE must come from ARG PORT")
  if [ -f "${df}.dockerignore" ]; then
    grep -q 'target/' "${df}.dockerignore" || problems+=("dockerignore must exclude target/")
  else
    problems+=("Dockerfile.dockerignore missing")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then pass "${rel}"; else for p in "${problems[@]}"; do fail "${rel}: ${p}"; done; fi
fi
# Each service's image is built from it with its module and port, and the port is the one the service listens on.
for entry in article-service:8081 category-service:8082 stats-service:8083 portal:8080; do
  svc="${entry%%:*}"; port="${entry#*:}"
  block="$(awk -v s="  ${svc}:" '$0 == s {on=1; next} on && /^  [a-z]/ {on=0} on' "${DEPLOY}/compose/compose.yaml")"
  if grep -q 'dockerfile: deploy/docker/Dockerfile' <<< "${block}" && grep -q "SERVICE: ${svc}\$" <<< "${block}" \
      && grep -q "PORT: \"${port}\"" <<< "${block}"; then
    pass "compose builds ${svc} from deploy/docker/Dockerfile (SERVICE=${svc}, PORT=${port})"
  else
    fail "compose must build ${svc} from deploy/docker/Dockerfile with args SERVICE: ${svc} and PORT: \"${port}\""
  fi
done
validators+=("Dockerfile structure (grep)")

# ------------------------------------------------------------------------------------------------
section "compose (deploy/compose)"
COMPOSE_FILE_PATH="${DEPLOY}/compose/compose.yaml"
ENV_EXAMPLE="${DEPLOY}/compose/.env.example"
compose() { docker-compose --project-directory "${DEPLOY}/compose" -f "${COMPOSE_FILE_PATH}" "$@"; }
if compose --env-file "${ENV_EXAMPLE}" config -q; then
  pass "docker-compose config -q with .env.example"
else
  fail "docker-compose config -q with .env.example"
fi
compose --env-file "${ENV_EXAMPLE}" config > "${WORK}/compose.resolved.yaml" 2> /dev/null || true
services="$(compose --env-file "${ENV_EXAMPLE}" config --services 2> /dev/null | sort | tr '\n' ' ')"
expected="article-service category-service grafana kafka kafka-init mongo mongo-init portal prometheus stats-service "
if [ "${services}" = "${expected}" ]; then pass "services: ${services}"; else fail "services are '${services}', expected '${expected}'"; fi
printf '' > "${WORK}/empty.env"
if env -u NEWSROOM_ADMIN_PASSWORD -u NEWSROOM_VISITOR_SALT_SECRET -u GRAFANA_ADMIN_PASSWORD \
  docker-compose --project-directory "${DEPLOY}/compose" -f "${COMPOSE_FILE_PATH}" --env-file "${WORK}/empty.env" config -q > /dev/null 2>&1; then
  fail "compose renders without secrets: a secret has a default value"
else
  pass "compose refuses to render without the secrets (NEWSROOM_* and GRAFANA_ADMIN_PASSWORD required)"
fi
if bash -n "${DEPLOY}/compose/kafka/create-topics.sh"; then pass "bash -n compose/kafka/create-topics.sh"; else fail "bash -n compose/kafka/create-topics.sh"; fi
if node --check "${DEPLOY}/k8s/base/mongo/init-replica-set.js"; then pass "node --check k8s/base/mongo/init-replica-set.js (mongosh script)"; else fail "node --check init-replica-set.js"; fi
if bash -n "${DEPLOY}/validate.sh"; then pass "bash -n validate.sh"; else fail "bash -n validate.sh"; fi
if git -C "${ROOT}" check-ignore -q deploy/compose/.env; then pass "deploy/compose/.env is git-ignored"; else fail "deploy/compose/.env is not git-ignored"; fi
validators+=("docker-compose $(docker-compose version --short 2> /dev/null || echo 1.x) config")

# ------------------------------------------------------------------------------------------------
section "Kubernetes (deploy/k8s)"
k8s_args=(--self-test)
if [ -n "${RENDERER}" ]; then
  for target in base overlays/local overlays/production; do
    name="$(basename "${target}")"
    out="${WORK}/k8s-${name}.yaml"
    if [ "${RENDERER}" = "kubectl" ]; then
      render=(kubectl kustomize "${DEPLOY}/k8s/${target}")
    else
      render=(kustomize build "${DEPLOY}/k8s/${target}")
    fi
    if "${render[@]}" > "${out}" 2> "${WORK}/k8s-${name}.err"; then
      pass "${render[*]#"${ROOT}/"} -> $(grep -c '^kind: ' "${out}") documents"
      k8s_args+=(--rendered "${name}=${out}")
    else
      fail "${RENDERER} could not render deploy/k8s/${target}: $(head -n 3 "${WORK}/k8s-${name}.err")"
    fi
  done
  validators+=("${RENDERER} kustomize (render base, local, production)")
else
  note "no kubectl or kustomize: overlays rendered by k8s-validate.mjs's built-in kustomize subset only (fallback)"
fi
k8s_args+=(--raw "${DEPLOY}/k8s/base" --raw "${DEPLOY}/k8s/overlays/local" --raw "${DEPLOY}/k8s/overlays/production")
# The built-in fallback renderer always runs; where kubectl rendered too, both outputs must agree.
for target in base overlays/local overlays/production; do
  name="$(basename "${target}")"
  if [ -n "${RENDERER}" ] && [ -s "${WORK}/k8s-${name}.yaml" ]; then
    k8s_args+=(--fallback-render "${DEPLOY}/k8s/${target}=${WORK}/k8s-${name}.yaml")
  else
    k8s_args+=(--fallback-render "${DEPLOY}/k8s/${target}")
  fi
done
k8s_args+=(--compose-topics "${DEPLOY}/compose/kafka/create-topics.sh" --topics-of "${DEPLOY}/k8s/base")
if node "${DEPLOY}/k8s-validate.mjs" "${k8s_args[@]}"; then
  pass "k8s-validate.mjs"
else
  fail "k8s-validate.mjs"
fi
if [ -n "${RENDERER}" ]; then
  validators+=("k8s-validate.mjs on the ${RENDERER}-rendered overlays, the raw files, and its fallback renderer (checked identical to ${RENDERER}): kubernetes-models schemas, strict fields, Strimzi shapes, cross-references")
else
  validators+=("k8s-validate.mjs on the raw files and its fallback renderer's output (no kubectl here): kubernetes-models schemas, strict fields, Strimzi shapes, cross-references")
fi

# ------------------------------------------------------------------------------------------------
section "monitoring (deploy/grafana, deploy/compose/prometheus)"
PROM="${DEPLOY}/compose/prometheus/prometheus.yml"
if python3 -c 'import yaml' > /dev/null 2>&1; then
  yaml_files=("${PROM}" "${DEPLOY}"/grafana/provisioning/*/*.yml)
  if python3 - "${yaml_files[@]}" << 'PY'; then
import sys, yaml
for f in sys.argv[1:]:
    with open(f) as fh:
        yaml.safe_load(fh)
PY
    pass "python3 yaml.safe_load: prometheus.yml and the Grafana provisioning files"
    validators+=("python3 yaml")
  else
    fail "python3 yaml.safe_load"
  fi
else
  note "python3 yaml module not available: YAML parsed with node yaml only"
fi
if command -v promtool > /dev/null 2>&1; then
  if promtool check config --syntax-only "${PROM}" > /dev/null 2>&1 || promtool check config "${PROM}"; then
    pass "promtool check config"
    validators+=("promtool")
  else
    fail "promtool check config"
  fi
else
  note "promtool not installed: prometheus.yml checked by shape (observability-validate.mjs), not by Prometheus itself"
fi
if node "${DEPLOY}/observability-validate.mjs" --compose-config "${WORK}/compose.resolved.yaml"; then
  pass "observability-validate.mjs"
else
  fail "observability-validate.mjs"
fi
validators+=("observability-validate.mjs (dashboards JSON + metric names, provisioning, prometheus.yml, compose cross-checks)")

# ------------------------------------------------------------------------------------------------
section "summary"
echo "  validators that ran:"
for v in "${validators[@]}"; do echo "    - ${v}"; done
if [ -n "${RENDERER}" ]; then
  echo "  kustomize path: rendered with ${RENDERER} (base, local, production) and raw files"
else
  echo "  kustomize path: FALLBACK, no kubectl/kustomize here: raw files + k8s-validate.mjs's built-in renderer"
fi
for n in "${notes[@]+"${notes[@]}"}"; do echo "  note: ${n}"; done
elapsed=$((SECONDS - START))
if [ "${failures}" -eq 0 ]; then
  echo "deploy/validate.sh: all deploy files valid (${elapsed} s)"
  exit 0
fi
echo "deploy/validate.sh: ${failures} check(s) failed (${elapsed} s)"
exit 1
