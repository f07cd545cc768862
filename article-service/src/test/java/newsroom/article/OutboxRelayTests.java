package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.article.editorial.Article;
import newsroom.article.outbox.OutboxRelay;
import newsroom.platform.events.CloudEventPublisher;
import newsroom.testing.InProcessInfrastructureTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A send that fails — the binder throws, or it returns false — never removes the event, and nothing after it in the
 * article's outbox is sent before it; two senders at once (the immediate send and the sweep) send each event once; a
 * claim left by a sender that died is taken over once it expires, never before; events added while a sender holds the
 * article are sent by that sender. After its first look at every article, a sweep retries what this relay wrote and
 * could not send, not every article.
 */
@InProcessInfrastructureTest
class OutboxRelayTests {

    @Autowired
    MongoTemplate mongo;

    /**
     * An article with two pending events, stored directly. Their creation time lies in the future so that the
     * application's own relay (whose sweep only takes events older than a grace period) leaves them to this test.
     */
    String articleWithTwoPendingEvents() {
        String id = "outbox-test-" + UUID.randomUUID();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        mongo.insert(new Document("_id", id).append("status", "PUBLISHED").append("version", 1L)
                .append("outbox", List.of(
                        new Document("eventId", "e1").append("type", "newsroom.article.published.v1")
                                .append("json", "{\"articleId\":\"" + id + "\",\"revision\":1}")
                                .append("createdAt", Date.from(later)),
                        new Document("eventId", "e2").append("type", "newsroom.article.updated.v1")
                                .append("json", "{\"articleId\":\"" + id + "\",\"revision\":2}")
                                .append("createdAt", Date.from(later)))), "articles");
        return id;
    }

    OutboxRelay relayWith(CloudEventPublisher publisher) {
        return new OutboxRelay(mongo, publisher, Clock.systemUTC(), new SimpleMeterRegistry(), new SyncTaskExecutor(),
                Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    CloudEventPublisher accepting(List<String> sentIds) {
        CloudEventPublisher publisher = mock(CloudEventPublisher.class);
        when(publisher.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any())).thenAnswer(call -> {
            sentIds.add(call.getArgument(2));
            return true;
        });
        return publisher;
    }

    void claimedBy(String id, String owner, Instant until) {
        mongo.updateFirst(Query.query(
                Criteria.where("_id").is(id)),
                new Update().set("relayClaimOwner", owner)
                        .set("relayClaimUntil", Date.from(until)), "articles");
    }

    List<String> pending(String id) {
        return mongo.findById(id, Article.class).getOutbox().stream().map(e -> e.eventId()).toList();
    }

    @Test
    void aSendThatThrowsLeavesTheEventAndEverythingAfterItInTheOutbox() {
        String id = articleWithTwoPendingEvents();
        CloudEventPublisher broken = mock(CloudEventPublisher.class);
        when(broken.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any()))
                .thenThrow(new IllegalStateException("Send failed: broker not available"));
        OutboxRelay relay = relayWith(broken);

        assertThat(relay.flush(id)).isZero();
        assertThat(pending(id)).containsExactly("e1", "e2");
        assertThat(relay.isFailing()).isTrue();
    }

    @Test
    void aSendThatReturnsFalseIsAFailureToo() {
        String id = articleWithTwoPendingEvents();
        CloudEventPublisher refusing = mock(CloudEventPublisher.class);
        when(refusing.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any())).thenReturn(false);

        assertThat(relayWith(refusing).flush(id)).isZero();
        assertThat(pending(id)).containsExactly("e1", "e2");
    }

    @Test
    void aFailureAfterTheFirstEventRemovesOnlyTheAcknowledgedOne() {
        String id = articleWithTwoPendingEvents();
        CloudEventPublisher flaky = mock(CloudEventPublisher.class);
        when(flaky.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any()))
                .thenReturn(true).thenThrow(new IllegalStateException("timeout"));
        OutboxRelay relay = relayWith(flaky);

        assertThat(relay.flush(id)).isEqualTo(1);
        assertThat(pending(id)).containsExactly("e2");

        CloudEventPublisher healthy = mock(CloudEventPublisher.class);
        when(healthy.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any())).thenReturn(true);
        assertThat(relayWith(healthy).flush(id)).isEqualTo(1);
        assertThat(pending(id)).isEmpty();
    }

    @Test
    void twoSendersOfOneArticleAtOnceSendEachEventOnce() throws Exception {
        String id = articleWithTwoPendingEvents();
        AtomicInteger sends = new AtomicInteger();
        CountDownLatch firstSendStarted = new CountDownLatch(1);
        CountDownLatch letFirstSendFinish = new CountDownLatch(1);
        CloudEventPublisher slow = mock(CloudEventPublisher.class);
        when(slow.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any())).thenAnswer(call -> {
            sends.incrementAndGet();
            firstSendStarted.countDown();
            return letFirstSendFinish.await(10, TimeUnit.SECONDS);
        });
        OutboxRelay relay = relayWith(slow);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = executor.submit(() -> relay.flush(id));
            assertThat(firstSendStarted.await(10, TimeUnit.SECONDS)).isTrue();
            int second = relay.flush(id);
            letFirstSendFinish.countDown();
            assertThat(second).as("the article is claimed by the first sender").isZero();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
        assertThat(sends).hasValue(2);
        assertThat(pending(id)).isEmpty();
    }

    @Test
    void aClaimLeftByASenderThatDiedIsTakenOverOnceItExpires() {
        String id = articleWithTwoPendingEvents();
        claimedBy(id, "a-sender-that-died", Instant.now().minusSeconds(1));
        List<String> sent = new CopyOnWriteArrayList<>();

        assertThat(relayWith(accepting(sent)).flush(id)).isEqualTo(2);
        assertThat(sent).containsExactly("e1", "e2");
        assertThat(pending(id)).isEmpty();
        assertThat(mongo.findById(id, Document.class, "articles")).doesNotContainKeys("relayClaimOwner",
                "relayClaimUntil");
    }

    @Test
    void aClaimThatHasNotExpiredIsLeftToItsHolder() {
        String id = articleWithTwoPendingEvents();
        claimedBy(id, "a-sender-at-work", Instant.now().plusSeconds(60));
        List<String> sent = new CopyOnWriteArrayList<>();

        assertThat(relayWith(accepting(sent)).flush(id)).isZero();
        assertThat(sent).isEmpty();
        assertThat(pending(id)).containsExactly("e1", "e2");
        assertThat(mongo.findById(id, Document.class, "articles").getString("relayClaimOwner"))
                .isEqualTo("a-sender-at-work");
    }

    @Test
    void eventsAddedWhileASenderHoldsTheArticleAreSentByThatSender() {
        String id = articleWithTwoPendingEvents();
        List<String> sent = new CopyOnWriteArrayList<>();
        CloudEventPublisher publisher = mock(CloudEventPublisher.class);
        when(publisher.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any())).thenAnswer(call -> {
            String eventId = call.getArgument(2);
            if (eventId.equals("e1")) {
                // An editor saves meanwhile: a third event joins the outbox while this sender holds the article.
                mongo.updateFirst(Query.query(
                        Criteria.where("_id").is(id)),
                        new Update().push("outbox",
                                new Document("eventId", "e3").append("type", "newsroom.article.updated.v1")
                                        .append("json", "{\"articleId\":\"" + id + "\",\"revision\":3}")
                                        .append("createdAt", new Date())), "articles");
            }
            sent.add(eventId);
            return true;
        });

        assertThat(relayWith(publisher).flush(id)).isEqualTo(3);
        assertThat(sent).containsExactly("e1", "e2", "e3");
        assertThat(pending(id)).isEmpty();
    }

    @Test
    void anArticleInsertedWithTheRelaysClaimIsSentUnderThatClaimWhichHoldsOffOtherSendersUntilReleased() {
        List<String> sent = new CopyOnWriteArrayList<>();
        OutboxRelay relay = relayWith(accepting(sent));
        OutboxRelay.Claim claim = relay.claimNew();
        String id = articleWithTwoPendingEvents();
        Document stored = mongo.findById(id, Document.class, "articles");
        mongo.remove(Query.query(Criteria.where("_id").is(id)), "articles");
        claim.writeInto(stored);
        mongo.insert(stored, "articles"); // as ArticleStore.insertClaimed writes it: the claim in the first write

        List<String> sentByOther = new CopyOnWriteArrayList<>();
        assertThat(relayWith(accepting(sentByOther)).flush(id)).isZero();
        assertThat(sentByOther).isEmpty();

        relay.sendClaimed(mongo.findById(id, Article.class), claim);
        assertThat(sent).containsExactly("e1", "e2");
        assertThat(pending(id)).isEmpty();
        assertThat(mongo.findById(id, Document.class, "articles").get("relayClaimOwner")).isNull();
    }

    @Test
    void afterItsFirstLookAtEveryArticleASweepRetriesWhatThisRelayCouldNotSendAndCountsIt() {
        AtomicBoolean brokerUp = new AtomicBoolean(true);
        CloudEventPublisher publisher = mock(CloudEventPublisher.class);
        when(publisher.sendJson(anyString(), anyString(), anyString(), any(), anyString(), any()))
                .thenAnswer(call -> brokerUp.get());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // A grace of minus two hours makes this relay's sweeps take the test articles' events, dated an hour ahead.
        OutboxRelay relay = new OutboxRelay(mongo, publisher, Clock.systemUTC(), meters, new SyncTaskExecutor(),
                Duration.ofHours(-2), Duration.ofHours(1));
        String leftByAPredecessor = articleWithTwoPendingEvents();

        relay.sweep();
        assertThat(pending(leftByAPredecessor)).as("the first sweep looks at every article").isEmpty();
        // Other tests' articles still claimed by their (fictitious) senders stay counted until their claims expire.
        double claimedByOthers = meters.get("newsroom.outbox.pending").gauge().value();

        String savedHere = articleWithTwoPendingEvents();
        brokerUp.set(false);
        relay.sendSoon(savedHere);
        assertThat(pending(savedHere)).containsExactly("e1", "e2");
        assertThat(meters.get("newsroom.outbox.pending").gauge().value()).isEqualTo(claimedByOthers + 1);
        String savedByAReplicaThatDied = articleWithTwoPendingEvents();

        brokerUp.set(true);
        relay.sweep();
        assertThat(pending(savedHere)).isEmpty();
        assertThat(pending(savedByAReplicaThatDied)).as("left to the next look at every article, an hour later")
                .containsExactly("e1", "e2");
        assertThat(meters.get("newsroom.outbox.pending").gauge().value()).isEqualTo(claimedByOthers);
    }

    @Test
    void anArticleClaimedBySenderThatDiedIsFoundByTheFirstSweepAndSentOnceTheClaimExpires() {
        String id = articleWithTwoPendingEvents();
        claimedBy(id, "a-sender-that-died", Instant.now().plusSeconds(1));
        List<String> sent = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(mongo, accepting(sent), Clock.systemUTC(), new SimpleMeterRegistry(),
                new SyncTaskExecutor(), Duration.ofHours(-2), Duration.ofHours(1));

        relay.sweep();
        assertThat(pending(id)).as("left to its holder while the claim lasts").containsExactly("e1", "e2");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            relay.sweep(); // no second look at every article within the hour: the first one remembered it
            assertThat(pending(id)).isEmpty();
        });
        assertThat(sent).as("other tests' leftovers may be sent too").contains("e1", "e2");
    }
}
