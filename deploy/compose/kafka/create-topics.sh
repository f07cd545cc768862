#!/usr/bin/env bash
# One-shot topic setup for the compose stack (service kafka-init, image apache/kafka).
# Idempotent: creates missing topics, raises partition counts that are lower than wanted
# (Kafka never lowers them) and (re)applies the topic configs. The same topics, with the same
# configs, are declared for Kubernetes as Strimzi KafkaTopic resources in
# deploy/k8s/base/kafka/topics.yaml; deploy/validate.sh checks that both lists agree.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP_SERVERS:-kafka:9092}"
PARTITIONS="${TOPIC_PARTITIONS:-3}"
REPLICATION_FACTOR="${TOPIC_REPLICATION_FACTOR:-1}"
BIN="${KAFKA_HOME:-/opt/kafka}/bin"

# topic name | topic configs (comma-separated)
# Dead-letter topics get as many partitions as their source topic: the binder writes a failed
# record to the DLQ partition with the same number as the one it was read from.
TOPICS='
article-lifecycle|retention.ms=2592000000
article-viewed|retention.ms=604800000
category-changed|cleanup.policy=compact,min.cleanable.dirty.ratio=0.1
article-lifecycle.category-service.dlq|retention.ms=1209600000
article-lifecycle.stats-service.dlq|retention.ms=1209600000
article-viewed.stats-service.dlq|retention.ms=1209600000
article-viewed.stats-service.retry|retention.ms=604800000
category-changed.article-service.dlq|retention.ms=1209600000
'

echo "kafka-init: waiting for ${BOOTSTRAP}"
for attempt in $(seq 1 60); do
  if "${BIN}/kafka-topics.sh" --bootstrap-server "${BOOTSTRAP}" --list > /dev/null 2>&1; then
    break
  fi
  if [ "${attempt}" -eq 60 ]; then
    echo "kafka-init: broker ${BOOTSTRAP} not reachable after 120 s" >&2
    exit 1
  fi
  sleep 2
done

while IFS='|' read -r topic configs; do
  [ -n "${topic}" ] || continue
  current=$("${BIN}/kafka-topics.sh" --bootstrap-server "${BOOTSTRAP}" --describe --topic "${topic}" 2> /dev/null \
    | sed -n 's/.*PartitionCount: *\([0-9][0-9]*\).*/\1/p' | head -n 1 || true)
  if [ -z "${current}" ]; then
    config_args=()
    IFS=',' read -r -a pairs <<< "${configs}"
    for pair in "${pairs[@]}"; do config_args+=(--config "${pair}"); done
    "${BIN}/kafka-topics.sh" --bootstrap-server "${BOOTSTRAP}" --create --if-not-exists --topic "${topic}" \
      --partitions "${PARTITIONS}" --replication-factor "${REPLICATION_FACTOR}" "${config_args[@]}"
    echo "kafka-init: created ${topic} (${PARTITIONS} partitions, ${configs})"
  else
    if [ "${current}" -lt "${PARTITIONS}" ]; then
      "${BIN}/kafka-topics.sh" --bootstrap-server "${BOOTSTRAP}" --alter --topic "${topic}" --partitions "${PARTITIONS}"
      echo "kafka-init: ${topic}: partitions ${current} -> ${PARTITIONS}"
    fi
    "${BIN}/kafka-configs.sh" --bootstrap-server "${BOOTSTRAP}" --alter --entity-type topics --entity-name "${topic}" \
      --add-config "${configs}" > /dev/null
    echo "kafka-init: ${topic} exists (${current} partitions), configs applied: ${configs}"
  fi
done <<< "${TOPICS}"

echo "kafka-init: done"
"${BIN}/kafka-topics.sh" --bootstrap-server "${BOOTSTRAP}" --list
