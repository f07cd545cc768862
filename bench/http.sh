#!/usr/bin/env bash
# The reader hot paths over HTTP, each side by side with a baseline on the same machine in the same run:
#   article-service: article JSON read and view beacon   vs its own /actuator/health/liveness
#   category-service: breadcrumb, siblings, tree, first listing page   vs its own liveness
#   portal: the article page   vs the portal's liveness, and vs nginx serving a saved copy of the same page's bytes
#
#   bench/http.sh                 # builds if needed, starts a local run in a fresh temp dir, measures, stops it
#   SKIP_BUILD=1 bench/http.sh    # use the jars already built
#   bench/http.sh --offset 1100   # the same on ports +1100 (nginx on 19100)
#   bench/http.sh --attach --offset 800   # measure a local run that is already up on ports +800, e.g. the 100,000
#                                         # articles of bench/console.sh --keep-running; starts, loads, stops nothing
#
# Settings (environment): NEWSROOM_PORT_OFFSET (100, or --offset; nginx listens on 18000 + offset), BENCH_DURATION
# (10 s per measured row), BENCH_WARMUP (5 s per path before measuring), BENCH_THREADS (2) and BENCH_CONNECTIONS (16)
# for wrk, BENCH_ARTICLE_ID / BENCH_CATEGORY_ID (default: the seed article and its category, as the local run reports
# them; attached, the category with the most articles of its own and the first article of its listing, asked of
# category-service), BENCH_JFR=1 to profile each hot path's JVM while it is measured (a Flight Recorder summary after
# each row), BENCH_USE_RUNNING=1 (the same as --attach).
# Attached, it measures whatever data the run holds, and reports the resident memory of the JVMs listening on the
# run's ports instead of the time to ready. The first start after a build records the services' class-data archives
# (they are written as it stops): the script then stops it and measures a second start, on fresh data, with them.
# Installs wrk and nginx-light with apt-get when they are missing. Details and figures: bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
ATTACH=${BENCH_USE_RUNNING:-}
while (($#)); do
  case $1 in
    --attach) ATTACH=1 ;;
    --offset) NEWSROOM_PORT_OFFSET=${2:?--offset needs a number}; shift ;;
    --offset=*) NEWSROOM_PORT_OFFSET=${1#--offset=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "Unknown option $1 (see bench/http.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
OFFSET=${NEWSROOM_PORT_OFFSET:-100}
[[ "$OFFSET" =~ ^[0-9]+$ ]] || { echo "The offset must be a whole number, not '$OFFSET'" >&2; exit 2; }
export NEWSROOM_PORT_OFFSET=$OFFSET
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORTAL=http://127.0.0.1:$((8080 + OFFSET))
ARTICLES=http://127.0.0.1:$((8081 + OFFSET))
CATEGORIES=http://127.0.0.1:$((8082 + OFFSET))
NGINX_PORT=$((18000 + OFFSET))
WORK=$(mktemp -d /tmp/newsroom-http-bench.XXXXXX)
chmod 755 "$WORK"
LAUNCHER_PID=
NGINX_STARTED=

log() { printf '%s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$NGINX_STARTED" && -f "$WORK/nginx/nginx.pid" ]]; then
    kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  fi
  if [[ -n "$LAUNCHER_PID" ]]; then
    local children
    children=$(pgrep -P "$LAUNCHER_PID" | tr '\n' ' ' || true)
    kill "$LAUNCHER_PID" 2>/dev/null || true   # the launcher stops its services on SIGTERM
    wait "$LAUNCHER_PID" 2>/dev/null || true
    for pid in $children; do                   # and if it could not, they go now
      kill "$pid" 2>/dev/null && log "stopped left-over service process $pid" || true
    done
  fi
  if [[ -z "${BENCH_KEEP:-}" ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  if ((${#missing[@]})); then
    log "Installing ${missing[*]} ..."
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

up() { curl -fsS -o /dev/null --max-time 2 "$1/actuator/health/liveness" 2>/dev/null; }

start_local_run() {
  if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    log "Building (skip with SKIP_BUILD=1) ..."
    ./mvnw -q -DskipTests -Dmaven.javadoc.skip=true install
  fi
  # A fresh home for the run's data/ and logs/; the launcher finds the service jars under it, so link them in.
  for module in article-service category-service stats-service portal; do
    mkdir -p "$WORK/home/$module"
    ln -s "$REPO/$module/target" "$WORK/home/$module/target"
  done
  launch
  if grep -q 'Recording quick-start' "$WORK/local-run.out"; then
    # The first start after a build runs without class-data archives and records them as it stops (local-run's
    # ClassDataArchive); what is measured is a start with them, on fresh data again.
    RECORDING_READY=$READY
    log "That start recorded the class-data archives (ready in $READY s; once per build): stopping it, then starting again on fresh data"
    kill "$LAUNCHER_PID" 2>/dev/null || true
    wait "$LAUNCHER_PID" 2>/dev/null || true
    grep -A8 '^Stopping' "$WORK/local-run.out" | grep 'class-data' >&2 || true
    mv "$WORK/home/logs" "$WORK/logs-recording-start"
    rm -rf "$WORK/home/data"
    launch
  fi
}

launch() {
  log "Starting the local run (ports +$OFFSET) in $WORK/home ..."
  # The launcher's JVM exactly as ./run-local.sh starts it.
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} NEWSROOM_READY_TIMEOUT=${NEWSROOM_READY_TIMEOUT:-600} java -Xms64m -Xmx384m \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dfile.encoding=UTF-8 -Dnewsroom.home="$WORK/home" \
    -jar local-run/target/local-run-exec.jar >"$WORK/local-run.out" 2>&1 &
  LAUNCHER_PID=$!
  local waited=0
  until grep -q "Newsroom is up" "$WORK/local-run.out"; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null || grep -q 'Exception in thread "main"' "$WORK/local-run.out" \
        || ((waited > 900)); then
      tail -40 "$WORK/local-run.out" >&2
      log "The local run did not come up; logs in $WORK/home/logs"
      BENCH_KEEP=1
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  READY=$(sed -n 's/.*Newsroom is up (\([0-9]*\) s).*/\1/p' "$WORK/local-run.out")
}

# Resident memory (MiB) of the launcher (Kafka and the store) and of every service JVM it started; attached, of the
# processes listening on the run's Kafka port (the launcher) and on the four services' ports.
rss_mib() {
  local pids total=0 kb
  if [[ -n "$LAUNCHER_PID" ]]; then
    pids="$LAUNCHER_PID $(pgrep -P "$LAUNCHER_PID" | tr '\n' ' ')"
  else
    pids=$(for port in $((29092 + OFFSET)) $((8080 + OFFSET)) $((8081 + OFFSET)) $((8082 + OFFSET)) $((8083 + OFFSET)); do
      pid_on_port "$port"; done | sort -u | tr '\n' ' ')
  fi
  for pid in $pids; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

start_nginx() {
  mkdir -p "$WORK/nginx/www/articles" "$WORK/nginx/tmp"
  curl -fsS "$PORTAL/articles/$ARTICLE_ID" -o "$WORK/nginx/www/articles/$ARTICLE_ID"
  chmod -R a+rX "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
$( [[ $(id -u) -eq 0 ]] && echo "user nobody nogroup;" )
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
    default_type "text/html; charset=utf-8";
  }
}
EOF
  local nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>/dev/null
  NGINX_STARTED=1
  local i
  for i in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/articles/$ARTICLE_ID" && return; sleep 0.1; done
  log "nginx did not start: $(cat "$WORK/nginx/error.log")"
  exit 1
}

# run_wrk SECONDS URL [SCRIPT] -> "req/s p99ms requests non2xx socketErrors"
run_wrk() {
  local seconds=$1 url=$2 script=${3:-$REPO/bench/http/report.lua}
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$script" "$url" | sed -n 's/^RESULT //p'
}

# BENCH_JFR=1: a JDK Flight Recorder profile of the serving JVM during each measured row of a hot path; prints the
# most sampled methods (top of stack, and the first frame in the service's own code) after the row.
pid_on_port() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
profile_summary() { # profile_summary JFR_FILE
  jfr print --events jdk.ExecutionSample "$1" | awk '
    /stackTrace = \[/ { top = 1; own = 0; next }
    /^ *\]/ { top = 0; next }
    top == 1 { f = $0; sub(/ *line:.*/, "", f); gsub(/^ +/, "", f); leaf[f]++; top = 2; total++ }
    top == 2 && own == 0 && /newsroom\./ { f = $0; sub(/ *line:.*/, "", f); gsub(/^ +/, "", f); mine[f]++; own = 1 }
    END {
      printf "    %d samples; top of stack:\n", total
      for (k in leaf) printf "%6d  %s\n", leaf[k], k | "sort -rn | head -12"
      close("sort -rn | head -12")
      print "    first frame in newsroom code:"
      for (k in mine) printf "%6d  %s\n", mine[k], k | "sort -rn | head -8"
    }' >&2
}

declare -A RPS P99 BAD
measure() { # measure NAME URL [SCRIPT]
  local name=$1 result pid=
  if [[ -n "${BENCH_JFR:-}" && "$name" != *liveness && "$name" != nginx* ]]; then
    pid=$(pid_on_port "$(sed -E 's|^https?://[^:]+:([0-9]+).*|\1|' <<<"$2")")
    [[ -n "$pid" ]] && jcmd "$pid" JFR.start name=bench settings=profile filename="$WORK/profile.jfr" >/dev/null
  fi
  result=$(run_wrk "$DURATION" "$2" "${3:-}")
  if [[ -n "$pid" ]]; then
    jcmd "$pid" JFR.stop name=bench >/dev/null
    log "  profile of $name:"
    profile_summary "$WORK/profile.jfr"
  fi
  read -r rps p99 requests non2xx errors <<<"$result"
  RPS[$name]=$rps
  P99[$name]=$p99
  BAD[$name]=$((non2xx + errors))
  log "  $(printf '%-22s %10s req/s  p99 %8s ms  %d requests, %d non-2xx, %d socket errors' "$name" "$rps" "$p99" \
    "$requests" "$non2xx" "$errors")"
}

# Attached: the category with the most articles of its own (from the tree) and the first article of its listing.
discover_ids() {
  CATEGORY_ID=${BENCH_CATEGORY_ID:-$(curl -fsS "$CATEGORIES/api/categories" \
    | jq -r '[.. | objects | select(has("articleCount"))] | max_by(.articleCount) | .id')}
  ARTICLE_ID=${BENCH_ARTICLE_ID:-$(curl -fsS "$CATEGORIES/api/categories/$CATEGORY_ID/articles?size=1" \
    | jq -r '.items[0].articleId // empty')}
  if [[ -z "$ARTICLE_ID" || -z "$CATEGORY_ID" || "$CATEGORY_ID" == null ]]; then
    log "The run on ports +$OFFSET lists no article (category '$CATEGORY_ID'); set BENCH_ARTICLE_ID and BENCH_CATEGORY_ID"
    exit 1
  fi
  local path
  for path in "$ARTICLES/api/articles/$ARTICLE_ID" "$PORTAL/articles/$ARTICLE_ID"; do
    curl -fsS -o /dev/null "$path" || { log "$path does not answer 200: choose another BENCH_ARTICLE_ID"; exit 1; }
  done
  log "Measuring article $ARTICLE_ID and category $CATEGORY_ID"
}

install_tools
READY=
if [[ -n "$ATTACH" ]]; then
  up "$ARTICLES" && up "$CATEGORIES" && up "$PORTAL" || { log "No local run answers on ports +$OFFSET"; exit 1; }
  log "Using the local run on ports +$OFFSET (nothing is started, loaded or stopped)"
  discover_ids
  log "Resident memory of the run's JVMs: $(rss_mib) MiB"
else
  if up "$ARTICLES"; then
    log "Something already answers on $ARTICLES: stop it, choose another NEWSROOM_PORT_OFFSET, or set BENCH_USE_RUNNING=1"
    exit 1
  fi
  start_local_run
  READY_RSS=$(rss_mib)
  # A start after a build ran without class-data archives and recorded them (start_local_run): said beside the figure.
  [[ -n "${RECORDING_READY:-}" ]] && READY_NOTE=" (with class-data archives; the start before it recorded them, once per build: ready in $RECORDING_READY s)"
  log "Ready in $READY s${READY_NOTE:-}; resident memory of the run: $READY_RSS MiB"
fi
if [[ -z "$ATTACH" ]]; then
  ARTICLE_ID=${BENCH_ARTICLE_ID:-$(sed -n 's|.*The seed article: .*/api/articles/\([0-9]*\).*|\1|p' "$WORK/local-run.out")}
  CATEGORY_ID=${BENCH_CATEGORY_ID:-$(sed -n 's|.*Its category: .*/api/categories/\([0-9]*\)/articles.*|\1|p' "$WORK/local-run.out")}
  ARTICLE_ID=${ARTICLE_ID:-1}
  CATEGORY_ID=${CATEGORY_ID:-13}
fi
start_nginx
cat "$REPO/bench/http/beacon.lua" "$REPO/bench/http/report.lua" >"$WORK/beacon.lua"

# name | url | script | baseline name
ROWS=(
  "article liveness|$ARTICLES/actuator/health/liveness||"
  "article JSON|$ARTICLES/api/articles/$ARTICLE_ID||article liveness"
  "view beacon|$ARTICLES/api/articles/$ARTICLE_ID/views|$WORK/beacon.lua|article liveness"
  "category liveness|$CATEGORIES/actuator/health/liveness||"
  "breadcrumb|$CATEGORIES/api/categories/$CATEGORY_ID/breadcrumb||category liveness"
  "siblings|$CATEGORIES/api/categories/$CATEGORY_ID/siblings||category liveness"
  "tree|$CATEGORIES/api/categories||category liveness"
  "listing first page|$CATEGORIES/api/categories/$CATEGORY_ID/articles?scope=subtree&size=20||category liveness"
  "portal liveness|$PORTAL/actuator/health/liveness||"
  "portal article page|$PORTAL/articles/$ARTICLE_ID||portal liveness"
  "nginx static copy|http://127.0.0.1:$NGINX_PORT/articles/$ARTICLE_ID||"
)

log "Warming up ($WARMUP s per path) ..."
for row in "${ROWS[@]}"; do
  IFS='|' read -r name url script base <<<"$row"
  run_wrk "$WARMUP" "$url" "$script" >/dev/null
done

# Each group measures its baseline before and after its paths; ratios are against the mean of the two.
declare -A CLOSES=([view beacon]="article liveness" [listing first page]="category liveness"
  [portal article page]="portal liveness")
url_of() { printf '%s\n' "${ROWS[@]}" | awk -F'|' -v n="$1" '$1 == n {print $2}'; }
log "Measuring ($DURATION s per row, wrk -t$THREADS -c$CONNECTIONS) ..."
for row in "${ROWS[@]}"; do
  IFS='|' read -r name url script base <<<"$row"
  measure "$name" "$url" "$script"
  if [[ -n "${CLOSES[$name]:-}" ]]; then
    baseline=${CLOSES[$name]}
    first=${RPS[$baseline]} first_bad=${BAD[$baseline]}
    measure "$baseline" "$(url_of "$baseline")"
    RPS[$baseline]=$(awk -v a="$first" -v b="${RPS[$baseline]}" 'BEGIN {printf "%.1f", (a + b) / 2}')
    BAD[$baseline]=$((first_bad + BAD[$baseline]))
  fi
done

total_bad=0
printf '\n%-22s %12s %10s %20s %8s %8s\n' "path" "req/s" "p99 ms" "against" "ratio" "non-2xx"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name url script base <<<"$row"
  ratio=
  if [[ -n "$base" ]]; then
    ratio=$(awk -v a="${RPS[$name]}" -v b="${RPS[$base]}" 'BEGIN {printf "%.2f", a / b}')
  fi
  printf '%-22s %12s %10s %20s %8s %8s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "$base" "$ratio" "${BAD[$name]}"
  total_bad=$((total_bad + BAD[$name]))
done
printf '%-22s %12s %10s %20s %8s\n' "portal article page" "" "" "nginx static copy" \
  "$(awk -v a="${RPS[portal article page]}" -v b="${RPS[nginx static copy]}" 'BEGIN {printf "%.3f", a / b}')"
printf '\nbaselines: mean of the liveness measured before and after each group; article %s, category %s\n' \
  "$ARTICLE_ID" "$CATEGORY_ID"
if [[ -n "$LAUNCHER_PID" ]]; then
  printf 'local run: ready in %s s%s; resident memory when ready %s MiB, after the run %s MiB (launcher with Kafka and the store, and the four services)\n' \
    "$READY" "${READY_NOTE:-}" "$READY_RSS" "$(rss_mib)"
else
  printf 'attached to the run on ports +%s: resident memory after the run %s MiB (the JVMs on its Kafka and service ports)\n' \
    "$OFFSET" "$(rss_mib)"
fi
printf 'non-2xx answers and socket errors in all measured rows: %d\n' "$total_bad"
