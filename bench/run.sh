#!/usr/bin/env bash
# Builds and runs the counting benchmark. Arguments go to the benchmark, e.g. bench/run.sh --events 100000
# A large young generation: a measured round runs without a collection (with 1 GB it was slower: bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
exec java ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms12g -Xmx12g -Xmn9g} -jar bench/target/bench.jar "$@"
