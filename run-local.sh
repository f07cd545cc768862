#!/usr/bin/env bash
# Builds and runs the whole Newsroom on this machine with only a JDK 17+: Kafka and a MongoDB-compatible store
# in-process, the services as child JVMs, the demo content on first start. Data: data/ (git-ignored), logs: logs/.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building (skip with SKIP_BUILD=1) ..."
  ./mvnw -q -DskipTests -Dmaven.javadoc.skip=true install
fi
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}  # see ServiceProcess: fewer glibc arenas, less resident memory
# The launcher (Kafka and the store) compiles with C1 only, as the services do: C2 spent about 9 s of CPU compiling
# while everything starts, with no measurable gain for a local run (bench/README.md, "Start-up").
# The store lives in this JVM: 384 MB hold a newsroom of a few thousand articles; an archive of 100,000 (an import)
# needs about 1 GB, else it collects garbage back to back (NEWSROOM_LAUNCHER_HEAP=1g).
exec java -Xms64m -Xmx"${NEWSROOM_LAUNCHER_HEAP:-384m}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dfile.encoding=UTF-8 -jar local-run/target/local-run-exec.jar "$@"
