-- wrk script: every thread is one device of the office, with its own session
-- token, device id and seq counter (run with as many threads as connections,
-- `wrk -t N -c N`, so a thread's requests go out one after the other and its
-- seqs arrive in order). Each request pushes LOAD_BATCH new client records,
-- one field each, stamped now, with fresh record ids.
--
-- Environment: LOAD_TOKENS (file, one session token a line), LOAD_RUN (a tag
-- that makes device ids unique per run), LOAD_BATCH (changes per push).
-- done() prints one line `LOAD push key=value …` for bench/load.sh.

local threads = {}
local tokens = nil

function setup(thread)
  if tokens == nil then
    tokens = {}
    for line in io.lines(os.getenv("LOAD_TOKENS")) do
      tokens[#tokens + 1] = line
    end
    assert(#tokens > 0, "no tokens in " .. os.getenv("LOAD_TOKENS"))
  end
  local n = #threads + 1
  threads[n] = thread
  thread:set("number", n)
  thread:set("token", tokens[(n - 1) % #tokens + 1])
  thread:set("device", string.format("load-%s-%03d", os.getenv("LOAD_RUN") or "run", n))
end

-- Per thread (each has its own Lua state).
local seq = 0
local counter = 0
local batch = tonumber(os.getenv("LOAD_BATCH") or "10")
non2xx = 0
accepted = 0
duplicates = 0

function init(args)
  math.randomseed(os.time() * 1000 + number)
  -- A few draws first: LuaJIT's first numbers after seeding are close.
  for _ = 1, 10 do math.random() end
end

local function hex16()
  return string.format("%04x", math.random(0, 0xffff))
end

local function uuid_v4()
  return hex16() .. hex16() .. "-" .. hex16() .. "-"
    .. string.format("4%03x", math.random(0, 0xfff)) .. "-"
    .. string.format("%04x", 0x8000 + math.random(0, 0x3fff)) .. "-"
    .. hex16() .. hex16() .. hex16()
end

function request()
  local ms = os.time() * 1000
  local changes = {}
  for i = 1, batch do
    seq = seq + 1
    counter = counter + 1
    changes[i] = string.format(
      '{"device_id":"%s","seq":%d,"record_id":"%s","kind":"client","writes":[{"field":"name",'
        .. '"value":"負荷試験 利用者 %d-%d","stamp":{"ms":%d,"counter":%d,"device":"%s"},"replaces":[]}]}',
      device, seq, uuid_v4(), number, seq, ms, counter, device)
  end
  local body = '{"changes":[' .. table.concat(changes, ",") .. "]}"
  return wrk.format("POST", "/api/sync/push", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["x-renkei-protocol"] = "1",
  }, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write(string.format("push %s: HTTP %d %s\n", device, status, body))
    end
    return
  end
  accepted = accepted + tonumber(body:match('"accepted":(%d+)') or "0")
  duplicates = duplicates + tonumber(body:match('"duplicates":(%d+)') or "0")
end

function done(summary, latency, requests)
  local non2xx_total, accepted_total, duplicates_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    accepted_total = accepted_total + thread:get("accepted")
    duplicates_total = duplicates_total + thread:get("duplicates")
  end
  local e = summary.errors
  io.write(string.format(
    "LOAD push seconds=%.3f requests=%d changes=%d duplicates=%d non2xx=%d "
      .. "socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.duration / 1e6, summary.requests, accepted_total, duplicates_total, non2xx_total,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
