#!/usr/bin/env bash
# Brings a DedeCMS site over from its mysqldump into a running Newsroom (e.g. ./run-local.sh):
#   ./import-dedecms.sh dump.sql --prefix dede_ --charset gbk --site-url http://www.example.org
# Builds the importer first if needed. Options: ./import-dedecms.sh --help. Run it again at any time: unchanged
# articles are left alone, changed ones updated, an interrupted run finished.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/importer/target/importer-exec.jar"
if [[ ! -f "$jar" ]]; then
  echo "Building the importer ..." >&2
  (cd "$here" && ./mvnw -q -pl importer -am -DskipTests -Dmaven.javadoc.skip=true install)
fi
exec java -Xmx1g -XX:+UseParallelGC -Dfile.encoding=UTF-8 -jar "$jar" "$@"
