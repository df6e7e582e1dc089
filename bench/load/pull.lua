-- wrk script: every thread is one device paging through the office's change
-- log with its own token and cursor (`wrk -t N -c N`, one connection a
-- thread, so each page is asked for after the previous one arrived). The
-- threads start spread over the log; at its end a device starts over from
-- cursor 0, like a newly set-up device.
--
-- Environment: LOAD_TOKENS (file, one session token a line), LOAD_TOTAL
-- (changes in the log), LOAD_THREADS (wrk's -t), LOAD_PULL_LIMIT (page
-- size).
-- done() prints one line `LOAD pull key=value …` for bench/load.sh.

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
  local total = tonumber(os.getenv("LOAD_TOTAL") or "0")
  local count = tonumber(os.getenv("LOAD_THREADS") or "1")
  thread:set("token", tokens[(n - 1) % #tokens + 1])
  thread:set("since", math.floor(total * (n - 1) / count))
end

-- Per thread (each has its own Lua state); `token` and `since` come from
-- setup().
local limit = tonumber(os.getenv("LOAD_PULL_LIMIT") or "500")
non2xx = 0
changes = 0
bad_pages = 0

function request()
  return wrk.format("GET", string.format("/api/sync/pull?since=%d&limit=%d", since, limit), {
    ["Authorization"] = "Bearer " .. token,
    ["x-renkei-protocol"] = "1",
  })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write(string.format("pull since=%d: HTTP %d %s\n", since, status, body))
    end
    return
  end
  -- `next` and `more` close the answer: look only at its tail.
  local tail = body:sub(-80)
  local next_cursor = tonumber(tail:match('"next":(%d+)'))
  local more = tail:match('"more":(%a+)')
  local count, from = 0, 1
  while true do
    local at = body:find('"cursor":', from, true)
    if at == nil then break end
    count = count + 1
    from = at + 9
  end
  -- Cursors are gap-free: a page from `since` ends at since + count.
  if next_cursor == nil or next_cursor ~= since + count then
    bad_pages = bad_pages + 1
  end
  changes = changes + count
  if more == "true" and next_cursor ~= nil then
    since = next_cursor
  else
    since = 0
  end
end

function done(summary, latency, requests)
  local non2xx_total, changes_total, bad_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    changes_total = changes_total + thread:get("changes")
    bad_total = bad_total + thread:get("bad_pages")
  end
  local e = summary.errors
  io.write(string.format(
    "LOAD pull seconds=%.3f requests=%d changes=%d bad_pages=%d non2xx=%d "
      .. "socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.duration / 1e6, summary.requests, changes_total, bad_total, non2xx_total,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
