package newsroom.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Short ids from one atomic $inc per name: 1, 2, 3 ... per name, never the same id twice, even from many threads or
 * from blocks reserved ahead.
 */
class SequenceGeneratorTests {

    final MongoClient client = MongoClients.create(InProcessInfrastructure.mongo().getConnectionString());
    final SequenceGenerator sequences = new SequenceGenerator(
            new MongoTemplate(client, "sequences-" + System.nanoTime()));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void eachNameCountsFromOneOnItsOwn() {
        assertThat(List.of(sequences.next("article"), sequences.next("article"), sequences.next("category"),
                sequences.next("article"))).containsExactly("1", "2", "1", "3");
    }

    @Test
    void manyThreadsAtOnceGetEveryNumberExactlyOnce() throws Exception {
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> IntStream.range(0, each).mapToObj(i -> sequences.next("article")).toList());
            }
            Set<String> ids = new HashSet<>();
            int total = 0;
            for (Future<List<String>> ids1 : pool.invokeAll(tasks)) {
                ids.addAll(ids1.get());
                total += ids1.get().size();
            }
            assertThat(total).isEqualTo(threads * each);
            assertThat(ids).hasSize(threads * each)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * each)
                            .mapToObj(String::valueOf).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blocksReservedAheadNeverRepeatAnIdAcrossInstancesThreadsAndOtherCallers() throws Exception {
        MongoTemplate shared = new MongoTemplate(client, "sequences-blocks-" + System.nanoTime());
        SequenceGenerator replicaA = new SequenceGenerator(shared);
        SequenceGenerator replicaB = new SequenceGenerator(shared);
        // A fresh counter hands out 1, 2, 3 ... from the first block, then the next block.
        assertThat(IntStream.range(0, 5).mapToObj(i -> replicaA.nextFromBlock("article", 4)).toList())
                .containsExactly("1", "2", "3", "4", "5");
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SequenceGenerator replica = t % 2 == 0 ? replicaA : replicaB;
                if (t == threads - 1) {
                    // Beside them: a bulk reservation (an import's 30 ids), then ids one at a time.
                    tasks.add(() -> {
                        long first = replica.reserve("article", 30);
                        List<String> ids = new ArrayList<>(LongStream.range(first, first + 30)
                                .mapToObj(String::valueOf).toList());
                        IntStream.range(0, each).forEach(i -> ids.add(replica.next("article")));
                        return ids;
                    });
                } else {
                    tasks.add(() -> IntStream.range(0, each).mapToObj(i -> replica.nextFromBlock("article", 16))
                            .toList());
                }
            }
            Set<String> ids = new HashSet<>();
            for (Future<List<String>> handedOut : pool.invokeAll(tasks)) {
                for (String id : handedOut.get()) {
                    assertThat(ids.add(id)).as("id %s handed out twice", id).isTrue();
                }
            }
            assertThat(ids).hasSize(threads * each + 30).doesNotContain("1", "2", "3", "4", "5");
        } finally {
            pool.shutdownNow();
        }
    }
}
