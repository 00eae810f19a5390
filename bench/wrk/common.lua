-- Shared by the scenarios: ids of the data set that bench/load.py creates, and the API key header.
EVENTS = tonumber(os.getenv("BENCH_EVENTS") or "10000")
GUILDS = tonumber(os.getenv("BENCH_GUILDS") or "100")
MEMBERS = tonumber(os.getenv("BENCH_MEMBERS") or "1000")
KEY = os.getenv("BENCH_API_KEY") or ""
-- Ids are built as text: LuaJIT's numbers are doubles, which cannot hold 19-digit ids exactly.
-- message i = 1300000000000000000 + i, user j of guild g = 1200000000000000000 + g * MEMBERS + j (as bench/load.py)

-- Every thread of every wrk process gets its own random sequence: LuaJIT starts each Lua state with the same seed,
-- so without this all threads would ask for the same events in the same order. BENCH_SEED tells wrk processes apart.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function init(args)
  math.randomseed(tonumber(os.getenv("BENCH_SEED") or "0") * 1000 + (thread_number or 0))
end

headers = {["Content-Type"] = "application/json"}
if KEY ~= "" then headers["Authorization"] = "Bearer " .. KEY end

function random_event()
  return math.random(0, EVENTS - 1)
end

function message_id(i)
  return "1300000000000" .. string.format("%06d", i)
end

function member_of_event(i)
  local guild = i % GUILDS
  return "12000000000" .. string.format("%08d", guild * MEMBERS + math.random(0, MEMBERS - 1))
end

function get_event() return wrk.format("GET", "/api/v1/events/" .. message_id(random_event()), headers) end
function get_status() return wrk.format("GET", "/api/v1/events/" .. message_id(random_event()) .. "/status", headers) end
function put_reaction()
  local i = random_event()
  local emojis = {"✅", "❌", "❓"}
  return wrk.format("PUT", "/api/v1/events/" .. message_id(i) .. "/reactions/" .. member_of_event(i), headers,
    '{"emoji":"' .. emojis[math.random(1, 3)] .. '"}')
end

-- One machine-readable line for bench/run: throughput, latency percentiles (µs), and every kind of error
-- (non-2xx/3xx answers, connection errors and timeouts).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status))
end
