-- Reports the expiry of one cache entry, once: whoever deletes the shadow first publishes the event with the old
-- value. Called by every JVM that heard of the expiry (keyspace notification or sweep); all but one find nothing.
--
-- KEYS[1]  the entry key
-- KEYS[2]  the entry's shadow (see mutate.lua)
-- ARGV[1]  the event channel
-- ARGV[2]  the origin id carried by the published event
-- ARGV[3]  's' to publish with SPUBLISH (Redis Cluster), anything else PUBLISH
--
-- Returns the expired value, or false when the entry is still there or the expiry was already reported.
local key, shadow = KEYS[1], KEYS[2]
local channel, origin, sharded = ARGV[1], ARGV[2], ARGV[3] == 's'

if redis.call('EXISTS', key) == 1 then
  return false
end
local expired = redis.call('GETDEL', shadow)
if not expired then
  return false
end

local function field(bytes)
  if bytes then
    return struct.pack('>i4', #bytes) .. bytes
  end
  return struct.pack('>i4', -1)
end

local message = string.char(1) .. 'X' .. field(origin) .. field(key) .. field(expired) .. field(expired)
if sharded then
  redis.call('SPUBLISH', channel, message)
else
  redis.call('PUBLISH', channel, message)
end
return expired
