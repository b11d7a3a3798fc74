-- Reads one cache entry of a cache whose expiries are being reported: applies the access time to live to the
-- entry and its shadow, or, when the entry has expired and nobody reported it yet, reports the expiry (once).
--
-- KEYS[1]  the entry key
-- KEYS[2]  the entry's shadow (see mutate.lua)
-- ARGV[1]  time to live of the accessed entry: milliseconds, 0 eternal, -1 unchanged, -2 expire now
-- ARGV[2]  how many milliseconds the shadow outlives the entry
-- ARGV[3]  the event channel
-- ARGV[4]  the origin id carried by published events
-- ARGV[5]  's' to publish with SPUBLISH (Redis Cluster), anything else PUBLISH
--
-- Returns { value or false, expired value or false }. A value read with an access time to live of -2 is returned
-- and then reported as expired.
local key, shadow = KEYS[1], KEYS[2]
local accessTtl, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local channel, origin, sharded = ARGV[3], ARGV[4], ARGV[5] == 's'

local function field(bytes)
  if bytes then
    return struct.pack('>i4', #bytes) .. bytes
  end
  return struct.pack('>i4', -1)
end

local function publish(eventType, newValue, oldValue)
  local message = string.char(1) .. eventType .. field(origin) .. field(key) .. field(newValue) .. field(oldValue)
  if sharded then
    redis.call('SPUBLISH', channel, message)
  else
    redis.call('PUBLISH', channel, message)
  end
end

local value = redis.call('GET', key)
if not value then
  local expired = redis.call('GETDEL', shadow)
  if expired then
    publish('X', expired, expired)
  end
  return { false, expired }
end

if accessTtl == -2 then
  redis.call('DEL', key, shadow)
  publish('X', value, value)
  return { value, value }
end
if accessTtl > 0 then
  redis.call('PEXPIRE', key, accessTtl)
  redis.call('SET', shadow, value, 'PX', accessTtl + grace)
elseif accessTtl == 0 then
  redis.call('PERSIST', key)
  redis.call('DEL', shadow)
end
return { value, false }
