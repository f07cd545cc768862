/**
 * stats-service: counts article views from article-viewed and serves the numbers.
 *
 * <h2>One view, step by step</h2>
 * <ol>
 *   <li>Kafka's consumer parses the record; {@link newsroom.stats.intake.PolledViewDeserializer} keeps the payload's
 *       bytes and reads the three header facts counting needs ({@link newsroom.stats.intake.ViewHeaders}).</li>
 *   <li>The binder hands the whole poll over as it is ({@link newsroom.stats.intake.RawBatchConverter},
 *       {@link newsroom.stats.intake.ViewsBinding}) to {@link newsroom.stats.intake.CountingLoop}, which takes it
 *       through the steps of {@link newsroom.stats.counting.ViewCounting} beside the consumer thread.</li>
 *   <li><b>Sort</b> (a sorting thread): {@link newsroom.stats.tally.ViewDecoder} reads and checks the payload; a wrong
 *       type, a payload that fails its schema or a view from the future is dead-lettered with its reason
 *       ({@code SortedBatch}, {@link newsroom.stats.deadletter.DeadLetters}).</li>
 *   <li><b>Settle</b> (the counting thread): a view of an article not announced on article-lifecycle yet
 *       ({@link newsroom.stats.articles.KnownArticles}) is parked ({@link newsroom.stats.deadletter.ParkedViews}),
 *       released later onto stats-service's own retry topic (read by the same consumer; never onto article-viewed)
 *       or dead-lettered as unknown_article; a parked record read again is skipped, and a released view counts
 *       once per view id.</li>
 *   <li><b>Read</b>: {@link newsroom.stats.tally.TouchedDocs} names the counter documents the view touches (its
 *       article's day, each credited category's day); {@link newsroom.stats.store.CounterStore} fills in what this
 *       partition has already put into them, from {@link newsroom.stats.store.PartitionState}'s cache or MongoDB.</li>
 *   <li><b>Classify</b>: {@link newsroom.stats.tally.ViewClassifier} makes it an
 *       {@link newsroom.stats.tally.Outcome}: rate-limited, else a bot ({@link newsroom.stats.tally.BotDetector}),
 *       else a refresh or a counted view ({@link newsroom.stats.tally.RefreshState}).</li>
 *   <li><b>Add up</b>: {@link newsroom.stats.tally.PartitionTally} adds it to each touched document's
 *       {@link newsroom.stats.tally.PendingDoc} (day and hour counters, unique-visitor sketch) unless the document
 *       already includes its offset; metrics by {@link newsroom.stats.counting.ViewMetrics}, drops by
 *       {@link newsroom.stats.tally.DropReason}.</li>
 *   <li><b>Write</b> (the writer thread, once per flush): {@link newsroom.stats.store.CounterStore} writes every
 *       touched document once, a {@code $max} on the source partition's part guarded by its offset
 *       ({@link newsroom.stats.store.StatsDocs}), and the refresh entries that changed.</li>
 *   <li><b>Acknowledge</b>: the loop acknowledges the written batches; the container commits their offsets.</li>
 *   <li><b>Read back</b>: {@link newsroom.stats.api.StatsQueries} sums the partitions' parts for the API and the
 *       dashboard.</li>
 * </ol>
 *
 * <p>Packages depend one way (checked by ArchitectureTests, and {@code jdeps -verbose:package} shows the same):
 * {@code api → store}; {@code articles → store}; {@code counting → intake, store, tally};
 * {@code deadletter → articles, counting, intake, store, tally}; {@code store → tally}; {@code intake} and
 * {@code tally} use no other package of the service ({@code tally} is plain Java: no Spring, no MongoDB, no Kafka);
 * several read their settings from {@link newsroom.stats.StatsProperties}, which uses nothing.
 */
package newsroom.stats;
