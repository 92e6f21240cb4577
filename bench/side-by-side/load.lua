-- One saturation phase of the side-by-side benchmark (run with -t1: one Lua state holds the pool for all connections).
-- wrk -t1 -c16 -d<cap>s -s load.lua <base> -- METHOD PATH AUTH BODY POOL ROTATE OUT WARM EXPECT SECONDS
--   METHOD, PATH  the request; AUTH the Authorization header value ("-": none)
--   BODY          form body, "{}" is replaced by a value taken from POOL ("-": no body)
--   POOL          file of one-time values, one a line (codes, refresh tokens; "-": none); the phase stops when it
--                 has run dry and every request drawn from it has its answer (connections left without a value
--                 meanwhile fetch the discovery document, which is not counted)
--   ROTATE        JSON member of a 200 answer put back into the pool (the rotated refresh token; "-": none)
--   OUT           file the values left in the pool are written to at the end, for the next phase ("-": none)
--   WARM          N > 0: a warm-up, stopped as soon as two consecutive 5 s windows agree within 10 % once N seconds
--                 have passed (the -d value is the cap); "0": not a warm-up
--   EXPECT        text a 200 answer must contain to count as accepted ("-": any 200)
--   SECONDS       the phase's length; then (or once warm) no new request is drawn, and the phase stops when every
--                 request sent has its answer: no rotated refresh token is lost in flight (-d is only a cap)
-- Prints one line: RESULT ok=<2xx answers accepted> failed=<others> micros=<phase length> windows=<req/s,...>
-- (the phase length runs from the first request to the last answer counted: wrk's own runtime is always -d)
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
  int getpid(void);
  int kill(int pid, int sig);
]]
local now_buffer = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, now_buffer)
  return tonumber(now_buffer.tv_sec) + tonumber(now_buffer.tv_nsec) / 1e9
end

local WINDOW = 5
local FILLER = "/auth/realms/esante-wallet/.well-known/openid-configuration"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  method, path, auth, body, pool_file, rotate, out_file, warm, expect, seconds = unpack(args)
  seconds = tonumber(seconds)
  pool, head, tail = {}, 1, 0
  if pool_file ~= "-" then
    for line in io.lines(pool_file) do
      if line ~= "" then
        tail = tail + 1
        pool[tail] = line
      end
    end
  end
  ok, failed, stopped, sent, dry = 0, 0, false, 0, false
  verified = false
  started = now()
  finished = started
  windows, window_start, window_count = {}, started, 0
  if rotate ~= "-" then
    rotate_pattern = '"' .. rotate .. '"%s*:%s*"([^"]+)"'
  end
end

-- the thread stops, and SIGINT ends wrk's main thread's sleep of -d seconds (wrk's handler for ^C)
local function stop()
  if not stopped then
    stopped = true
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), 2)
  end
end

function request()
  if not verified then
    verified = true
    return wrk.format("GET", FILLER) -- wrk's own first call only parses the request (pipelining): never sent
  end
  if not dry and now() - started >= seconds then
    dry = true
  end
  if dry then
    return wrk.format("GET", FILLER)
  end
  local headers = {}
  if auth ~= "-" then
    headers["Authorization"] = auth
  end
  local payload = nil
  if body ~= "-" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    payload = body
    if pool_file ~= "-" then
      if head > tail then
        -- codes: the phase is over once they are answered; refresh tokens come back with the answers in flight
        if not rotate_pattern then
          dry = true
        end
        return wrk.format("GET", FILLER)
      end
      local value = pool[head]
      pool[head] = nil
      head = head + 1
      payload = body:gsub("{}", function() return value end)
    end
  end
  sent = sent + 1
  return wrk.format(method, path, headers, payload)
end

function response(status, headers, answer)
  if answer:find('"jwks_uri"', 1, true) then
    if dry and ok + failed >= sent then
      stop()
    end
    return -- a connection waiting while the pool was dry
  end
  local accepted = status == 200 and (expect == "-" or answer:find(expect, 1, true) ~= nil)
  if accepted and rotate_pattern then
    local rotated = answer:match(rotate_pattern)
    if rotated then
      tail = tail + 1
      pool[tail] = rotated
    else
      accepted = false
    end
  end
  if stopped then
    return -- answers still arriving after the stop keep their rotated token in the pool, uncounted
  end
  if accepted then ok = ok + 1 else failed = failed + 1 end
  window_count = window_count + 1
  local t = now()
  finished = t
  if dry and ok + failed >= sent then
    stop()
    return
  end
  if t - window_start >= WINDOW then
    local rate = window_count / (t - window_start)
    local previous = windows[#windows]
    table.insert(windows, math.floor(rate + 0.5))
    window_start, window_count = t, 0
    if tonumber(warm) > 0 and t - started >= tonumber(warm) and previous
        and math.abs(rate - previous) <= 0.10 * math.max(rate, previous) then
      dry = true
    end
  end
end

-- runs in wrk's main Lua state: the counters, the pool and the windows are copied from the thread's state
function done(summary, latency, requests)
  local thread = threads[1]
  local ok_count, failed_count = thread:get("ok"), thread:get("failed")
  local out = thread:get("out_file")
  if out ~= "-" then
    local pool_copy, first, last = thread:get("pool"), thread:get("head"), thread:get("tail")
    local file = io.open(out, "w")
    for i = first, last do
      if pool_copy[i] then
        file:write(pool_copy[i], "\n")
      end
    end
    file:close()
  end
  local rates = thread:get("windows")
  local micros = (thread:get("finished") - thread:get("started")) * 1e6
  io.write(string.format("RESULT ok=%d failed=%d micros=%d windows=%s\n", ok_count, failed_count, micros,
    table.concat(rates, ",")))
end
