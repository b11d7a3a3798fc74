-- Compare-and-set of one cache entry that nobody listens to: mutate.lua's condition 'e' without events or shadows.
-- It exists for its cost: about a quarter of mutate.lua's server time goes with the arguments and functions only
-- events need, and entry processors (invoke) and replace/remove of an expected value run it on every call.
--
-- KEYS[1]  the entry key
-- ARGV[1]  the bytes the entry must hold
-- ARGV[2]  action when it holds them: 's' set ARGV[3], 'd' delete, 'g' keep the value (an access)
-- ARGV[3]  the new value bytes (action 's')
-- ARGV[4]  time to live when it holds them: milliseconds, 0 eternal, -1 unchanged, -2 expire now
-- ARGV[5]  time to live applied to a present entry that holds other bytes: as ARGV[4]
--
-- Returns { 0, current value or false } when the entry does not hold ARGV[1]; otherwise the bare outcome, since the
-- old value is ARGV[1] (a reply table holding a value costs Redis 1-2 µs, about a sixth of this script's time). The
-- outcomes are mutate.lua's:
--   0 condition failed   2 updated   3 deleted   4 accessed   6 updated and expired at once
--   7 accessed and expired at once
local key = KEYS[1]
local old = redis.call('GET', key)

-- Applies a time to live to the present entry; returns false when it expired the entry at once.
local function expire(ttl)
  if ttl > 0 then
    redis.call('PEXPIRE', key, ttl)
  elseif ttl == 0 then
    redis.call('PERSIST', key)
  elseif ttl == -2 then
    redis.call('DEL', key)
    return false
  end
  return true
end

if not old or old ~= ARGV[1] then
  if old and ARGV[5] ~= '-1' then
    expire(tonumber(ARGV[5]))
  end
  return { 0, old }
end

local action, ttl = ARGV[2], ARGV[4]
if action == 'd' then
  redis.call('DEL', key)
  return 3
elseif action == 'g' then
  return expire(tonumber(ttl)) and 4 or 7
elseif ttl == '-2' then
  redis.call('DEL', key)
  return 6
elseif ttl == '-1' then
  redis.call('SET', key, ARGV[3], 'KEEPTTL')
elseif ttl == '0' then
  redis.call('SET', key, ARGV[3])
else
  redis.call('SET', key, ARGV[3], 'PX', ttl)
end
return 2
