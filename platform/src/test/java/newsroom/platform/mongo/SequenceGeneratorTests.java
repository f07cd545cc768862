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
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Short ids from one atomic $inc per name: 1, 2, 3 ... per name, never the same id twice, even from many threads. */
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
}
