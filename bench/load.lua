-- wrk script for the load test: each connection requests the pages given after `--` in
-- turn, and the 5xx answers are counted. Prints one line of JSON at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths, next_path, server_errors = args, 0, 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("server_errors")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50": %d, "p99": %d, "server_errors": %d, ' ..
    '"bad_status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), total,
    errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
