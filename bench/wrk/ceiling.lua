package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/wrk/?.lua"
require "common"
request = function() return wrk.format("GET", "/bench/ceiling", headers) end
