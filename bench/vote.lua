-- wrk: community votes, each from a new voter (no cookie), on random generated tools.
local slugs = {}
for line in io.lines(os.getenv("BENCH_SLUGS")) do slugs[#slugs + 1] = line end
math.randomseed(os.time())
request = function()
  local slug = slugs[math.random(#slugs)]
  local verdict = (math.random(2) == 1) and "ship" or "skip"
  return wrk.format("POST", "/votes/" .. slug, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Sec-Fetch-Site"] = "same-origin", ["Accept"] = "application/json" }, "verdict=" .. verdict)
end
