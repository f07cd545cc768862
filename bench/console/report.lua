-- wrk script for bench/console.sh: sends the bearer token in BENCH_TOKEN (when set) and prints one machine-readable
-- line: requests/s, p50 and p99 latency (ms), total requests, non-2xx/3xx, socket errors.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1000000),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, summary.errors.status, errors))
end
