#!/usr/bin/env bash
# The media library's numbers, measured side by side in one run on this machine:
#   (1) a 5 MB JPEG (4000x3000) uploaded to article-service until its variants are stored (the upload answers then):
#       wall time per upload from curl, and article-service's own timer (newsroom_media_upload_seconds);
#   (2) GET of a cached image variant through the portal vs the portal's /actuator/health/liveness, with wrk.
# Goals: (1) <= 1 s; (2) image rate >= 0.5 x liveness rate.
# It starts the whole local run (./run-local.sh's launcher) in a temporary folder on ports 18900+ (BENCH_PORT_OFFSET),
# so an ordinary local run can go on beside it, and stops it at the end. About 3 minutes after the build.
# Options (environment): BENCH_DURATION=15s per wrk round, BENCH_CONNECTIONS=32, BENCH_UPLOADS=5, SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OFFSET=${BENCH_PORT_OFFSET:-10900}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
UPLOADS=${BENCH_UPLOADS:-5}
PORTAL=http://127.0.0.1:$((8080 + OFFSET))
ARTICLES=http://127.0.0.1:$((8081 + OFFSET))

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need curl; then
  echo "Installing wrk and curl ..."
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk curl >/dev/null
fi

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building the services (skip with SKIP_BUILD=1) ..."
  ./mvnw -q -DskipTests -Dmaven.javadoc.skip=true -pl local-run,portal,article-service,category-service,stats-service -am package
fi

WORK=$(mktemp -d /tmp/newsroom-media-bench-XXXXXX)
# The launcher finds the service jars under its home folder (<module>/target/<module>-exec.jar): copies, so that a
# build running meanwhile cannot change them under the running services; data and logs stay in WORK too.
for m in category-service article-service stats-service portal; do
  mkdir -p "$WORK/$m/target" && cp "$ROOT/$m/target/$m-exec.jar" "$WORK/$m/target/"
done
cp "$ROOT/local-run/target/local-run-exec.jar" "$WORK/"
LAUNCHER_PID=""
stop() {
  if [[ -n "$LAUNCHER_PID" ]] && kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    kill -TERM -- "-$LAUNCHER_PID" 2>/dev/null || kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER_PID" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$WORK"
}
trap stop EXIT

echo "Starting the local run on ports $((8080 + OFFSET))+ in $WORK ..."
# Copied jars: no class-data archives (they would be prepared again on every run; start-up is not measured here).
NEWSROOM_PORT_OFFSET=$OFFSET NEWSROOM_CDS=off MALLOC_ARENA_MAX=2 setsid java -Xms64m -Xmx384m -XX:+UseSerialGC \
  -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dfile.encoding=UTF-8 \
  -Dnewsroom.home="$WORK" -jar "$WORK/local-run-exec.jar" > "$WORK/launcher.log" 2>&1 &
LAUNCHER_PID=$!
for _ in $(seq 1 600); do
  grep -q "Newsroom is up" "$WORK/launcher.log" 2>/dev/null && break
  kill -0 "$LAUNCHER_PID" 2>/dev/null || { cat "$WORK/launcher.log"; echo "The local run stopped"; exit 1; }
  sleep 1
done
grep -q "Newsroom is up" "$WORK/launcher.log" || { tail -20 "$WORK/launcher.log"; echo "Not up in time"; exit 1; }
grep "Newsroom is up" "$WORK/launcher.log"

PHOTO="$WORK/photo.jpg"
java "$ROOT/bench/media/MakePhoto.java" "$PHOTO" $((5 * 1024 * 1024))

echo
echo "(1) Upload of a $(($(stat -c %s "$PHOTO") / 1024)) KB JPEG until its variants are stored ($UPLOADS uploads; the first warms the JIT):"
ID=""
TIMES=()
for i in $(seq 0 "$UPLOADS"); do
  OUT=$(curl -s -o "$WORK/upload.json" -w '%{http_code} %{time_total}' -u writer:newsroom-writer \
        -F "file=@$PHOTO;type=image/jpeg" "$ARTICLES/api/media")
  CODE=${OUT% *}; SECONDS_TAKEN=${OUT#* }
  [[ "$CODE" == 201 ]] || { cat "$WORK/upload.json"; echo "upload answered $CODE"; exit 1; }
  ID=$(sed -E 's/.*"id":"([^"]+)".*/\1/' "$WORK/upload.json")
  if [[ $i -eq 0 ]]; then echo "  warm-up: ${SECONDS_TAKEN}s"; else echo "  upload $i: ${SECONDS_TAKEN}s"; TIMES+=("$SECONDS_TAKEN"); fi
done
MEDIAN=$(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
SERVER=$(curl -s -u admin:newsroom-admin "$ARTICLES/actuator/prometheus" \
  | awk '/^newsroom_media_upload_seconds_count/ {c=$2} /^newsroom_media_upload_seconds_sum/ {s=$2} END {if (c>0) printf "%.3f", s/c}')
echo "  median ${MEDIAN}s (curl, wall); article-service's own timer, mean of all $((UPLOADS + 1)): ${SERVER}s"

IMAGE="$PORTAL/media/$ID/thumb"
curl -sf -o /dev/null "$IMAGE"   # into the portal's cache
echo
echo "(2) wrk -t2 -c$CONNECTIONS -d$DURATION through the portal, a cached $(curl -s "$IMAGE" | wc -c)-byte thumbnail vs liveness:"
rate() { wrk -t2 -c"$CONNECTIONS" -d"$1" "$2" | awk '/Requests\/sec/ {print $2}'; }
rate 5s "$PORTAL/actuator/health/liveness" >/dev/null   # warm both paths up
rate 5s "$IMAGE" >/dev/null
LIVE=$(rate "$DURATION" "$PORTAL/actuator/health/liveness")
IMG=$(rate "$DURATION" "$IMAGE")
echo "  liveness: $LIVE req/s"
echo "  image:    $IMG req/s"
RATIO=$(awk -v a="$IMG" -v b="$LIVE" 'BEGIN {printf "%.2f", a / b}')
echo
echo "Upload to variants ready: median ${MEDIAN}s (goal <= 1 s): $(awk -v m="$MEDIAN" 'BEGIN {print (m <= 1.0) ? "met" : "MISSED"}')"
echo "Image via portal / liveness: $RATIO (goal >= 0.5): $(awk -v r="$RATIO" 'BEGIN {print (r >= 0.5) ? "met" : "MISSED"}')"
