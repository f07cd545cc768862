import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publishing benchmark's client (run by bench/publish.sh with `java PublishBench.java`: JDK only, no build).
 * Against a running Newsroom it measures, in one run on one machine:
 * <ol>
 *   <li>publishing throughput, each of the two ways ({@link Way}): C clients, each signed in once as an editor (a
 *       bearer token), each publishing N new articles back to back, after a warm-up round of each way;</li>
 *   <li>publish → listed, each way: one article at a time, the time from the publish response to the article
 *       showing in its category's listing at category-service (polled every half millisecond);</li>
 *   <li>an authenticated editorial GET (bearer) against the same server's liveness probe, one request at a time.</li>
 * </ol>
 * Arguments: articleServiceUrl categoryServiceUrl adminPassword clients articlesPerClient warmupPerClient
 * listedSamples getSamples [name=pid ...]: for each named process, the CPU time it spent per article during the
 * measured round is printed too (where the time goes). A name starting with {@code also:} (the portal) is printed
 * after the total, not in it, as is this client's own CPU: they share the two cores with the services, but the
 * totals stay comparable with earlier rounds, which counted the four processes doing the publishing.
 */
public class PublishBench {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static String articles;
    static String categories;

    public static void main(String[] args) throws Exception {
        articles = args[0];
        categories = args[1];
        String adminPassword = args[2];
        int clients = Integer.parseInt(args[3]);
        int perClient = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int listedSamples = Integer.parseInt(args[6]);
        int getSamples = Integer.parseInt(args[7]);

        String admin = signIn("admin", adminPassword);
        String category = createCategory(admin, "bench-" + System.currentTimeMillis());
        String listedCategory = createCategory(admin, "bench-listed-" + System.currentTimeMillis());
        String[] tokens = new String[clients];
        for (int i = 0; i < clients; i++) {
            tokens[i] = signIn("editor", "newsroom-editor");
        }
        awaitCategoryKnown(tokens[0], category);
        awaitCategoryKnown(tokens[0], listedCategory);

        List<String[]> processes = new ArrayList<>();
        for (int i = 8; i < args.length; i++) {
            processes.add(args[i].split("=", 2));
        }
        if (!processes.isEmpty()) {
            processes.add(new String[] {"also:this bench client", String.valueOf(ProcessHandle.current().pid())});
        }
        System.out.printf("Warm-up: %d clients x %d articles, each way ...%n", clients, warmup);
        for (Way way : Way.values()) {
            runClients(way, tokens, category, warmup, "warmup");
        }
        List<Round> rounds = new ArrayList<>();
        for (Way way : Way.values()) {
            System.out.printf("Measured: %d clients x %d articles (%s, bearer tokens) ...%n", clients, perClient,
                    way.label);
            rounds.add(measure(way, tokens, category, perClient, processes));
        }
        long[][] listed = new long[Way.values().length][];
        for (Way way : Way.values()) {
            System.out.printf("Publish -> listed (%s): %d articles one at a time ...%n", way.label, listedSamples);
            listed[way.ordinal()] = publishToListed(way, tokens[0], listedCategory, listedSamples);
        }

        System.out.printf("Editorial GET vs liveness: %d requests each, one at a time ...%n", getSamples);
        String someArticle = Way.ONE_CALL.publish(tokens[0], category, "bench-get")[0];
        long[] liveness = sequentialGets(articles + "/actuator/health/liveness", null, getSamples);
        long[] editorial = sequentialGets(articles + "/api/editorial/articles/" + someArticle, tokens[0],
                getSamples);

        System.out.println();
        System.out.println("=== Newsroom publishing benchmark ===");
        for (Round round : rounds) {
            long[] all = round.perArticle;
            System.out.printf("%-16s %d clients, %d articles in %.2f s: %.1f articles/s "
                    + "(per article: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms)%n", round.way.label, clients,
                    all.length, round.seconds, round.throughput(), ms(all, 50), ms(all, 90), ms(all, 99));
            StringBuilder cpu = new StringBuilder();
            StringBuilder also = new StringBuilder();
            long totalCpu = 0;
            for (int i = 0; i < processes.size(); i++) {
                String name = processes.get(i)[0];
                String figure = String.format("%s %.2f ms", name.replaceFirst("^also:", ""),
                        round.cpu[i] / 1e6 / all.length);
                if (name.startsWith("also:")) {
                    also.append(also.isEmpty() ? "" : ", ").append(figure);
                } else {
                    totalCpu += round.cpu[i];
                    cpu.append(figure).append(", ");
                }
            }
            if (!processes.isEmpty()) {
                System.out.printf("  CPU per article: %stotal %.2f ms -> at most %.0f articles/s per core busy; "
                        + "besides: %s%n", cpu, totalCpu / 1e6 / all.length, all.length / (totalCpu / 1e9), also);
            }
            long[] m = round.machine;
            if (m.length == 3 && m[0] + m[1] + m[2] > 0) {
                // Whether the round was bound by the cores (busy near 100 %) or by waiting (idle left over).
                double all3 = m[0] + m[1] + m[2];
                System.out.printf("  machine: %d cores %.0f %% busy, %.0f %% idle, %.0f %% stolen by the host%n",
                        Runtime.getRuntime().availableProcessors(), 100 * m[0] / all3, 100 * m[1] / all3,
                        100 * m[2] / all3);
            }
        }
        for (Way way : Way.values()) {
            long[] l = listed[way.ordinal()];
            System.out.printf("publish->listed (%s) %d samples: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%n", way.label, l.length, ms(l, 50), ms(l, 90), ms(l, 99), ms(l, 100));
        }
        System.out.printf("GET (sequential) %-28s p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                "liveness (baseline):", ms(liveness, 50), ms(liveness, 90), ms(liveness, 99));
        System.out.printf("GET (sequential) %-28s p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                "editorial article, bearer:", ms(editorial, 50), ms(editorial, 90), ms(editorial, 99));
        long[] listedOne = listed[Way.ONE_CALL.ordinal()];
        long[] listedTwo = listed[Way.TWO_CALLS.ordinal()];
        System.out.printf("RESULT throughput_one_call=%.1f throughput_two_calls=%.1f listed_p50=%.1f "
                + "listed_p99=%.1f listed_two_calls_p50=%.1f listed_two_calls_p99=%.1f get_p50=%.2f "
                + "liveness_p50=%.2f%n", rounds.get(Way.ONE_CALL.ordinal()).throughput(),
                rounds.get(Way.TWO_CALLS.ordinal()).throughput(), ms(listedOne, 50), ms(listedOne, 99),
                ms(listedTwo, 50), ms(listedTwo, 99), ms(editorial, 50), ms(liveness, 50));
    }

    /**
     * The two ways an editor publishes new copy: the workflow's two calls (write a draft, then publish it), and one
     * call that writes and publishes ({@code POST /api/editorial/articles?publish=true}, like WordPress's
     * {@code status: publish}, which is how its 47–53 posts/s here were measured).
     */
    enum Way {
        ONE_CALL("create published"), TWO_CALLS("create+publish");

        final String label;

        Way(String label) {
            this.label = label;
        }

        /** Publishes a new article this way; returns {id, publish response time in nanos}. */
        String[] publish(String token, String category, String title) throws Exception {
            String body = "{\"title\":\"" + title + "\",\"summary\":\"基准测试\",\"body\":\"<p>基准测试正文 "
                    + title + "</p>\",\"source\":\"bench\",\"categoryId\":\"" + category + "\"}";
            if (this == ONE_CALL) {
                Response created = send("POST", articles + "/api/editorial/articles?publish=true", token, body);
                expect(created, 201);
                return new String[] {match(ID, created.body()), Long.toString(System.nanoTime())};
            }
            Response created = send("POST", articles + "/api/editorial/articles", token, body);
            expect(created, 201);
            String id = match(ID, created.body());
            Response published = send("POST", articles + "/api/editorial/articles/" + id + "/publish",
                    token, null);
            expect(published, 200);
            return new String[] {id, Long.toString(System.nanoTime())};
        }
    }

    record Round(Way way, long[] perArticle, double seconds, long[] cpu, long[] machine) {
        double throughput() {
            return perArticle.length / seconds;
        }
    }

    static Round measure(Way way, String[] tokens, String category, int perClient, List<String[]> processes)
            throws Exception {
        long[] cpuBefore = processes.stream().mapToLong(p -> cpuNanos(p[1])).toArray();
        long[] machineBefore = machineTicks();
        long started = System.nanoTime();
        long[][] perArticle = runClients(way, tokens, category, perClient, "bench-" + way.name().toLowerCase());
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] cpu = new long[processes.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = cpuNanos(processes.get(i)[1]) - cpuBefore[i];
        }
        long[] machine = machineTicks();
        for (int i = 0; i < machine.length; i++) {
            machine[i] -= machineBefore[i];
        }
        return new Round(way, Arrays.stream(perArticle).flatMapToLong(Arrays::stream).sorted().toArray(), seconds,
                cpu, machine);
    }

    static long[][] runClients(Way way, String[] tokens, String category, int perClient, String prefix)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.length);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < tokens.length; c++) {
            String token = tokens[c];
            String name = prefix + "-" + c;
            futures.add(pool.submit((Callable<long[]>) () -> {
                long[] nanos = new long[perClient];
                for (int i = 0; i < perClient; i++) {
                    long t0 = System.nanoTime();
                    way.publish(token, category, name + "-" + i);
                    nanos[i] = System.nanoTime() - t0;
                }
                return nanos;
            }));
        }
        long[][] result = new long[tokens.length][];
        for (int c = 0; c < tokens.length; c++) {
            result[c] = futures.get(c).get();
        }
        pool.shutdown();
        return result;
    }

    static long[] publishToListed(Way way, String token, String category, int samples) throws Exception {
        long[] latencies = new long[samples];
        String listing = categories + "/api/categories/" + category + "/articles?size=5";
        for (int i = 0; i < samples; i++) {
            String[] published = way.publish(token, category, "bench-listed-" + way.ordinal() + "-" + i);
            long publishedAt = Long.parseLong(published[1]);
            String marker = "\"articleId\":\"" + published[0] + "\"";
            long deadline = publishedAt + Duration.ofSeconds(10).toNanos();
            while (true) {
                Response page = send("GET", listing, null, null);
                long now = System.nanoTime();
                if (page.statusCode() == 200 && page.body().contains(marker)) {
                    latencies[i] = now - publishedAt;
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("article " + published[0] + " not listed within 10 s");
                }
                // Half a millisecond between reads: the result is at most that much late, and the poller does not
                // keep category-service answering listings back to back while its projection works (it did, without
                // a pause, up to session 10).
                LockSupport.parkNanos(500_000);
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    static long[] sequentialGets(String url, String token, int samples) throws Exception {
        for (int i = 0; i < Math.min(500, samples); i++) {
            expect(send("GET", url, token, null), 200); // warm-up
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            expect(send("GET", url, token, null), 200);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The machine's CPU time so far from /proc/stat's first line (Linux; empty elsewhere), in clock ticks: busy, idle
     * (idle and iowait) and steal (time the hypervisor gave another guest).
     */
    static long[] machineTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                    .split("\\s+");
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {user + system, idle, steal};
        } catch (Exception notLinux) {
            return new long[0];
        }
    }

    static long cpuNanos(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(0L);
    }

    static String signIn(String user, String password) throws Exception {
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Response response = exchange("POST", articles + "/api/auth/token", basic, null);
        expect(response, 200);
        return match(TOKEN, response.body());
    }

    static String createCategory(String admin, String slug) throws Exception {
        Response created = send("POST", categories + "/api/categories", admin,
                "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"sortOrder\":9000}");
        expect(created, 201);
        return match(ID, created.body());
    }

    /** article-service learns categories from category-changed; until then a draft in it is a 422. */
    static void awaitCategoryKnown(String token, String category) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response created = send("POST", articles + "/api/editorial/articles", token,
                    "{\"title\":\"bench-probe\",\"body\":\"<p>probe</p>\",\"categoryId\":\"" + category + "\"}");
            if (created.statusCode() == 201) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("category " + category + " never reached article-service: "
                        + created.statusCode() + " " + created.body());
            }
            Thread.sleep(200);
        }
    }

    /** A response as the benchmark reads it. */
    record Response(String method, String url, int statusCode, String body) {
    }

    static Response send(String method, String url, String token, String json) throws IOException {
        return exchange(method, url, token == null ? null : "Bearer " + token, json);
    }

    /**
     * One request on the JDK's blocking {@link HttpURLConnection}, which keeps connections alive between requests of
     * a thread (the body is read to its end, error or not, so the connection goes back to the JDK's keep-alive
     * cache). Not {@code java.net.http.HttpClient}: its asynchronous machinery cost this client 1.3–1.5 ms of CPU a
     * published article (one call) in session 10's runs, on the two cores the measured services also need; this one
     * 0.8 ms.
     */
    static Response exchange(String method, String url, String authorization, String json) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setRequestMethod(method);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        if (json != null) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String body = "";
        if (in != null) {
            try (in) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Response(method, url, status, body);
    }

    static void expect(Response response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.method() + " " + response.url() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }

    static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    static double ms(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = percentile >= 100 ? sorted.length - 1
                : (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
