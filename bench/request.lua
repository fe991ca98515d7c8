-- wrk script for bench/pages: one page, signed in with a session cookie, over "HTTPS" at the proxy.
-- bench/pages sets the environment variables; the POST body and CSRF token come from a real form.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["User-Agent"] = "mallard-bench"
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
if wrk.method == "POST" then
  local origin = os.getenv("BENCH_ORIGIN")
  wrk.headers["Origin"] = origin
  wrk.headers["Referer"] = origin .. wrk.path
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF") or ""
  wrk.body = os.getenv("BENCH_BODY") or ""
end

-- Count answers with another status than expected, so a page that starts redirecting to the
-- sign-in page (or failing) is noticed. Each wrk thread has its own Lua state; done() adds them up.
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
unexpected = 0
response = function(status, headers, body)
  if status ~= expect then
    unexpected = unexpected + 1
  end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("unexpected") or 0)
  end
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "unexpected=%d p50_us=%d p95_us=%d p99_us=%d mean_us=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, bad,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
