-- wrk: Zipf-popular comparison pages, and optionally community votes on Zipf-popular tools.
-- BENCH_SLUGS names the slug list (one a line). The tools are ranked by a fixed, seeded shuffle of that
-- list (the same ranking in every run and on every machine), and tool k of N is drawn with probability
-- proportional to 1 / k^s (BENCH_ZIPF_S, default 1.1). A pair is two independent draws, drawn again
-- when equal, its slugs in ordinal order: the URL the site answers with 200.
-- BENCH_VOTE_SHARE (default 0) is the share of requests that are instead a form post of a vote on a
-- drawn tool (POST /votes/{slug}, a new voter each time: no cookie). Without Accept: application/json
-- the site answers 303. done() prints "votes sent: N". The acknowledged votes are counted by the site
-- (aicompare_votes_recorded_total on /metrics), not here: a response() function makes wrk hand every
-- response, whole pages included, to Lua, and on cores shared with the site that costs wrk so much of
-- its rate that the run would measure wrk rather than the site (docs/performance.md has the measurement).
-- wrk shares the cores with the site: the CDF is built once, a draw is a binary search over it, and a
-- page request is one string concatenation (see random-pair.lua).
local slugs = {}
for line in io.lines(os.getenv("BENCH_SLUGS")) do slugs[#slugs + 1] = line end
local count = #slugs
assert(count >= 2, "bench/zipf.lua: BENCH_SLUGS must list at least two slugs (got " .. count .. ")")
local s = tonumber(os.getenv("BENCH_ZIPF_S") or "1.1")
local share = tonumber(os.getenv("BENCH_VOTE_SHARE") or "0")

-- The ranking: a Fisher-Yates shuffle from a fixed seed, so that the popular tools are the same each run.
math.randomseed(19)
for i = count, 2, -1 do
  local j = math.random(i)
  slugs[i], slugs[j] = slugs[j], slugs[i]
end

-- cdf[k] = the weight of ranks 1..k, normalised so that cdf[count] is 1.
local cdf, total = {}, 0
for k = 1, count do
  total = total + k ^ -s
  cdf[k] = total
end
for k = 1, count do cdf[k] = cdf[k] / total end

-- The draws themselves differ from run to run (a warm-up and the run after it must not repeat each other).
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local random = math.random

local function draw()
  local u = random()
  local lo, hi = 1, count
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return slugs[lo]
end

local head, tail = "GET /compare/", nil
local vote_head = "POST /votes/"
local vote_tail = nil
init = function()
  -- wrk has put the Host header (host:port from the URL) in wrk.headers before calling init.
  local host = wrk.headers["Host"]
  tail = " HTTP/1.1\r\nHost: " .. host .. "\r\n\r\n"
  -- The headers of bench/vote.lua but Accept: a browser's form post, answered with a redirect.
  vote_tail = " HTTP/1.1\r\nHost: " .. host .. "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    .. "Sec-Fetch-Site: same-origin\r\nContent-Length: 12\r\n\r\n"
end

sent = 0
request = function()
  if share > 0 and random() < share then
    sent = sent + 1
    -- "verdict=ship" and "verdict=skip" are both 12 bytes long.
    return vote_head .. draw() .. vote_tail .. (random(2) == 1 and "verdict=ship" or "verdict=skip")
  end
  local a = draw()
  local b = draw()
  while b == a do b = draw() end
  if a > b then a, b = b, a end
  return head .. a .. "-vs-" .. b .. tail
end

-- The count is a global of each thread's Lua state; done() runs in another state and asks each thread.
-- A vote request made when wrk stopped may never have been sent: "sent" is an upper bound.
if share > 0 then
  local threads = {}
  setup = function(thread) threads[#threads + 1] = thread end
  done = function()
    local n = 0
    for _, thread in ipairs(threads) do n = n + thread:get("sent") end
    io.write("votes sent: " .. n .. "\n")
  end
end
