#!/usr/bin/env bash
# The publishing benchmark: 4 editors (bearer tokens) create and publish articles as fast as they can, then
# publish -> listed latency, then an authenticated editorial GET against the same server's liveness probe.
# Uses a running local run at NEWSROOM_PORT_OFFSET (default 300) if there is one; otherwise builds (SKIP_BUILD=1 to
# skip) and starts one on a fresh temporary data folder, and stops it at the end. Needs only a JDK 17+ and curl.
#   bench/publish.sh                       # 4 clients x 500 articles after 4 x 150 warm-up
#   BENCH_ARTICLES=200 bench/publish.sh    # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
OFFSET=${NEWSROOM_PORT_OFFSET:-300}
ARTICLES_URL="http://localhost:$((8081 + OFFSET))"
CATEGORIES_URL="http://localhost:$((8082 + OFFSET))"
ADMIN_PASSWORD=${NEWSROOM_ADMIN_PASSWORD:-newsroom-admin}
CLIENTS=${BENCH_CLIENTS:-4}
PER_CLIENT=${BENCH_ARTICLES:-500}
WARMUP=${BENCH_WARMUP:-150}
LISTED=${BENCH_LISTED:-200}
GETS=${BENCH_GETS:-3000}

command -v curl >/dev/null || { echo "curl is needed (apt-get install -y curl)"; exit 1; }

RUN_PID=""
RUN_DIR=""
cleanup() {
  if [[ -n "$RUN_PID" ]]; then
    echo "Stopping the local run (pid $RUN_PID) ..."
    kill "$RUN_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$RUN_PID" 2>/dev/null || true
  fi
  if [[ -n "$RUN_DIR" ]]; then rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT

if curl -sf "$ARTICLES_URL/actuator/health/liveness" >/dev/null 2>&1; then
  echo "Using the Newsroom already running at offset $OFFSET ($ARTICLES_URL)"
else
  if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    echo "Building (skip with SKIP_BUILD=1) ..."
    ./mvnw -q -DskipTests -Dmaven.javadoc.skip=true install -pl local-run,article-service,category-service,stats-service,portal -am
  fi
  RUN_DIR=$(mktemp -d -t newsroom-bench-XXXXXX)
  # The local run finds the service jars under its home folder, and keeps data/ and logs/ there: a fresh home with
  # copies of this checkout's jars means fresh data every run (copies, so a build meanwhile cannot pull a jar away
  # from under a running service).
  for module in article-service category-service stats-service portal; do
    mkdir -p "$RUN_DIR/$module/target"
    cp "$module/target/$module-exec.jar" "$RUN_DIR/$module/target/"
  done
  echo "Starting the local run at offset $OFFSET on fresh data in $RUN_DIR ..."
  # Copied jars: no class-data archives (they would be prepared again on every run; start-up is not measured here).
  # Every JVM compiles with C1 only, as ./run-local.sh starts them (NEWSROOM_C2_SERVICES names services that keep C2,
  # BENCH_LAUNCHER_JIT sets the launcher's JIT flags). With C2 for article-service, category-service and the launcher
  # (session 10's setting) their C2 compiler threads were still busy in the measured rounds, two minutes after the
  # start (per-thread CPU from /proc, one call): 1.7 of the launcher's 4.6 ms an article, 1.9 of article-service's
  # 9.0, 1.4 of category-service's 2.5 — more than C2's faster code saved. C1 everywhere: 7.0 ms an article against
  # 17.1 (bench/publish/README.md, session 11).
  # The launcher stands in for a MongoDB and a Kafka server: it runs with G1 (BENCH_LAUNCHER_GC), not run-local.sh's
  # serial collector, whose full collections of the store's churning caches (documents' bytes and pages: about 110 MB
  # live) stopped Kafka and the store for 150-590 ms every ~10 s while publishing — the tail of publish -> listed.
  # Its heap is fixed at 384 MB, as a server's is: no growing and shrinking while it works (run-local.sh's starts at 64).
  NEWSROOM_C2_SERVICES=${NEWSROOM_C2_SERVICES:-none} \
  NEWSROOM_PORT_OFFSET=$OFFSET NEWSROOM_ADMIN_PASSWORD=$ADMIN_PASSWORD NEWSROOM_READY_TIMEOUT=600 NEWSROOM_CDS=off \
    MALLOC_ARENA_MAX=2 java -Xms384m -Xmx384m ${BENCH_LAUNCHER_GC:--XX:+UseG1GC} ${BENCH_LAUNCHER_JIT:--XX:TieredStopAtLevel=1} \
    -Dfile.encoding=UTF-8 -Dnewsroom.home="$RUN_DIR" \
    -jar local-run/target/local-run-exec.jar >"$RUN_DIR/local-run.out" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 1 900); do
    grep -q "Newsroom is up" "$RUN_DIR/local-run.out" 2>/dev/null && break
    kill -0 "$RUN_PID" 2>/dev/null || { cat "$RUN_DIR/local-run.out"; echo "The local run stopped"; exit 1; }
    sleep 1
  done
  grep -q "Newsroom is up" "$RUN_DIR/local-run.out" || { tail -20 "$RUN_DIR/local-run.out"; echo "Not up after 900 s"; exit 1; }
  grep "Newsroom is up" "$RUN_DIR/local-run.out"
fi

# Where the CPU goes: the processes of the local run this script started (launcher = Kafka + the store).
PROCESSES=()
if [[ -n "$RUN_PID" ]]; then
  PROCESSES+=("launcher(kafka+store)=$RUN_PID")
  for service in article-service category-service stats-service; do
    pid=$(sed -n "s/^Started $service (pid \([0-9]*\).*/\1/p" "$RUN_DIR/local-run.out")
    [[ -n "$pid" ]] && PROCESSES+=("$service=$pid")
  done
  # The portal hears article-lifecycle too (it drops the pages a change makes stale): shown beside the total.
  pid=$(sed -n "s/^Started portal (pid \([0-9]*\).*/\1/p" "$RUN_DIR/local-run.out")
  [[ -n "$pid" ]] && PROCESSES+=("also:portal=$pid")
fi
# The client compiles with C1 only too: with C2 its compiler threads took 1.3 s of CPU in a 10.6 s measured round
# (0.65 ms an article) on the cores the services share — the client's own sending took less.
java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC bench/publish/PublishBench.java "$ARTICLES_URL" "$CATEGORIES_URL" "$ADMIN_PASSWORD" \
  "$CLIENTS" "$PER_CLIENT" "$WARMUP" "$LISTED" "$GETS" "${PROCESSES[@]}"
