package newsroom.stats.intake;

/**
 * The value of an article-viewed record as {@link PolledViewDeserializer} read it: the payload's bytes, untouched,
 * and the facts counting needs from the record's headers (null if they were not at hand).
 */
record PolledView(byte[] bytes, ViewHeaders facts) {
}
