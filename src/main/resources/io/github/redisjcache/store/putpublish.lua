-- A put that listeners hear, when one SET gives the entry its time to live and no shadow is kept: mutate.lua's
-- change with condition 'a' and action 's', as one SET ... GET and one PUBLISH. It exists for its cost: every put
-- runs it while some JVM listens to the cache, and mutate.lua's arguments and functions for other changes cost Redis
-- more than the commands themselves.
--
-- KEYS[1] the entry key
-- ARGV[1] the new value bytes
-- ARGV[2] the SET's time to live: milliseconds (PX), 0 eternal, -1 KEEPTTL (eternal when created, kept when updated)
-- ARGV[3] the event channel
-- ARGV[4] the origin id carried by the event
-- ARGV[5] 's' to publish with SPUBLISH (Redis Cluster), anything else PUBLISH
-- ARGV[6] 'o' when some listener wants old values
-- ARGV[7] 'b' when the caller needs no old value: the reply is the bare outcome
--
-- Returns what mutate.lua returns for the same change: the outcome, 1 created or 2 updated, bare or as
-- { outcome, old value or false, false }. The event message is mutate.lua's.
local key, value, ttl, origin = KEYS[1], ARGV[1], ARGV[2], ARGV[4]

local old
if ttl == '-1' then
  old = redis.call('SET', key, value, 'KEEPTTL', 'GET')
elseif ttl == '0' then
  old = redis.call('SET', key, value, 'GET')
else
  old = redis.call('SET', key, value, 'PX', ttl, 'GET')
end

local message
if old and ARGV[6] == 'o' then
  message = struct.pack('>Bc1i4c0i4c0i4c0i4c0', 1, 'U', #origin, origin, #key, key, #value, value, #old, old)
else
  message = struct.pack('>Bc1i4c0i4c0i4c0i4', 1, old and 'U' or 'C', #origin, origin, #key, key, #value, value,
    -1)
end
if ARGV[5] == 's' then
  redis.call('SPUBLISH', ARGV[3], message)
else
  redis.call('PUBLISH', ARGV[3], message)
end

local outcome = old and 2 or 1
if ARGV[7] == 'b' then
  return outcome
end
return { outcome, old, false }
