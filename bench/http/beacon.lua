-- wrk script for the view beacon: POSTs from many distinct readers, so the per-visitor rate limit stays on and is
-- never hit. Each request comes from another address (X-Forwarded-For, which article-service takes from a trusted
-- local proxy) with a browser's User-Agent; addresses run through 10.0.0.0/8 from a per-thread starting point.
local counter = 0
local threads = {}
thread_base = 0 -- set per thread by setup() (a global: thread:set writes globals)

function setup(thread)
  thread:set("thread_base", #threads * 4000000)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      .. "Chrome/120.0 Safari/537.36"
  wrk.headers["Accept-Language"] = "zh-CN,zh;q=0.9"
  wrk.body = '{"referrer":"http://localhost/bench"}'
end

function request()
  counter = counter + 1
  local n = (thread_base + counter) % 16777216
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  wrk.headers["X-Forwarded-For"] = ip
  return wrk.format()
end
