package newsroom.localrun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The store and the broker of the local run, started side by side in the background ({@link LocalMongo},
 * {@link LocalKafka}), so that the services' JVMs boot meanwhile: a service first talks to them seconds into its
 * start, and its clients wait and retry until they answer (the Kafka binder for up to 30 s per call, the MongoDB
 * driver's server selection for 30 s).
 */
final class Infrastructure implements AutoCloseable {

    private final CompletableFuture<LocalMongo> mongo;
    private final CompletableFuture<LocalKafka> kafka;

    private Infrastructure(CompletableFuture<LocalMongo> mongo, CompletableFuture<LocalKafka> kafka) {
        this.mongo = mongo;
        this.kafka = kafka;
    }

    /** Starts both in the background; {@link #awaitStarted()} waits for them. */
    static Infrastructure start(Path data, int mongoPort, int kafkaPort, int kafkaControllerPort, int partitions) {
        return new Infrastructure(
                inBackground("The MongoDB-compatible store on 127.0.0.1:" + mongoPort,
                        () -> LocalMongo.start(data, mongoPort)),
                inBackground("Kafka on 127.0.0.1:" + kafkaPort + " (controller " + kafkaControllerPort + ")",
                        () -> LocalKafka.start(data, kafkaPort, kafkaControllerPort, partitions)));
    }

    /**
     * Returns once both answer; otherwise throws an {@link IllegalStateException} that names the one that did not
     * start, where, and why (a port in use, say), with the original as its cause.
     */
    void awaitStarted() {
        try {
            CompletableFuture.allOf(mongo, kafka).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IllegalStateException named ? named : e;
        }
    }

    /** Stops whichever started (waiting for one still starting), Kafka first. */
    @Override
    public void close() {
        closeWhenStarted(kafka);
        closeWhenStarted(mongo);
    }

    private static void closeWhenStarted(CompletableFuture<? extends AutoCloseable> starting) {
        AutoCloseable started;
        try {
            started = starting.join();
        } catch (CompletionException | java.util.concurrent.CancellationException failed) {
            return; // never started: nothing to stop
        }
        try {
            started.close();
        } catch (Exception e) {
            LocalRun.say("  could not stop " + started.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private interface Start<T> {
        T start() throws IOException;
    }

    private static <T> CompletableFuture<T> inBackground(String what, Start<T> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.start());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(new IllegalStateException(what + " did not start: " + e, e));
            } catch (Error e) {
                result.completeExceptionally(e);
            }
        }, "starting " + what);
        thread.start();
        return result;
    }
}
