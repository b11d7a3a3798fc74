-- Gives an entry that will expire a shadow if it has none: entries written while nobody listened for expiry events
-- have none, and without one their expiry could not be reported. Run over a cache's entries when a JVM starts
-- listening for its expiries and no other did (see mutate.lua for what shadows are).
--
-- KEYS[1]  the entry key
-- KEYS[2]  the entry's shadow
-- ARGV[1]  how many milliseconds the shadow outlives the entry
--
-- Returns 1 when it made a shadow, 0 when the entry is absent, never expires or has a shadow already.
local key, shadow = KEYS[1], KEYS[2]
local ttl = redis.call('PTTL', key)
if ttl <= 0 or redis.call('EXISTS', shadow) == 1 then
  return 0
end
redis.call('SET', shadow, redis.call('GET', key), 'PX', ttl + tonumber(ARGV[1]))
return 1
