package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/wrk/?.lua"
require "common"
-- 90 % reads (event or status), 10 % reaction writes
request = function()
  local roll = math.random(1, 100)
  if roll <= 10 then return put_reaction() end
  if roll <= 55 then return get_event() end
  return get_status()
end
