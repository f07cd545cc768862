#!/usr/bin/env node
// Offline checks of the monitoring files (run by deploy/validate.sh):
//   - every Grafana dashboard in deploy/grafana/dashboards is valid JSON with the expected shape,
//     uses the provisioned Prometheus datasource, and queries only metrics the services export
//     (the list below; a later test compares the same exprs against a running service);
//   - the Grafana provisioning files (datasource, dashboard provider) are valid YAML and agree with
//     the compose mounts;
//   - deploy/compose/prometheus/prometheus.yml is valid YAML with a known shape and scrapes
//     /actuator/prometheus of every Newsroom service on the port compose gives it.
//
//   node deploy/observability-validate.mjs [--compose-config FILE]
//       FILE: the output of `docker-compose config` (resolved compose model) for the cross-checks.
// Exit status 1 when anything is invalid.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const rel = (p) => relative(repoRoot, p);
let errors = 0;
let checks = 0;
const fail = (where, msg) => {
  errors++;
  console.log(`  FAIL ${where}: ${msg}`);
};

// Metrics the Newsroom services export (Prometheus names). Keep dashboards to these.
const EXACT = new Set([
  "newsroom_views_received_total",
  "newsroom_views_counted_total",
  "newsroom_views_dropped_total",
  "newsroom_views_unwritten",
  "newsroom_dlq_records_total",
  "newsroom_publish_to_listed_seconds_bucket",
  "newsroom_publish_to_listed_seconds_count",
  "newsroom_publish_to_listed_seconds_sum",
  "newsroom_outbox_pending",
  "newsroom_schedule_lateness_seconds_count",
  "newsroom_schedule_lateness_seconds_sum",
  "spring_cloud_stream_binder_kafka_offset",
  "http_server_requests_seconds_count",
  "http_server_requests_seconds_sum",
  "http_server_requests_seconds_max",
]);
const PREFIXES = ["jvm_", "process_"];
const NEWSROOM_SERVICES = ["article-service", "category-service", "stats-service", "portal"];
const DROP_REASONS = ["bot", "refresh", "rate_limited", "invalid", "unknown_article", "future"];

const PROMQL_WORDS = new Set([
  "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
  "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan",
]);

// Metric names referenced by a PromQL expression.
export function metricNames(expr) {
  let s = expr;
  s = s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""'); // string literals
  s = s.replace(/\{[^}]*\}/g, " "); // label matchers
  s = s.replace(/\[[^\]]*\]/g, " "); // range selectors, subqueries
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " "); // grouping labels
  s = s.replace(/\$\{?\w+\}?/g, " "); // Grafana variables
  const names = new Set();
  const re = /([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g;
  let m;
  while ((m = re.exec(s)) !== null) {
    const word = m[1];
    if (m[2]) continue; // function call
    if (PROMQL_WORDS.has(word.toLowerCase())) continue;
    if (/^\d/.test(word) || /^(e\d+)$/.test(word)) continue;
    names.add(word);
  }
  return [...names];
}

function balanced(expr) {
  const pairs = { "(": ")", "[": "]", "{": "}" };
  const stack = [];
  let inString = null;
  for (const c of expr) {
    if (inString) {
      if (c === inString) inString = null;
      continue;
    }
    if (c === '"' || c === "'") inString = c;
    else if (pairs[c]) stack.push(pairs[c]);
    else if (Object.values(pairs).includes(c) && stack.pop() !== c) return false;
  }
  return stack.length === 0 && !inString;
}

function loadYaml(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true });
  if (docs.length !== 1) {
    fail(rel(file), `expected one YAML document, found ${docs.length}`);
    return null;
  }
  if (docs[0].errors.length) {
    docs[0].errors.forEach((e) => fail(rel(file), `YAML: ${e.message}`));
    return null;
  }
  return docs[0].toJS();
}

// ---------------------------------------------------------------------------------------------
function checkDatasources() {
  const dir = join(here, "grafana", "provisioning", "datasources");
  const uids = new Set();
  for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const file = join(dir, f);
    const y = loadYaml(file);
    if (!y) continue;
    if (y.apiVersion !== 1) fail(rel(file), "apiVersion must be 1");
    for (const ds of y.datasources || []) {
      if (!ds.name || !ds.type || !ds.uid) fail(rel(file), "datasource needs name, type and uid");
      if (ds.type === "prometheus" && !/^https?:\/\/[\w.-]+:\d+\/?$/.test(ds.url || "")) fail(rel(file), `datasource ${ds.name}: url ${ds.url} is not http(s)://host:port`);
      uids.add(ds.uid);
    }
    checks++;
  }
  console.log(`grafana datasources: ${[...uids].join(", ")}`);
  return uids;
}

function checkDashboardProvider() {
  const dir = join(here, "grafana", "provisioning", "dashboards");
  const paths = [];
  for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const file = join(dir, f);
    const y = loadYaml(file);
    if (!y) continue;
    if (y.apiVersion !== 1) fail(rel(file), "apiVersion must be 1");
    for (const p of y.providers || []) {
      if (p.type !== "file" || !p.options?.path) fail(rel(file), `provider ${p.name}: type file with options.path required`);
      else paths.push(p.options.path);
    }
    checks++;
  }
  return paths;
}

function checkDashboards(datasourceUids) {
  const dir = join(here, "grafana", "dashboards");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) fail(rel(dir), "no dashboards");
  const uids = new Set();
  const used = new Set();
  let exprCount = 0;
  for (const f of files) {
    const file = join(dir, f);
    const where = rel(file);
    let d;
    try {
      d = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      fail(where, `invalid JSON: ${e.message}`);
      continue;
    }
    checks++;
    for (const key of ["uid", "title", "panels", "schemaVersion"]) if (!(key in d)) fail(where, `missing ${key}`);
    if (uids.has(d.uid)) fail(where, `duplicate dashboard uid ${d.uid}`);
    uids.add(d.uid);
    if (d.uid && !/^[a-zA-Z0-9_-]{1,40}$/.test(d.uid)) fail(where, `uid ${d.uid} must be 1-40 characters [a-zA-Z0-9_-]`);
    if (!Array.isArray(d.panels) || d.panels.length === 0) {
      fail(where, "panels must be a non-empty array");
      continue;
    }
    const ids = new Set();
    for (const p of d.panels) {
      const pw = `${where} panel ${p.id} "${p.title}"`;
      if (!Number.isInteger(p.id) || ids.has(p.id)) fail(pw, "panel id must be a unique integer");
      ids.add(p.id);
      if (!p.type || !p.title) fail(pw, "type and title required");
      const g = p.gridPos || {};
      if (![g.x, g.y, g.w, g.h].every(Number.isInteger) || g.x + g.w > 24) fail(pw, "gridPos must have integer x, y, w, h within 24 columns");
      if (p.datasource?.uid && !datasourceUids.has(p.datasource.uid)) fail(pw, `datasource uid ${p.datasource.uid} is not provisioned`);
      if (!Array.isArray(p.targets) || p.targets.length === 0) fail(pw, "targets must be a non-empty array");
      const refIds = new Set();
      for (const t of p.targets || []) {
        if (refIds.has(t.refId)) fail(pw, `duplicate refId ${t.refId}`);
        refIds.add(t.refId);
        if (t.datasource?.uid && !datasourceUids.has(t.datasource.uid)) fail(pw, `target datasource uid ${t.datasource.uid} is not provisioned`);
        if (typeof t.expr !== "string" || t.expr.trim() === "") {
          fail(pw, `target ${t.refId}: expr missing`);
          continue;
        }
        exprCount++;
        if (!balanced(t.expr)) fail(pw, `target ${t.refId}: unbalanced brackets or quotes in ${t.expr}`);
        const names = metricNames(t.expr);
        if (names.length === 0) fail(pw, `target ${t.refId}: no metric in ${t.expr}`);
        for (const n of names) {
          used.add(n);
          if (!EXACT.has(n) && !PREFIXES.some((pre) => n.startsWith(pre))) fail(pw, `target ${t.refId}: metric ${n} is not exported by the services`);
        }
        const reason = /reason\s*=~?\s*"([^"]*)"/.exec(t.expr);
        if (reason && !reason[1].split("|").every((r) => DROP_REASONS.includes(r))) fail(pw, `unknown drop reason in ${reason[0]}`);
      }
    }
    console.log(`  ${f}: "${d.title}", ${d.panels.length} panels`);
  }
  console.log(`grafana dashboards: ${files.length} files, ${exprCount} queries, ${used.size} metric names: ${[...used].sort().join(" ")}`);
  return files;
}

// ---------------------------------------------------------------------------------------------
const PROM_GLOBAL = ["scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels", "query_log_file", "scrape_protocols", "body_size_limit", "sample_limit", "label_limit"];
const PROM_TOP = ["global", "scrape_configs", "rule_files", "alerting", "remote_write", "remote_read", "storage", "tracing", "scrape_config_files", "runtime", "otlp"];
const PROM_SCRAPE = ["job_name", "metrics_path", "scheme", "scrape_interval", "scrape_timeout", "static_configs", "relabel_configs", "metric_relabel_configs", "honor_labels", "honor_timestamps", "params", "basic_auth", "authorization", "tls_config", "kubernetes_sd_configs", "dns_sd_configs", "file_sd_configs", "sample_limit", "fallback_scrape_protocol", "scrape_protocols"];
const duration = /^(\d+(ms|s|m|h|d|w|y))+$/;

function checkPrometheus(compose) {
  const file = join(here, "compose", "prometheus", "prometheus.yml");
  const where = rel(file);
  const y = loadYaml(file);
  if (!y) return;
  checks++;
  for (const k of Object.keys(y)) if (!PROM_TOP.includes(k)) fail(where, `unknown top-level key ${k}`);
  for (const k of Object.keys(y.global || {})) if (!PROM_GLOBAL.includes(k)) fail(where, `unknown global key ${k}`);
  for (const k of ["scrape_interval", "evaluation_interval", "scrape_timeout"]) if (y.global?.[k] !== undefined && !duration.test(y.global[k])) fail(where, `global.${k} ${y.global[k]} is not a duration`);
  const jobs = new Set();
  const targets = new Map();
  for (const sc of y.scrape_configs || []) {
    const jw = `${where} job ${sc.job_name}`;
    if (!sc.job_name) fail(where, "scrape config without job_name");
    if (jobs.has(sc.job_name)) fail(jw, "duplicate job_name");
    jobs.add(sc.job_name);
    for (const k of Object.keys(sc)) if (!PROM_SCRAPE.includes(k)) fail(jw, `unknown key ${k}`);
    for (const s of sc.static_configs || []) {
      for (const t of s.targets || []) {
        if (!/^[\w.-]+:\d+$/.test(t)) fail(jw, `target ${t} is not host:port`);
        targets.set(t, { job: sc.job_name, path: sc.metrics_path || "/metrics", labels: s.labels || {} });
      }
    }
  }
  for (const svc of NEWSROOM_SERVICES) {
    const entry = [...targets.entries()].find(([t]) => t.startsWith(`${svc}:`));
    if (!entry) {
      fail(where, `no scrape target for ${svc}`);
      continue;
    }
    const [target, info] = entry;
    if (info.path !== "/actuator/prometheus") fail(where, `${svc}: metrics_path must be /actuator/prometheus`);
    if (info.labels.application !== svc) fail(where, `${svc}: target label application must be ${svc} (the dashboards group by it)`);
    if (compose) {
      const cs = compose.services?.[svc];
      if (!cs) fail(where, `${svc} is scraped but is not a compose service`);
      else {
        const port = String(cs.environment?.PORT ?? "");
        if (target !== `${svc}:${port}`) fail(where, `${svc}: scrapes ${target} but compose sets PORT=${port}`);
      }
    }
  }
  console.log(`prometheus.yml: ${jobs.size} jobs, targets ${[...targets.keys()].join(" ")}`);
}

function checkCompose(compose, providerPaths, dashboardFiles) {
  if (!compose) return;
  const where = "compose config";
  const services = compose.services || {};
  for (const svc of NEWSROOM_SERVICES) {
    const s = services[svc];
    if (!s) {
      fail(where, `service ${svc} missing`);
      continue;
    }
    if (Array.isArray(s.profiles) && s.profiles.length > 0) fail(where, `${svc}: in compose profile(s) ${s.profiles.join(", ")}, so a plain \`docker compose up\` does not start it`);
    const env = s.environment || {};
    const port = String(env.PORT ?? "");
    if (!/^\d+$/.test(port)) fail(where, `${svc}: PORT not set`);
    const published = (s.ports || []).map((p) => String(typeof p === "object" ? p.target : p.split(":").pop().split("/")[0]));
    if (!published.includes(port)) fail(where, `${svc}: PORT ${port} is not among its ports`);
    if (env.LOGGING_STRUCTURED_FORMAT_CONSOLE !== "ecs") fail(where, `${svc}: LOGGING_STRUCTURED_FORMAT_CONSOLE must be ecs`);
    const hc = (s.healthcheck?.test || []).join(" ");
    if (!hc.includes(`:${port}/actuator/health/`)) fail(where, `${svc}: healthcheck must probe /actuator/health/* on ${port}`);
    if (!s.build?.dockerfile || !existsSync(resolve(s.build.context || ".", s.build.dockerfile))) fail(where, `${svc}: build.dockerfile ${s.build?.dockerfile} does not exist`);
    if (svc !== "portal") {
      for (const k of ["MONGODB_URI", "KAFKA_BROKERS", "KAFKA_PARTITIONS", "KAFKA_REPLICATION_FACTOR", "NEWSROOM_ADMIN_PASSWORD", "NEWSROOM_VISITOR_SALT_SECRET"]) if (!(k in env)) fail(where, `${svc}: ${k} not set`);
      if (!/^mongodb:\/\/[^/]+\/[\w-]+\?replicaSet=rs0$/.test(env.MONGODB_URI || "")) fail(where, `${svc}: MONGODB_URI ${env.MONGODB_URI} must name a database and replicaSet=rs0`);
      const deps = s.depends_on || {};
      for (const d of ["kafka-init", "mongo-init"]) if (deps[d]?.condition !== "service_completed_successfully") fail(where, `${svc}: depends_on ${d} must wait for service_completed_successfully`);
    } else {
      for (const k of ["ARTICLE_SERVICE_URL", "CATEGORY_SERVICE_URL", "STATS_SERVICE_URL"]) {
        const m = /^http:\/\/([\w-]+):(\d+)$/.exec(env[k] || "");
        if (!m) fail(where, `portal: ${k} must be http://service:port`);
        else if (String(services[m[1]]?.environment?.PORT) !== m[2]) fail(where, `portal: ${k} points at ${m[1]}:${m[2]}, which is not that service's PORT`);
      }
    }
  }
  const grafana = services.grafana;
  const mounts = (grafana?.volumes || []).map((v) => (typeof v === "object" ? v.target : v.split(":")[1]));
  for (const p of providerPaths) if (!mounts.includes(p)) fail(where, `grafana: dashboard provider path ${p} is not mounted`);
  const home = grafana?.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
  if (home && !dashboardFiles.some((f) => home.endsWith(`/${f}`))) fail(where, `grafana: home dashboard ${home} does not exist`);
  checks++;
  console.log(`compose model: ${Object.keys(services).length} services cross-checked against prometheus.yml and grafana provisioning`);
}

// ---------------------------------------------------------------------------------------------
function selfTest() {
  const cases = [
    ['sum by (reason) (rate(newsroom_views_dropped_total{reason="bot"}[$__rate_interval]))', ["newsroom_views_dropped_total"]],
    ["histogram_quantile(0.95, sum by (le) (rate(newsroom_publish_to_listed_seconds_bucket[5m])))", ["newsroom_publish_to_listed_seconds_bucket"]],
    ['sum(rate(a_total[1m])) / on (job) group_left sum(b_total{x=~"y|z"})', ["a_total", "b_total"]],
    ["max by (group, topic) (spring_cloud_stream_binder_kafka_offset) > 1e3", ["spring_cloud_stream_binder_kafka_offset"]],
  ];
  for (const [expr, want] of cases) {
    const got = metricNames(expr).sort();
    if (JSON.stringify(got) !== JSON.stringify(want.sort())) fail("self-test", `metricNames(${expr}) = ${got}, want ${want}`);
  }
  if (balanced("sum(rate(x[5m])")) fail("self-test", "unbalanced expression accepted");
  checks++;
}

const args = process.argv.slice(2);
let compose = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--compose-config") compose = parseYaml(readFileSync(args[++i], "utf8"));
  else {
    console.error(`unknown argument ${args[i]}`);
    process.exit(2);
  }
}
selfTest();
const dsUids = checkDatasources();
const providerPaths = checkDashboardProvider();
const dashboardFiles = checkDashboards(dsUids);
checkPrometheus(compose);
checkCompose(compose, providerPaths, dashboardFiles);
console.log(`observability-validate: ${checks} files/checks, ${errors} error(s)`);
process.exit(errors > 0 ? 1 : 0);
