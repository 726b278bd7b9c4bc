-- wrk script of `make bench`: prints one line, "WRK_JSON {...}", with the request count,
-- duration, errors and latency percentiles (microseconds) of the run.
-- Optional argument after "--": a quota of responses per thread, after which the thread
-- stops (the long-run memory check sends a fixed number of requests this way).

local quota = 0
local seen = 0

function init(args)
  quota = tonumber(args[1] or "0") or 0
  if quota > 0 then
    -- Defined only when needed: without a response() wrk skips parsing responses.
    response = function(status, headers, body)
      seen = seen + 1
      if seen >= quota then
        wrk.thread:stop()
      end
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
