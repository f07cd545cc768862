#!/usr/bin/env bash
# Builds and runs the search benchmark: index build time for 100,000 generated Chinese articles and the latency of
# one- and two-word queries (in-process, then over HTTP with wrk beside /actuator/health/liveness).
# Arguments go to the benchmark, e.g. bench/search.sh --articles 20000 --queries 1000 --port 18481 --http-seconds 10
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk > /dev/null; then
  echo "Installing wrk (for the HTTP comparison) ..."
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; } > /dev/null 2>&1 \
    || echo "Could not install wrk: the HTTP comparison will be skipped"
fi
./mvnw -q -pl bench/search -am package -DskipTests
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC} -jar bench/search/target/search-bench.jar "$@"
