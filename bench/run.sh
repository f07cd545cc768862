#!/usr/bin/env bash
# Builds and runs the counting benchmark. Arguments go to the benchmark, e.g. bench/run.sh --events 100000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
exec java -jar bench/target/bench.jar "$@"
