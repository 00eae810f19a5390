package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/wrk/?.lua"
require "common"
-- Replaces the member list of one benchmark guild with 5,000 members (4,000 kept of the last call, 1,000 new).
local round = 0
request = function()
  round = round + 1
  local parts = {}
  local offset = (round % 5) * 1000
  for j = 0, 4999 do
    parts[#parts + 1] = string.format('{"userId":"15000000000000%05d","username":"m%d"}', offset + j, j)
  end
  return wrk.format("PUT", "/api/v1/guilds/1500000000000000000/users", headers, "[" .. table.concat(parts, ",") .. "]")
end
