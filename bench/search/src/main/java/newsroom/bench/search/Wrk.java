package newsroom.bench.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code wrk} against two paths of the same server, one after the other, with the same settings. */
final class Wrk {

    /** One connection per core: latency, not a queue in front of a saturated server. */
    private static final int CONNECTIONS = 2;
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Wrk() {
    }

    static void compare(int port, List<String> searchPaths, int seconds) throws IOException, InterruptedException {
        if (!installed()) {
            SearchBench.say("wrk is not installed: HTTP comparison skipped (bench/search.sh installs it)");
            return;
        }
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String path : searchPaths) {
            lua.append("  \"").append(path).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                + "  return wrk.format(\"GET\", paths[i])\nend\n");
        Path script = Files.createTempFile("search-bench-", ".lua");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        String base = "http://127.0.0.1:" + port;
        // Warm the HTTP path (JIT of controller and JSON) before either measured run.
        run(base, script, Math.max(3, seconds / 2));
        SearchBench.say("HTTP, wrk -t1 -c%d -d%ds, the same server:", CONNECTIONS, seconds);
        report("/actuator/health/liveness", run(base + "/actuator/health/liveness", null, seconds));
        report("/api/search (rotating)", run(base, script, seconds));
        Files.deleteIfExists(script);
    }

    private static void report(String label, String output) {
        Matcher rate = RATE.matcher(output);
        StringBuilder line = new StringBuilder(String.format("  %-28s", label));
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double ms = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            line.append(String.format("  p%s %7.2f ms", percentile.group(1), ms));
        }
        line.append(rate.find() ? String.format("  %,10.0f req/s", Double.parseDouble(rate.group(1))) : "  (no rate)");
        SearchBench.say("%s", line);
        if (output.contains("Non-2xx")) {
            SearchBench.say("  ! wrk saw non-2xx answers: %s", output.lines().filter(l -> l.contains("Non-2xx"))
                    .findFirst().orElse(""));
        }
    }

    private static String run(String url, Path script, int seconds) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("wrk", "-t1", "-c" + CONNECTIONS,
                "-d" + seconds + "s", "--latency"));
        if (script != null) {
            command.add("-s");
            command.add(script.toString());
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return output;
    }

    private static boolean installed() throws InterruptedException {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
