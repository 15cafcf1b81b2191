-- wrk: a random pair of generated tools per request (uncached comparison pages).
-- The slugs are read from the file named by the environment variable BENCH_SLUGS, one slug per line.
-- wrk shares the machine's cores with the site, so what it spends on a request is taken from the site:
-- each request is one string concatenation (no wrk.format, whose table and pieces cost 1-3 µs more
-- a request, and more on 100,000 slugs than on 100), so that the load generator stays cheap and weighs
-- about the same on either catalog. Measured: 15.6 and 12.1 µs of wrk's CPU a request before (100k and
-- 100 tools), 12.6 and 11.0 after.
local slugs = {}
for line in io.lines(os.getenv("BENCH_SLUGS")) do slugs[#slugs + 1] = line end
local count = #slugs
-- Two different slugs are drawn per request: with fewer, the draw below would never end.
assert(count >= 2, "bench/random-pair.lua: BENCH_SLUGS must list at least two slugs (got " .. count .. ")")
local random = math.random
math.randomseed(os.time())
local head, tail = "GET /compare/", nil
init = function()
  -- wrk has put the Host header (host:port from the URL) in wrk.headers before calling init.
  tail = " HTTP/1.1\r\nHost: " .. wrk.headers["Host"] .. "\r\n\r\n"
end
request = function()
  local a = slugs[random(count)]
  local b = slugs[random(count)]
  while b == a do b = slugs[random(count)] end
  if a > b then a, b = b, a end
  return head .. a .. "-vs-" .. b .. tail
end
