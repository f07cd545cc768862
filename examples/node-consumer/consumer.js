'use strict';
// An analyst's consumer of Newsroom's view stream, outside Java: reads `article-viewed` in its own consumer group,
// turns each record into a CloudEvent (binary mode: ce_* headers, JSON value) with the CloudEvents SDK, and validates
// its data against the JSON Schema the contracts module ships. Prints one JSON line per event, then a summary.
//
// The beacon's producer compresses record batches with LZ4 (docs/events.md, "Compression"); kafkajs ships only gzip,
// so the LZ4 codec (lz4js, the Kafka LZ4 frame format) is registered below — without it kafkajs fails with
// "LZ4 compression not implemented".
//
// Settings (environment):
//   KAFKA_BROKERS  comma-separated bootstrap servers            (default localhost:29092, the local run's Kafka)
//   TOPIC          the topic to read                             (default article-viewed)
//   GROUP_ID       this consumer's group                         (default node-analytics-example)
//   SCHEMA_DIR     folder with newsroom.article.viewed.v1.schema.json   (default: the contracts module's, in this checkout)
//   MAX_EVENTS     stop after this many events (0 = run until Ctrl-C)
//   IDLE_EXIT_MS   stop when nothing arrived for this long after the first event (0 = never)
const fs = require('fs');
const path = require('path');
const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');
const lz4 = require('lz4js');
const { Kafka: CloudEventsKafka } = require('cloudevents');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

CompressionCodecs[CompressionTypes.LZ4] = () => ({
  async compress(encoder) {
    return Buffer.from(lz4.compress(encoder.buffer));
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
  },
});

const TYPE = 'newsroom.article.viewed.v1';
const brokers = (process.env.KAFKA_BROKERS || 'localhost:29092').split(',');
const topic = process.env.TOPIC || 'article-viewed';
const groupId = process.env.GROUP_ID || 'node-analytics-example';
const schemaDir = process.env.SCHEMA_DIR
  || path.join(__dirname, '..', '..', 'contracts', 'src', 'main', 'resources', 'schemas');
const maxEvents = Number(process.env.MAX_EVENTS || 0);
const idleExitMs = Number(process.env.IDLE_EXIT_MS || 0);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, TYPE + '.schema.json'), 'utf8')));

/** Kafka header values arrive as Buffers; the CloudEvents SDK reads strings. */
function headersOf(message) {
  const headers = {};
  for (const [name, value] of Object.entries(message.headers || {})) {
    headers[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return headers;
}

/** One record: a CloudEvent of the expected type whose data the schema accepts, or the reasons it is not. */
function check(message) {
  let event;
  try {
    event = CloudEventsKafka.toEvent({
      key: message.key && message.key.toString('utf8'),
      value: message.value && message.value.toString('utf8'),
      headers: headersOf(message),
      timestamp: message.timestamp,
    });
  } catch (e) {
    return { valid: false, errors: ['not a CloudEvent: ' + e.message] };
  }
  if (event.type !== TYPE) {
    return { valid: false, id: event.id, errors: ['unexpected type ' + event.type] };
  }
  const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
  if (!validate(data)) {
    return { valid: false, id: event.id, errors: validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`) };
  }
  return { valid: true, id: event.id, articleId: data.articleId, viewedAt: data.viewedAt };
}

async function main() {
  const kafka = new Kafka({ clientId: 'newsroom-node-consumer', brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId });
  const counts = { read: 0, valid: 0, invalid: 0 };
  let lastEventAt = 0;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await consumer.disconnect();
    console.log('SUMMARY ' + JSON.stringify(counts));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (stopping) return;
      counts.read++;
      lastEventAt = Date.now();
      const result = check(message);
      counts[result.valid ? 'valid' : 'invalid']++;
      console.log(JSON.stringify({ partition, offset: message.offset, ...result }));
      // Not awaited here: disconnect waits for this handler to return.
      if (maxEvents > 0 && counts.read >= maxEvents) setImmediate(stop);
    },
  });
  if (idleExitMs > 0) {
    setInterval(() => {
      if (lastEventAt > 0 && Date.now() - lastEventAt > idleExitMs) stop();
    }, 200);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
