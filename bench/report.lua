-- wrk report: the figures bench/common.py reads, as one line of JSON. Latencies in µs.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.1f, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"bad_status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
