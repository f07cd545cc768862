#!/usr/bin/env bash
# The DedeCMS import benchmark, in one command:
#   bench/import.sh [--articles 100000] [--categories 200] [--offset 700] [--keep-running]
# 1. builds what it needs (skip with SKIP_BUILD=1) and generates a synthetic DedeCMS dump (GBK, mysqldump layout;
#    kept in bench/target/ for the next run);
# 2. starts a local run of its own (bench/target/import-run/: own data/ and logs/; ports moved by --offset, default
#    700: portal 8780, article-service 8781, category-service 8782, stats-service 8783);
# 3. baseline, same machine, same run: the importer reading and mapping the whole dump without sending (--dry-run);
# 4. imports it through the services and waits until category-service lists every published article; checks the
#    portal shows an imported article and an old address answers 301;
# 5. imports the same dump again: nothing may change;
# 6. prints the times; stops the local run unless --keep-running (then it stays up, loaded with the articles, for
#    other benchmarks; stop it with: kill -- -$(cat bench/target/import-run/local-run.pid)).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
articles=100000
categories=200
offset="${NEWSROOM_PORT_OFFSET:-700}"
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles="$2"; shift 2 ;;
    --categories) categories="$2"; shift 2 ;;
    --offset) offset="$2"; shift 2 ;;
    --keep-running) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1; }
if ! need java || ! need curl; then
  echo "Installing a JDK and curl ..." >&2
  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless curl >/dev/null
fi

# Build, and the dump (generated once): sets $dump and $published.
source bench/lib/dedecms-dump.sh

home="$root/bench/target/import-run"
if [[ -f "$home/local-run.pid" ]] && kill -0 "$(cat "$home/local-run.pid")" 2>/dev/null; then
  echo "A local run of this benchmark is still up (pid $(cat "$home/local-run.pid")); stop it first:" >&2
  echo "  kill -- -$(cat "$home/local-run.pid")" >&2
  exit 1
fi
rm -rf "$home"
mkdir -p "$home"
for module in local-run article-service category-service stats-service portal; do
  ln -s "$root/$module" "$home/$module"
done
as=$((8081 + offset)); cs=$((8082 + offset)); portal=$((8080 + offset))

echo "Starting a local run (ports +$offset, $home) ..."
# setsid: the launcher and the service JVMs it starts form one process group, stopped together by its id.
(cd "$home" && NEWSROOM_PORT_OFFSET="$offset" NEWSROOM_LAUNCHER_HEAP=${NEWSROOM_LAUNCHER_HEAP:-1g} \
     setsid bash -c 'echo $$ > local-run.pid; exec java -Xms64m -Xmx"$NEWSROOM_LAUNCHER_HEAP" \
   -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dnewsroom.home="$0" -jar local-run/target/local-run-exec.jar' "$home" \
   > "$home/local-run.out" 2>&1 &)
sleep 1
stop() {
  if [[ "$keep" == "1" ]]; then
    echo "The local run stays up (--keep-running): portal http://localhost:$portal, pid $(cat "$home/local-run.pid")."
    echo "Stop it with: kill -- -$(cat "$home/local-run.pid")"
  else
    kill -- -"$(cat "$home/local-run.pid")" 2>/dev/null || true
    sleep 3
  fi
}
trap stop EXIT
started=$(date +%s)
until grep -q "Newsroom is up" "$home/local-run.out"; do
  if ! kill -0 "$(cat "$home/local-run.pid")" 2>/dev/null || grep -q "was not ready within" "$home/local-run.out" \
     || (( $(date +%s) - started > 900 )); then
    echo "The local run did not come up; see $home/local-run.out and $home/logs/" >&2
    tail -20 "$home/local-run.out" >&2
    exit 1
  fi
  sleep 2
done
echo "Local run up after $(( $(date +%s) - started )) s."

importer=(java -Xmx1g -XX:+UseParallelGC -Dfile.encoding=UTF-8 -jar importer/target/importer-exec.jar "$dump"
          --prefix dede_ --charset gbk --site-url http://www.example.org
          --article-service "http://localhost:$as" --category-service "http://localhost:$cs")
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

echo; echo "== baseline: reading and mapping the dump, nothing sent (--dry-run)"
t0=$(date +%s%N); "${importer[@]}" --dry-run | tee "$home/dry-run.out" | grep -E "^(Total|  [0-9]+ categories)"; t1=$(date +%s%N)
# Where the time goes: CPU seconds each process of the local run spends during the import (from /proc).
pids=("launcher(kafka+store)=$(cat "$home/local-run.pid")")
for service in article-service category-service stats-service portal; do
  pid=$(sed -n "s/^Started $service (pid \([0-9]*\).*/\1/p" "$home/local-run.out")
  [[ -n "$pid" ]] && pids+=("$service=$pid")
done
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
declare -A cpu_before
for entry in "${pids[@]}"; do cpu_before[$entry]=$(cpu_ticks "${entry#*=}"); done
echo; echo "== import (then wait until category-service lists every published article)"
"${importer[@]}" --await-listed | tee "$home/import.out" | grep -vE "^ +e\.g\." ; t2=$(date +%s%N)
tick=$(getconf CLK_TCK)
cpu_report="  CPU during the import:"
for entry in "${pids[@]}"; do
  used=$(( $(cpu_ticks "${entry#*=}") - ${cpu_before[$entry]} ))
  cpu_report+=$(awk -v n="${entry%%=*}" -v u="$used" -v t="$tick" -v a="$published" \
    'BEGIN { printf " %s %.0f s (%.2f ms/article);", n, u / t, u / t * 1000 / a }')
done
echo; echo "== re-import of the same dump"
"${importer[@]}" --await-listed | tee "$home/reimport.out" | grep -vE "^ +e\.g\." ; t3=$(date +%s%N)

echo; echo "== checks"
ok=1
grep -q "Listed by category-service: $published of $published" "$home/import.out" \
  || { echo "!! not every published article ($published) is listed"; ok=0; }
grep -q "^Articles: 0 created, 0 updated, [0-9]* unchanged, 0 refused" "$home/reimport.out" \
  || { echo "!! the re-import changed something"; ok=0; }
aid=$(( articles - 1 ))
while [[ $aid -gt 0 ]] && ! curl -sf "localhost:$as/api/articles/legacy-urls?path=/plus/view.php%3Faid%3D$aid" \
      -o "$home/sample.json"; do aid=$(( aid - 1 )); done
id=$(sed -n 's/.*"targetId":"\([0-9]*\)".*/\1/p' "$home/sample.json")
page=$(curl -s -o /dev/null -w "%{http_code}" "localhost:$portal/articles/$id")
answer=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}|%{time_total}" "localhost:$portal/plus/view.php?aid=$aid")
redirect=${answer%|*}
echo "portal /articles/$id: $page; old address /plus/view.php?aid=$aid: $redirect in ${answer#*|} s"
if [[ "$page" != "200" || "$redirect" != "301 "*"/articles/$id" ]]; then
  echo "!! the portal check failed"; ok=0
  # What the portal says a few seconds later, and how long it takes (a 503 after ~3 s: its lookup timed out).
  for i in 1 2 3; do sleep 2
    echo "   again: $(curl -s -o /dev/null -w "%{http_code} %{redirect_url} in %{time_total} s" \
      "localhost:$portal/plus/view.php?aid=$aid")"
  done
fi

first=$(seconds "$t1" "$t2"); again=$(seconds "$t2" "$t3")
echo
echo "== results ($articles articles, $categories categories, $published published; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf "  %-58s %8s s\n" "baseline: read and map the dump, send nothing" "$(seconds "$t0" "$t1")"
printf "  %-58s %8s s\n" "import, until category-service lists every article" "$first"
printf "  %-58s %8s s\n" "re-import of the same dump (nothing changes)" "$again"
echo "$cpu_report"
awk -v f="$first" -v a="$again" 'BEGIN { printf "  goals: import <= 300 s: %s; re-import <= 1/3 of it: %s (%.2f)\n",
  (f <= 300 ? "met" : "MISSED"), (a <= f / 3 ? "met" : "MISSED"), a / f }'
[[ "$ok" == "1" ]] && echo "  checks passed" || { echo "  checks FAILED"; exit 1; }
