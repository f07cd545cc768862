#!/usr/bin/env node
// Offline validation of the Newsroom Kubernetes manifests (run by deploy/validate.sh).
//
//   node deploy/k8s-validate.mjs --rendered NAME=FILE [--rendered NAME=FILE ...]
//       FILE is a multi-document YAML rendered by `kubectl kustomize` (one overlay each).
//   node deploy/k8s-validate.mjs --raw DIR [--raw DIR ...]
//       DIR is a kustomization (base or overlay): its resource files are validated as they are,
//       and every file it names (resources, patches, generator files) must exist and every patch
//       must hit a resource. This is the fallback where no kustomize renderer exists.
//   node deploy/k8s-validate.mjs --fallback-render DIR[=KUBECTL_OUTPUT]
//       renders the kustomization DIR with the built-in kustomize subset (for machines without
//       kubectl), validates and cross-checks the result like --rendered, and, given kubectl's output
//       for the same DIR, fails unless both renderings are the same.
//   node deploy/k8s-validate.mjs --compose-topics FILE --topics-of DIR
//       FILE is deploy/compose/kafka/create-topics.sh; its topic list must equal the KafkaTopic
//       resources of the kustomization DIR (names and configs).
//   node deploy/k8s-validate.mjs --self-test
//       proves that the checks reject broken manifests.
//
// Every built-in kind is validated with the JSON schemas of the `kubernetes-models` package
// (types, required fields, enums, formats) plus a strict pass that rejects fields the Kubernetes
// API does not know (typos such as `readinesProbe`), derived from the same package's type
// declarations. Strimzi resources (Kafka, KafkaNodePool, KafkaTopic) are CRDs that package does not
// cover: their basic shape is checked by hand below. Then cross-resource checks: selectors, probes,
// resources, Service/Ingress/HPA/PDB targets, ConfigMap/Secret references, topic partitions.
// Exit status 1 when anything is invalid.

import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const modelsRoot = join(here, "node_modules", "kubernetes-models");
const apimachineryRoot = join(here, "node_modules", "@kubernetes-models", "apimachinery");

let errors = 0;
let checks = 0;
function fail(where, message) {
  errors++;
  console.log(`  FAIL ${where}: ${message}`);
}
function ok() {
  checks++;
}
const rel = (p) => relative(repoRoot, p) || ".";

// ---------------------------------------------------------------------------------------------
// YAML loading
function loadDocs(file) {
  const text = readFileSync(file, "utf8");
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) fail(rel(file), `YAML: ${e.message}`);
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Strict field index from the kubernetes-models type declarations (.d.ts)
function listFiles(dir, suffix, acc = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(p, suffix, acc);
    else if (entry.name.endsWith(suffix)) acc.push(p);
  }
  return acc;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

// Parses `"name"?: Type;` declarations at the top level of an interface body.
function parseProps(body) {
  const props = {};
  let i = 0;
  while (i < body.length) {
    const m = /^\s*"([^"]+)"(\?)?:\s*/.exec(body.slice(i));
    if (!m) {
      const next = body.indexOf("\n", i);
      if (next < 0) break;
      i = next + 1;
      continue;
    }
    i += m[0].length;
    let depth = 0;
    let type = "";
    for (; i < body.length; i++) {
      const c = body[i];
      if (c === "{" || c === "<" || c === "(" || c === "[") depth++;
      if (c === "}" || c === ">" || c === ")" || c === "]") depth--;
      if (c === ";" && depth === 0) {
        i++;
        break;
      }
      type += c;
    }
    props[m[1]] = { type: type.replace(/\s+/g, " ").trim(), optional: m[2] === "?" };
  }
  return props;
}

function buildIndex() {
  const index = new Map();
  const files = [...listFiles(modelsRoot, ".d.ts"), ...listFiles(apimachineryRoot, ".d.ts")];
  for (const file of files) {
    const text = stripComments(readFileSync(file, "utf8"));
    const local = new Map();
    const ifaceRe = /export interface (\w+)(?: extends [^{]+)? \{/g;
    let m;
    while ((m = ifaceRe.exec(text)) !== null) {
      // find the matching closing brace
      let depth = 1;
      let j = m.index + m[0].length;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}") depth--;
      }
      local.set(m[1], parseProps(text.slice(m.index + m[0].length, j - 1)));
    }
    const aliasRe = /export type \{([^}]*)\}/g;
    while ((m = aliasRe.exec(text)) !== null) {
      for (const part of m[1].split(",")) {
        const am = /(\w+) as (\w+)/.exec(part.trim());
        if (am && local.has(am[1])) index.set(am[2], local.get(am[1]));
      }
    }
  }
  return index;
}

let fieldIndex = null;
function strictCheck(where, value, typeExpr, path) {
  if (value === null || value === undefined) return;
  let t = typeExpr.trim();
  const arr = /^Array<(.*)>$/.exec(t);
  if (arr) {
    if (Array.isArray(value)) value.forEach((v, i) => strictCheck(where, v, arr[1], `${path}[${i}]`));
    return;
  }
  const map = /^\{ \[key: string\]: (.*?);? \}$/.exec(t);
  if (map) {
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) strictCheck(where, v, map[1], `${path}.${k}`);
    }
    return;
  }
  if (!/^I\w+$/.test(t) || !fieldIndex.has(t)) return; // scalar, union or free-form
  const props = fieldIndex.get(t);
  if (Object.keys(props).length === 0) return; // free-form object (RawExtension, JSON, ...)
  if (typeof value !== "object" || Array.isArray(value)) return; // the schema check reports type errors
  for (const [k, v] of Object.entries(value)) {
    if (!(k in props)) {
      fail(where, `unknown field ${path ? path + "." : ""}${k}`);
      continue;
    }
    strictCheck(where, v, props[k].type, path ? `${path}.${k}` : k);
  }
}

// ---------------------------------------------------------------------------------------------
// Built-in kinds: kubernetes-models classes
const moduleCache = new Map();
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const spec = apiVersion === "v1" ? "kubernetes-models/v1" : `kubernetes-models/${apiVersion}`;
  if (!moduleCache.has(spec)) {
    try {
      moduleCache.set(spec, await import(spec));
    } catch {
      moduleCache.set(spec, null);
    }
  }
  const mod = moduleCache.get(spec);
  return mod && typeof mod[kind] === "function" ? mod[kind] : null;
}

function aliasName(apiVersion, kind) {
  // e.g. apps/v1 Deployment -> IIoK8sApiAppsV1Deployment
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const g = group.replace(/\.k8s\.io$/, "").split(".").map((s) => s[0].toUpperCase() + s.slice(1)).join("");
  const v = version[0].toUpperCase() + version.slice(1);
  return `IIoK8sApi${g}${v}${kind}`;
}

// ---------------------------------------------------------------------------------------------
// Strimzi CRDs: basic shape
const isInt = (v) => Number.isInteger(v);
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function checkKeys(where, obj, allowed, path) {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) fail(where, `unknown field ${path}.${k}`);
}
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function validateStrimzi(where, doc) {
  const { kind, metadata = {}, spec } = doc;
  if (doc.apiVersion !== "kafka.strimzi.io/v1") fail(where, `apiVersion ${doc.apiVersion}: use kafka.strimzi.io/v1 (Strimzi >= 0.49; 1.0 serves only v1)`);
  checkKeys(where, doc, ["apiVersion", "kind", "metadata", "spec"], "");
  if (!dnsSubdomain.test(metadata.name || "") || (metadata.name || "").length > 253) fail(where, `metadata.name "${metadata.name}" is not a DNS subdomain`);
  if (!isObj(spec)) return fail(where, "spec missing");
  if (kind === "KafkaTopic") {
    checkKeys(where, spec, ["topicName", "partitions", "replicas", "config"], "spec");
    if (!metadata.labels || !metadata.labels["strimzi.io/cluster"]) fail(where, "label strimzi.io/cluster missing (the topic operator ignores the topic)");
    if (!isInt(spec.partitions) || spec.partitions < 1) fail(where, "spec.partitions must be an integer >= 1");
    if (!isInt(spec.replicas) || spec.replicas < 1 || spec.replicas > 32767) fail(where, "spec.replicas must be an integer >= 1");
    if (spec.topicName !== undefined && !/^[a-zA-Z0-9._-]{1,249}$/.test(spec.topicName)) fail(where, `spec.topicName "${spec.topicName}" is not a legal Kafka topic name`);
    const topic = spec.topicName || metadata.name;
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(topic)) fail(where, `topic name "${topic}" is not legal`);
    if (spec.config !== undefined) {
      if (!isObj(spec.config)) fail(where, "spec.config must be a map");
      else {
        for (const [k, v] of Object.entries(spec.config)) {
          if (isObj(v) || Array.isArray(v)) fail(where, `spec.config.${k} must be a scalar`);
        }
        const cp = spec.config["cleanup.policy"];
        if (cp !== undefined && !["delete", "compact", "compact,delete", "delete,compact"].includes(String(cp))) fail(where, `cleanup.policy "${cp}" invalid`);
        for (const k of ["retention.ms", "retention.bytes", "segment.ms", "min.compaction.lag.ms"]) {
          const v = spec.config[k];
          if (v !== undefined && !(isInt(v) && v >= -1)) fail(where, `spec.config.${k} must be an integer >= -1`);
        }
        const ratio = spec.config["min.cleanable.dirty.ratio"];
        if (ratio !== undefined && !(typeof ratio === "number" && ratio >= 0 && ratio <= 1)) fail(where, "min.cleanable.dirty.ratio must be in [0, 1]");
      }
    }
  } else if (kind === "KafkaNodePool") {
    checkKeys(where, spec, ["replicas", "roles", "storage", "resources", "jvmOptions", "template"], "spec");
    if (!metadata.labels || !metadata.labels["strimzi.io/cluster"]) fail(where, "label strimzi.io/cluster missing");
    if (!isInt(spec.replicas) || spec.replicas < 0) fail(where, "spec.replicas must be an integer >= 0");
    if (!Array.isArray(spec.roles) || spec.roles.length === 0 || spec.roles.some((r) => !["controller", "broker"].includes(r))) fail(where, "spec.roles must list controller and/or broker");
    const st = spec.storage;
    if (!isObj(st) || !["jbod", "ephemeral", "persistent-claim"].includes(st.type)) fail(where, "spec.storage.type must be jbod, ephemeral or persistent-claim");
    else if (st.type === "jbod") {
      if (!Array.isArray(st.volumes) || st.volumes.length === 0) fail(where, "jbod storage needs volumes");
      else st.volumes.forEach((v, i) => {
        if (!isInt(v.id)) fail(where, `spec.storage.volumes[${i}].id must be an integer`);
        if (!["ephemeral", "persistent-claim"].includes(v.type)) fail(where, `spec.storage.volumes[${i}].type invalid`);
        if (v.type === "persistent-claim" && !/^\d+(Ki|Mi|Gi|Ti)$/.test(String(v.size))) fail(where, `spec.storage.volumes[${i}].size must be a quantity`);
        if (v.type === "ephemeral" && "size" in v && !/^\d+(Ki|Mi|Gi|Ti)$/.test(String(v.size))) fail(where, `spec.storage.volumes[${i}].size must be a quantity`);
      });
    }
  } else if (kind === "Kafka") {
    checkKeys(where, spec, ["kafka", "entityOperator", "cruiseControl", "kafkaExporter", "clusterCa", "clientsCa", "maintenanceTimeWindows"], "spec");
    if (!isObj(spec.kafka)) return fail(where, "spec.kafka missing");
    if (!Array.isArray(spec.kafka.listeners) || spec.kafka.listeners.length === 0) fail(where, "spec.kafka.listeners missing");
    else spec.kafka.listeners.forEach((l, i) => {
      if (!/^[a-z0-9]{1,11}$/.test(l.name || "")) fail(where, `listener ${i}: name must be 1-11 lower-case letters/digits`);
      if (!isInt(l.port) || l.port < 9092 || [9404, 9999].includes(l.port)) fail(where, `listener ${i}: port must be >= 9092 and not 9404/9999`);
      if (!["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"].includes(l.type)) fail(where, `listener ${i}: type invalid`);
      if (typeof l.tls !== "boolean") fail(where, `listener ${i}: tls must be true or false`);
    });
    if (spec.kafka.config !== undefined && !isObj(spec.kafka.config)) fail(where, "spec.kafka.config must be a map");
  } else {
    fail(where, `no shape check for Strimzi kind ${kind}`);
  }
}

const CRD_KINDS = new Set(["kafka.strimzi.io/Kafka", "kafka.strimzi.io/KafkaNodePool", "kafka.strimzi.io/KafkaTopic"]);

// ---------------------------------------------------------------------------------------------
async function validateDoc(where, doc) {
  if (!isObj(doc)) return fail(where, "document is not a mapping");
  const { apiVersion, kind } = doc;
  if (!apiVersion || !kind) return fail(where, "apiVersion and kind are required");
  if (!doc.metadata || !doc.metadata.name) fail(where, "metadata.name is required");
  const group = apiVersion.split("/")[0];
  if (CRD_KINDS.has(`${group}/${kind}`)) {
    validateStrimzi(where, doc);
    ok();
    return;
  }
  const Model = await modelClass(apiVersion, kind);
  if (!Model) return fail(where, `unknown apiVersion/kind ${apiVersion} ${kind} (not in kubernetes-models, not a known CRD)`);
  try {
    new Model(doc).validate();
  } catch (e) {
    fail(where, `schema: ${e.message}`);
  }
  const alias = aliasName(apiVersion, kind);
  if (fieldIndex.has(alias)) strictCheck(where, doc, alias, "");
  else fail(where, `no field index for ${alias}`);
  ok();
}

// ---------------------------------------------------------------------------------------------
// Cross-resource checks on one rendered overlay
const matches = (selector, labels) => !!selector && Object.entries(selector).every(([k, v]) => (labels || {})[k] === v);

function crossChecks(name, docs) {
  const at = (d) => `${name}: ${d.kind}/${d.metadata && d.metadata.name}`;
  const byKind = (k) => docs.filter((d) => d.kind === k);
  const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];
  const configMaps = new Set(byKind("ConfigMap").map((d) => d.metadata.name));
  const secrets = new Set(byKind("Secret").map((d) => d.metadata.name));
  const externalSecrets = new Set();

  const seen = new Set();
  for (const d of docs) {
    const key = `${d.apiVersion}/${d.kind}/${d.metadata?.namespace || ""}/${d.metadata?.name}`;
    if (seen.has(key)) fail(at(d), "duplicate resource");
    seen.add(key);
  }

  for (const w of workloads) {
    const sel = w.spec?.selector?.matchLabels;
    const tl = w.spec?.template?.metadata?.labels;
    if (!matches(sel, tl)) fail(at(w), "spec.selector.matchLabels does not match the pod template labels");
    const pod = w.spec?.template?.spec || {};
    for (const c of pod.containers || []) {
      const cw = `${at(w)} container ${c.name}`;
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) fail(cw, "resources.requests.cpu/memory missing");
      if (!c.resources?.limits?.memory) fail(cw, "resources.limits.memory missing");
      if (!c.livenessProbe || !c.readinessProbe) fail(cw, "liveness and readiness probes required");
      if (w.kind === "Deployment") {
        const lp = c.livenessProbe?.httpGet?.path;
        const rp = c.readinessProbe?.httpGet?.path;
        if (lp !== "/actuator/health/liveness") fail(cw, `livenessProbe must GET /actuator/health/liveness (is ${lp})`);
        if (rp !== "/actuator/health/readiness") fail(cw, `readinessProbe must GET /actuator/health/readiness (is ${rp})`);
        const portNames = new Set((c.ports || []).map((p) => p.name));
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
          const port = probe?.httpGet?.port;
          if (typeof port === "string" && !portNames.has(port)) fail(cw, `probe port ${port} is not a named container port`);
        }
        const env = Object.fromEntries((c.env || []).map((e) => [e.name, e.value]));
        const declaredPort = (c.ports || [])[0]?.containerPort;
        if (env.PORT !== undefined && String(declaredPort) !== String(env.PORT)) fail(cw, `PORT=${env.PORT} but containerPort ${declaredPort}`);
        if (w.spec.template.metadata?.annotations?.["prometheus.io/path"] !== "/actuator/prometheus") fail(cw, "pod annotation prometheus.io/path must be /actuator/prometheus");
      }
      for (const ef of c.envFrom || []) {
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name) && !ef.configMapRef.optional) fail(cw, `envFrom ConfigMap ${ef.configMapRef.name} not in the output`);
        if (ef.secretRef && !secrets.has(ef.secretRef.name) && !ef.secretRef.optional) externalSecrets.add(ef.secretRef.name);
      }
      for (const e of c.env || []) {
        const cm = e.valueFrom?.configMapKeyRef;
        if (cm) {
          const target = docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === cm.name);
          if (!target) fail(cw, `env ${e.name}: ConfigMap ${cm.name} not in the output`);
          else if (!(cm.key in (target.data || {}))) fail(cw, `env ${e.name}: key ${cm.key} not in ConfigMap ${cm.name}`);
        }
      }
    }
    for (const v of pod.volumes || []) {
      if (v.configMap && !configMaps.has(v.configMap.name)) fail(at(w), `volume ${v.name}: ConfigMap ${v.configMap.name} not in the output`);
    }
  }
  for (const j of byKind("Job")) {
    for (const v of j.spec?.template?.spec?.volumes || []) {
      if (v.configMap && !configMaps.has(v.configMap.name)) fail(at(j), `volume ${v.name}: ConfigMap ${v.configMap.name} not in the output`);
    }
  }

  const services = byKind("Service");
  for (const s of services) {
    const targets = workloads.filter((w) => matches(s.spec?.selector, w.spec?.template?.metadata?.labels));
    if (targets.length === 0) fail(at(s), "selector matches no Deployment/StatefulSet");
    for (const p of s.spec?.ports || []) {
      if (typeof p.targetPort === "string") {
        const named = targets.some((w) => (w.spec.template.spec.containers || []).some((c) => (c.ports || []).some((cp) => cp.name === p.targetPort)));
        if (!named) fail(at(s), `targetPort ${p.targetPort} is not a container port of the selected pods`);
      }
    }
  }
  for (const ing of byKind("Ingress")) {
    for (const rule of ing.spec?.rules || []) {
      for (const p of rule.http?.paths || []) {
        const b = p.backend?.service;
        const svc = services.find((s) => s.metadata.name === b?.name);
        if (!svc) fail(at(ing), `path ${p.path}: Service ${b?.name} not in the output`);
        else if (b.port?.name && !(svc.spec.ports || []).some((sp) => sp.name === b.port.name)) fail(at(ing), `path ${p.path}: Service ${b.name} has no port ${b.port.name}`);
        else if (b.port?.number && !(svc.spec.ports || []).some((sp) => sp.port === b.port.number)) fail(at(ing), `path ${p.path}: Service ${b.name} has no port ${b.port.number}`);
      }
    }
  }
  for (const h of byKind("HorizontalPodAutoscaler")) {
    const ref = h.spec?.scaleTargetRef;
    if (!workloads.some((w) => w.kind === ref?.kind && w.metadata.name === ref?.name)) fail(at(h), `scaleTargetRef ${ref?.kind}/${ref?.name} not in the output`);
    if (h.spec.minReplicas > h.spec.maxReplicas) fail(at(h), "minReplicas > maxReplicas");
    const target = workloads.find((w) => w.metadata.name === ref?.name);
    const c = target?.spec?.template?.spec?.containers?.[0];
    if (c && !c.resources?.requests?.cpu) fail(at(h), "CPU utilisation target needs CPU requests on the target");
  }
  for (const pdb of byKind("PodDisruptionBudget")) {
    if (!workloads.some((w) => matches(pdb.spec?.selector?.matchLabels, w.spec?.template?.metadata?.labels))) fail(at(pdb), "selector matches no workload");
  }

  // Topics: partitions equal KAFKA_PARTITIONS, labels point at a Kafka in the output (if any)
  const cfg = docs.find((d) => d.kind === "ConfigMap" && d.data && "KAFKA_PARTITIONS" in d.data);
  const topics = byKind("KafkaTopic");
  const kafkas = new Set(byKind("Kafka").map((d) => d.metadata.name));
  for (const t of topics) {
    if (cfg && String(t.spec?.partitions) !== String(cfg.data.KAFKA_PARTITIONS)) fail(at(t), `spec.partitions ${t.spec?.partitions} != KAFKA_PARTITIONS ${cfg.data.KAFKA_PARTITIONS} (the binder would add partitions behind the topic operator)`);
    if (kafkas.size > 0 && !kafkas.has(t.metadata.labels?.["strimzi.io/cluster"])) fail(at(t), `strimzi.io/cluster ${t.metadata.labels?.["strimzi.io/cluster"]} is not a Kafka in the output`);
  }
  for (const t of topics.filter((t) => t.metadata.name.endsWith(".dlq"))) {
    const source = topics.find((s) => t.metadata.name.startsWith(s.metadata.name + "."));
    if (!source) fail(at(t), "dead-letter topic without its source topic");
    else if (t.spec.partitions < source.spec.partitions) fail(at(t), `has fewer partitions than ${source.metadata.name}`);
  }
  for (const pool of byKind("KafkaNodePool")) {
    const k = byKind("Kafka").find((d) => d.metadata.name === pool.metadata.labels?.["strimzi.io/cluster"]);
    const rf = Number(k?.spec?.kafka?.config?.["default.replication.factor"] ?? 1);
    if (rf > pool.spec.replicas) fail(at(pool), `${pool.spec.replicas} node(s) cannot hold default.replication.factor ${rf}`);
    for (const t of topics) if (t.spec.replicas > pool.spec.replicas) fail(at(t), `replicas ${t.spec.replicas} > ${pool.spec.replicas} Kafka node(s)`);
  }

  // Mongo: replica set members listed in MONGODB_HOSTS = StatefulSet replicas
  const mongo = byKind("StatefulSet").find((s) => s.metadata.name === "mongo");
  if (mongo && cfg?.data?.MONGODB_HOSTS) {
    const n = cfg.data.MONGODB_HOSTS.split(",").length;
    if (n !== mongo.spec.replicas) fail(`${name}: StatefulSet/mongo`, `${mongo.spec.replicas} replicas but MONGODB_HOSTS lists ${n} members`);
  }

  // Consumer groups and partitions (information; replicas beyond partitions idle as consumers)
  const partitions = topics.find((t) => t.metadata.name === "article-viewed")?.spec?.partitions;
  const statsHpa = byKind("HorizontalPodAutoscaler").find((h) => h.metadata.name === "stats-service");
  const statsDeploy = byKind("Deployment").find((d) => d.metadata.name === "stats-service");
  const statsMax = statsHpa ? statsHpa.spec.maxReplicas : statsDeploy?.spec?.replicas;
  if (partitions && statsMax > partitions) fail(`${name}: stats-service`, `can scale to ${statsMax} replicas but article-viewed has ${partitions} partitions`);
  for (const s of externalSecrets) console.log(`  note ${name}: Secret ${s} is not in the output; it must exist in the cluster (created out of band)`);
}

// ---------------------------------------------------------------------------------------------
// Raw kustomization walk (fallback without a renderer)
function kustomizationFile(dir) {
  for (const n of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) if (existsSync(join(dir, n))) return join(dir, n);
  return null;
}

function collectRaw(dir, acc) {
  const kf = kustomizationFile(dir);
  if (!kf) {
    fail(rel(dir), "no kustomization.yaml");
    return acc;
  }
  const [k] = loadDocs(kf);
  if (!k) return acc;
  if (k.apiVersion !== "kustomize.config.k8s.io/v1beta1" || k.kind !== "Kustomization") fail(rel(kf), "apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");
  const known = ["apiVersion", "kind", "namespace", "labels", "commonLabels", "commonAnnotations", "resources", "configMapGenerator", "secretGenerator", "patches", "images", "replicas", "generatorOptions", "components", "namePrefix", "nameSuffix"];
  for (const key of Object.keys(k)) if (!known.includes(key)) fail(rel(kf), `unknown or deprecated field ${key}`);
  acc.kustomizations.push(rel(kf));
  for (const r of k.resources || []) {
    const p = resolve(dir, r);
    if (!existsSync(p)) {
      fail(rel(kf), `resource ${r} does not exist`);
      continue;
    }
    if (statSync(p).isDirectory()) collectRaw(p, acc);
    else for (const d of loadDocs(p)) acc.docs.push({ file: rel(p), doc: d });
  }
  for (const g of [...(k.configMapGenerator || []), ...(k.secretGenerator || [])]) {
    for (const f of g.files || []) {
      const p = resolve(dir, f.includes("=") ? f.split("=")[1] : f);
      if (!existsSync(p)) fail(rel(kf), `generator ${g.name}: file ${f} does not exist`);
    }
    if (g.behavior === "merge" || g.behavior === "replace") acc.mergedGenerators.push({ from: rel(kf), name: g.name });
    else acc.generators.push(g.name);
  }
  for (const p of k.patches || []) acc.patches.push({ from: rel(kf), dir, patch: p });
  return acc;
}

async function validateRaw(dir) {
  const abs = resolve(dir);
  console.log(`raw kustomization ${rel(abs)} (files as written; no renderer)`);
  const acc = collectRaw(abs, { docs: [], patches: [], generators: [], mergedGenerators: [], kustomizations: [] });
  for (const { file, doc } of acc.docs) await validateDoc(`${file}: ${doc.kind}/${doc.metadata?.name}`, doc);
  for (const m of acc.mergedGenerators) if (!acc.generators.includes(m.name)) fail(m.from, `generator ${m.name} merges into nothing`);
  for (const { from, dir: pdir, patch } of acc.patches) {
    if (!patch.path && !patch.patch) {
      fail(from, "patch without path or patch");
      continue;
    }
    const text = patch.path ? (existsSync(resolve(pdir, patch.path)) ? readFileSync(resolve(pdir, patch.path), "utf8") : null) : patch.patch;
    if (text === null) {
      fail(from, `patch file ${patch.path} does not exist`);
      continue;
    }
    const parsed = parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null);
    const isJson6902 = parsed.length === 1 && Array.isArray(parsed[0]);
    if (isJson6902) {
      if (!patch.target) fail(from, `${patch.path}: a JSON 6902 patch needs a target`);
      for (const op of parsed[0]) {
        if (!["add", "remove", "replace", "move", "copy", "test"].includes(op.op) || typeof op.path !== "string" || !op.path.startsWith("/")) fail(from, `${patch.path || "inline"}: bad JSON patch operation ${JSON.stringify(op)}`);
      }
      const t = patch.target || {};
      const hits = acc.docs.filter(({ doc }) => (!t.kind || doc.kind === t.kind) && (!t.name || doc.metadata?.name === t.name) && (!t.group || (doc.apiVersion || "").startsWith(t.group + "/")));
      if (hits.length === 0) fail(from, `${patch.path}: target ${JSON.stringify(t)} matches no resource`);
      else ok();
    } else {
      for (const p of parsed) {
        const hit = acc.docs.some(({ doc }) => doc.kind === p.kind && doc.metadata?.name === p.metadata?.name);
        if (!hit) fail(from, `${patch.path || "inline"}: patch for ${p.kind}/${p.metadata?.name} matches no resource`);
        else ok();
      }
    }
  }
  console.log(`  ${acc.docs.length} documents from ${acc.kustomizations.length} kustomization(s), ${acc.patches.length} patch(es) resolved`);
  return acc;
}

// ---------------------------------------------------------------------------------------------
// Fallback renderer: the subset of kustomize these kustomizations use (resources, namespace,
// labels, configMapGenerator literals/files with merge, images, strategic-merge patches including
// `$patch: delete`, JSON 6902 patches with targets). Generated names get no hash suffix. Where
// kubectl exists, validate.sh compares its output with kubectl's (--compare), so the fallback
// cannot silently drift from real kustomize; anything outside the subset is an error.
const SUPPORTED_KUSTOMIZATION = ["apiVersion", "kind", "namespace", "labels", "resources", "configMapGenerator", "patches", "images"];
const MERGE_BY_NAME = new Set(["containers", "initContainers", "volumes", "env", "imagePullSecrets"]);
const WORKLOAD_TEMPLATES = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PersistentVolume", "IngressClass", "PriorityClass"]);

function smpMerge(target, patch) {
  if (!isObj(target) || !isObj(patch)) return structuredClone(patch);
  const out = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (k === "$patch") continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v) && Array.isArray(out[k]) && MERGE_BY_NAME.has(k) && v.every((e) => isObj(e) && e.name)) {
      const merged = out[k].map((e) => structuredClone(e));
      for (const pe of v) {
        const i = merged.findIndex((e) => e.name === pe.name);
        if (i >= 0) merged[i] = smpMerge(merged[i], pe);
        else merged.push(structuredClone(pe));
      }
      out[k] = merged;
    } else if (isObj(v) && isObj(out[k])) out[k] = smpMerge(out[k], v);
    else out[k] = structuredClone(v);
  }
  return out;
}

function jsonPointer(path) {
  return path.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function applyJson6902(doc, ops, where) {
  for (const op of ops) {
    const parts = jsonPointer(op.path);
    const last = parts.pop();
    let node = doc;
    for (const p of parts) {
      node = Array.isArray(node) ? node[Number(p)] : node?.[p];
      if (node === undefined) {
        fail(where, `JSON patch path ${op.path} does not exist`);
        return;
      }
    }
    if (op.op === "add" || op.op === "replace") {
      if (op.op === "replace" && !(Array.isArray(node) ? Number(last) < node.length : last in node)) {
        fail(where, `JSON patch replace ${op.path}: no such field`);
        continue;
      }
      if (Array.isArray(node)) {
        if (last === "-") node.push(structuredClone(op.value));
        else if (op.op === "add") node.splice(Number(last), 0, structuredClone(op.value));
        else node[Number(last)] = structuredClone(op.value);
      } else node[last] = structuredClone(op.value);
    } else if (op.op === "remove") {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else fail(where, `JSON patch op ${op.op} not supported by the fallback renderer`);
  }
}

function renderFallback(dir) {
  const kf = kustomizationFile(dir);
  const where = rel(kf || dir);
  if (!kf) {
    fail(where, "no kustomization.yaml");
    return [];
  }
  const [k] = loadDocs(kf);
  for (const key of Object.keys(k)) if (!SUPPORTED_KUSTOMIZATION.includes(key)) fail(where, `field ${key} is not supported by the fallback renderer`);
  let docs = [];
  for (const r of k.resources || []) {
    const p = resolve(dir, r);
    if (!existsSync(p)) fail(where, `resource ${r} does not exist`);
    else if (statSync(p).isDirectory()) docs.push(...renderFallback(p));
    else docs.push(...loadDocs(p));
  }
  for (const g of k.configMapGenerator || []) {
    const data = {};
    for (const lit of g.literals || []) {
      const i = lit.indexOf("=");
      data[lit.slice(0, i)] = lit.slice(i + 1);
    }
    for (const f of g.files || []) {
      const [key, file] = f.includes("=") ? f.split("=") : [f.split("/").pop(), f];
      data[key] = readFileSync(resolve(dir, file), "utf8");
    }
    if (g.behavior === "merge") {
      const cm = docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === g.name);
      if (!cm) fail(where, `configMapGenerator ${g.name} merges into nothing`);
      else cm.data = { ...cm.data, ...data };
    } else if (g.behavior && g.behavior !== "create") fail(where, `generator behavior ${g.behavior} not supported by the fallback renderer`);
    else docs.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: g.name }, data });
  }
  for (const p of k.patches || []) {
    const text = p.path ? readFileSync(resolve(dir, p.path), "utf8") : p.patch;
    const parsed = parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null);
    const pw = `${where} patch ${p.path || "inline"}`;
    if (parsed.length === 1 && Array.isArray(parsed[0])) {
      const t = p.target || {};
      const hits = docs.filter((d) => (!t.kind || d.kind === t.kind) && (!t.name || d.metadata?.name === t.name) && (!t.group || (d.apiVersion || "").startsWith(t.group + "/")));
      if (hits.length === 0) fail(pw, "target matches no resource");
      for (const d of hits) applyJson6902(d, parsed[0], `${pw} on ${d.kind}/${d.metadata.name}`);
    } else {
      for (const sp of parsed) {
        const i = docs.findIndex((d) => d.kind === sp.kind && d.metadata?.name === sp.metadata?.name);
        if (i < 0) fail(pw, `no resource ${sp.kind}/${sp.metadata?.name}`);
        else if (sp.$patch === "delete") docs.splice(i, 1);
        else docs[i] = smpMerge(docs[i], sp);
      }
    }
  }
  for (const img of k.images || []) {
    for (const d of docs) {
      const pod = d.spec?.template?.spec;
      for (const c of [...(pod?.containers || []), ...(pod?.initContainers || [])]) {
        const [name] = c.image.split(":");
        if (name === img.name) c.image = `${img.newName || name}:${img.newTag || c.image.split(":")[1] || "latest"}`;
      }
    }
  }
  for (const l of k.labels || []) {
    if (l.includeSelectors) fail(where, "labels.includeSelectors is not supported by the fallback renderer");
    for (const d of docs) {
      d.metadata.labels = { ...(d.metadata.labels || {}), ...l.pairs };
      if (l.includeTemplates && WORKLOAD_TEMPLATES.has(d.kind) && d.spec?.template) {
        d.spec.template.metadata = d.spec.template.metadata || {};
        d.spec.template.metadata.labels = { ...(d.spec.template.metadata.labels || {}), ...l.pairs };
      }
      if (l.includeTemplates && d.kind === "StatefulSet") {
        for (const t of d.spec?.volumeClaimTemplates || []) {
          t.metadata = t.metadata || {};
          t.metadata.labels = { ...(t.metadata.labels || {}), ...l.pairs };
        }
      }
    }
  }
  if (k.namespace) for (const d of docs) if (!CLUSTER_SCOPED.has(d.kind)) d.metadata.namespace = k.namespace;
  return docs;
}

// Canonical form for comparing with kubectl's output: sorted keys, generator hash suffixes removed.
function canonical(value, generated) {
  if (Array.isArray(value)) return value.map((v) => canonical(v, generated));
  if (isObj(value)) {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key], generated);
    return out;
  }
  if (typeof value === "string") {
    for (const g of generated) if (new RegExp(`^${g}-[a-z0-9]{10}$`).test(value)) return g;
  }
  return value;
}

async function validateFallback(dir, compareFile) {
  const abs = resolve(dir);
  const name = rel(abs);
  console.log(`fallback render of ${name} (built-in kustomize subset, no hash suffixes)`);
  const docs = renderFallback(abs);
  for (const d of docs) await validateDoc(`${name}: ${d.kind}/${d.metadata?.name}`, d);
  crossChecks(name, docs);
  console.log(`  ${docs.length} documents`);
  if (compareFile) {
    const kubectlDocs = loadDocs(compareFile);
    const generated = docs.filter((d) => d.kind === "ConfigMap").map((d) => d.metadata.name);
    const key = (d) => `${d.kind}/${canonical(d.metadata.name, generated)}`;
    const mine = new Map(docs.map((d) => [key(d), JSON.stringify(canonical(d, generated))]));
    const theirs = new Map(kubectlDocs.map((d) => [key(d), JSON.stringify(canonical(d, generated))]));
    let diffs = 0;
    for (const [k2, v] of theirs) {
      if (!mine.has(k2)) {
        fail(name, `fallback renderer lacks ${k2} that kubectl renders`);
        diffs++;
      } else if (mine.get(k2) !== v) {
        fail(name, `fallback renderer differs from kubectl on ${k2}`);
        diffs++;
      }
    }
    for (const k2 of mine.keys()) if (!theirs.has(k2)) {
      fail(name, `fallback renderer has ${k2} that kubectl does not`);
      diffs++;
    }
    if (diffs === 0) console.log(`  identical to ${rel(resolve(compareFile))} (kubectl), generator hash suffixes aside`);
  }
}

// ---------------------------------------------------------------------------------------------
// Compose topics vs KafkaTopic resources
function composeTopics(file) {
  const text = readFileSync(file, "utf8");
  const m = /TOPICS='([\s\S]*?)'/.exec(text);
  if (!m) {
    fail(rel(file), "no TOPICS='...' block");
    return new Map();
  }
  const out = new Map();
  for (const line of m[1].split("\n").map((l) => l.trim()).filter(Boolean)) {
    const [name, configs = ""] = line.split("|");
    const cfg = {};
    for (const pair of configs.split(",").filter(Boolean)) {
      const [k, v] = pair.split("=");
      cfg[k] = v;
    }
    out.set(name, cfg);
  }
  return out;
}

function compareTopics(file, acc) {
  console.log(`topics: ${rel(file)} vs KafkaTopic resources`);
  const compose = composeTopics(file);
  const k8s = new Map(acc.docs.filter(({ doc }) => doc.kind === "KafkaTopic").map(({ doc }) => [doc.spec.topicName || doc.metadata.name, doc.spec.config || {}]));
  for (const [name, cfg] of compose) {
    if (!k8s.has(name)) {
      fail(rel(file), `topic ${name} has no KafkaTopic`);
      continue;
    }
    const kc = k8s.get(name);
    const keys = new Set([...Object.keys(cfg), ...Object.keys(kc)]);
    for (const key of keys) if (String(cfg[key]) !== String(kc[key])) fail(rel(file), `topic ${name}: ${key} is ${cfg[key]} in compose, ${kc[key]} in Kubernetes`);
  }
  for (const name of k8s.keys()) if (!compose.has(name)) fail(rel(file), `KafkaTopic ${name} is not created by compose`);
  console.log(`  ${compose.size} topics in compose, ${k8s.size} KafkaTopic resources`);
}

// ---------------------------------------------------------------------------------------------
async function selfTest() {
  console.log("self-test: broken manifests must be rejected");
  const good = {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
    spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i" }] } } },
  };
  const cases = [
    ["wrong type", (d) => (d.spec.replicas = "three")],
    ["unknown field", (d) => (d.spec.template.spec.containers[0].readinesProbe = {})],
    ["missing required", (d) => delete d.spec.selector],
    ["unknown kind", (d) => (d.kind = "Deploymnt")],
  ];
  let caught = 0;
  for (const [label, mutate] of cases) {
    const d = structuredClone(good);
    mutate(d);
    const before = errors;
    const quiet = console.log;
    console.log = () => {};
    await validateDoc("self-test", d);
    console.log = quiet;
    if (errors > before) {
      caught++;
      errors = before;
    } else fail("self-test", `not rejected: ${label}`);
  }
  const before = errors;
  await validateDoc("self-test", good);
  if (errors !== before) fail("self-test", "a valid Deployment was rejected");
  const topic = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", metadata: { name: "t", labels: { "strimzi.io/cluster": "c" } }, spec: { partitions: 0, replicas: 1 } };
  const quiet = console.log;
  console.log = () => {};
  const b2 = errors;
  await validateDoc("self-test", topic);
  console.log = quiet;
  if (errors > b2) {
    caught++;
    errors = b2;
  } else fail("self-test", "KafkaTopic with 0 partitions not rejected");
  console.log(`  ${caught}/${cases.length + 1} broken manifests rejected, valid one accepted`);
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error("usage: k8s-validate.mjs [--self-test] [--rendered NAME=FILE]... [--raw DIR]... [--fallback-render DIR[=FILE]]... [--compose-topics FILE --topics-of DIR]");
    process.exit(2);
  }
  const started = Date.now();
  fieldIndex = buildIndex();
  const pkg = JSON.parse(readFileSync(join(modelsRoot, "package.json"), "utf8"));
  console.log(`kubernetes-models ${pkg.version}: ${fieldIndex.size} API types indexed for the strict field check`);
  let composeFile = null;
  let topicsOf = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--self-test") await selfTest();
    else if (a === "--rendered") {
      const [name, file] = args[++i].split("=");
      console.log(`rendered overlay ${name} (${rel(resolve(file))})`);
      const docs = loadDocs(file);
      const kinds = {};
      for (const d of docs) {
        kinds[d.kind] = (kinds[d.kind] || 0) + 1;
        await validateDoc(`${name}: ${d.kind}/${d.metadata?.name}`, d);
      }
      crossChecks(name, docs);
      console.log(`  ${docs.length} documents: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}`);
      console.log(`  Strimzi KafkaTopic/Kafka/KafkaNodePool: CRDs, shape-checked here (not in kubernetes-models)`);
    } else if (a === "--raw") await validateRaw(args[++i]);
    else if (a === "--fallback-render") {
      const [dir, compare] = args[++i].split("=");
      await validateFallback(dir, compare);
    }
    else if (a === "--compose-topics") composeFile = args[++i];
    else if (a === "--topics-of") topicsOf = args[++i];
    else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (composeFile && topicsOf) {
    const quiet = console.log;
    console.log = () => {};
    const acc = collectRaw(resolve(topicsOf), { docs: [], patches: [], generators: [], mergedGenerators: [], kustomizations: [] });
    console.log = quiet;
    compareTopics(resolve(composeFile), acc);
  }
  console.log(`k8s-validate: ${checks} checks, ${errors} error(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(errors > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
