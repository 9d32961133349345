-- wrk script for bench/load.py: counts the answers that are not 200 and those marked as cache hits
-- (an X-Cache header containing "hit", as the page cache and Varnish mark them), and prints the run as
-- one JSON line. Each wrk thread has its own Lua state: done() adds up the threads' counters.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   not_200 = 0
   hits = 0
end

function response(status, headers, body)
   if status ~= 200 then
      not_200 = not_200 + 1
   end
   for name, value in pairs(headers) do
      if string.lower(name) == "x-cache" and string.find(string.lower(value), "hit", 1, true) then
         hits = hits + 1
      end
   end
end

function done(summary, latency, requests)
   local not_200_total, hits_total = 0, 0
   for _, thread in ipairs(threads) do
      not_200_total = not_200_total + thread:get("not_200")
      hits_total = hits_total + thread:get("hits")
   end
   local errors = summary.errors
   io.write(string.format(
      '\n{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, '
         .. '"status": %d, "timeout": %d, "not_200": %d, "hits": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\n',
      summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
      errors.status, errors.timeout, not_200_total, hits_total,
      latency:percentile(50), latency:percentile(99), latency.max))
end
