-- wrk: a random pair of generated tools per request (uncached comparison pages).
-- SLUGS is read from the file named by the environment variable BENCH_SLUGS, one slug per line.
local slugs = {}
for line in io.lines(os.getenv("BENCH_SLUGS")) do slugs[#slugs + 1] = line end
math.randomseed(os.time())
request = function()
  local a = slugs[math.random(#slugs)]
  local b = slugs[math.random(#slugs)]
  while b == a do b = slugs[math.random(#slugs)] end
  if a > b then a, b = b, a end
  return wrk.format("GET", "/compare/" .. a .. "-vs-" .. b)
end
