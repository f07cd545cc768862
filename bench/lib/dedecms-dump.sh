# Sourced by bench/import.sh and bench/console.sh (from the repository root): builds what an import needs (skip with
# SKIP_BUILD=1) and makes sure the synthetic DedeCMS dump of $articles articles in $categories categories exists in
# bench/target/ (generated once, GBK, with its .expected counts). Sets $dump and $published.
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building ..."
  ./mvnw -q -DskipTests -Dmaven.javadoc.skip=true \
    -pl local-run,importer,article-service,category-service,stats-service,portal -am install
fi

mkdir -p bench/target
dump="bench/target/dedecms-${articles}x${categories}.sql"
if [[ ! -f "$dump" || ! -f "$dump.expected" ]]; then
  echo "Generating $dump ..."
  java -cp importer/target/importer.jar newsroom.importer.DedeDumpGenerator --out "$dump" \
    --articles "$articles" --categories "$categories" --charset gbk
fi
published=$(sed -n 's/^published=//p' "$dump.expected")
