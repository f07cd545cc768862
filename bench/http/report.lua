-- Prints one machine-readable line after a wrk run: requests/s, p99 latency (ms), total requests, non-2xx/3xx and
-- socket errors, which bench/http.sh turns into its table.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %d %d %d\n", summary.requests / (summary.duration / 1000000),
      latency:percentile(99) / 1000, summary.requests, summary.errors.status, errors))
end
