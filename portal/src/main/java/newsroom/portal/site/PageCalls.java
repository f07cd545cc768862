package newsroom.portal.site;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.ServiceUnavailableException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs a page's remaining service calls side by side (on a small pool, with the request's trace context), each
 * awaited no longer than the page's deadline: connect plus read timeout from when the page started, so a page with
 * three calls waits for the slowest, not for their sum. A call still running at the deadline counts as failed.
 * Only pages that are being rendered call out (a kept page calls nothing), so the pool stays small.
 */
@Component
class PageCalls implements DisposableBean {

    private final ExecutorService pool;
    private final Duration deadline;

    PageCalls(PortalProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(256), runnable -> {
                    Thread thread = new Thread(runnable, "page-call-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                // A full queue runs the call on the request's own thread: slower, never refused.
                new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        this.pool = ContextExecutorService.wrap(executor, ContextSnapshotFactory.builder().build());
        this.deadline = properties.getServices().getConnectTimeout().plus(properties.getServices().getReadTimeout());
    }

    /** The deadline of a page starting now, in {@link System#nanoTime()} terms. */
    long deadlineFromNow() {
        return System.nanoTime() + deadline.toNanos();
    }

    <T> Future<T> start(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, pool);
    }

    /**
     * The call's result.
     *
     * @throws ServiceUnavailableException when it did not finish by the deadline (named after {@code service})
     * @throws RuntimeException            what the call threw
     */
    <T> T await(Future<T> call, long deadlineNanos, String service) {
        try {
            return call.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ServiceUnavailableException(service, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, e);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
