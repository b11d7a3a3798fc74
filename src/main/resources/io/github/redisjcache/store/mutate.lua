-- Changes one cache entry atomically: checks a condition on its current value, then sets, deletes or touches it,
-- choosing its time to live by whether it existed, and publishes the resulting event when someone listens. A put
-- that one SET gives its time to live, with no shadow to keep, runs putpublish.lua instead (the same change, cheaper).
--
-- KEYS[1]  the entry key
-- KEYS[2]  optional: the entry's shadow, a copy of its value that outlives it by a grace period so that its expiry
--          can be reported with the old value (kept only while some listener wants expiry events)
-- ARGV[1]  condition: 'a' always, 'n' only if absent, 'x' only if present, 'e' only if the value equals ARGV[2]
-- ARGV[2]  the expected value bytes (condition 'e')
-- ARGV[3]  action when the condition holds: 's' set ARGV[4], 'd' delete, 'g' keep the value (an access)
-- ARGV[4]  the new value bytes (action 's')
-- ARGV[5]  time to live of a created entry: milliseconds, 0 eternal, -2 expired at once (not stored)
-- ARGV[6]  time to live of an updated or accessed entry: milliseconds, 0 eternal, -1 unchanged, -2 expire now
-- ARGV[7]  time to live applied to a present entry when the condition fails (an access): as ARGV[6]
-- ARGV[8]  the event channel, or '' to publish nothing
-- ARGV[9]  the origin id carried by published events
-- ARGV[10] 's' to publish with SPUBLISH (Redis Cluster), anything else PUBLISH
-- ARGV[11] with KEYS[2]: how many milliseconds the shadow outlives the entry
-- ARGV[12] 'o' when some listener wants old values; otherwise events carry no old value (and a removal or an
--          expiry, whose value is the old one, no value)
-- ARGV[13] 'b' when the caller needs neither the old nor the expired value: every reply is the bare outcome
--
-- Returns { outcome, old value or false, expired value or false }; the expired value is set when this change found
-- the entry expired and unreported, and reported it. When condition 'e' holds, or with ARGV[13] 'b', it returns the
-- bare outcome (a reply table holding a value costs Redis about 1 µs): after 'e' the old value is ARGV[2] and nothing
-- was expired. Outcomes:
--   0 condition failed   1 created   2 updated   3 deleted   4 accessed
--   5 created but expired at once (not stored)   6 updated and expired at once   7 accessed and expired at once
local key = KEYS[1]
local condition, expected, action, value = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local createTtl, updateTtl, missTtl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local channel, origin, sharded = ARGV[8], ARGV[9], ARGV[10] == 's'
local shadow, grace = KEYS[2], tonumber(ARGV[11] or '0')
local withOld, bare = ARGV[12] == 'o', ARGV[13] == 'b'

-- Event message: version 1, type, then origin, entry key, value and old value, each prefixed by its length (-1 for
-- none). An old value always comes with a value. One struct.pack: each concatenation would copy the message again.
local function publish(eventType, newValue, oldValue)
  if not withOld then
    oldValue = false
    if eventType == 'R' or eventType == 'X' then
      newValue = false
    end
  end
  if channel ~= '' then
    local message
    if oldValue then
      message = struct.pack('>Bc1i4c0i4c0i4c0i4c0', 1, eventType, #origin, origin, #key, key, #newValue, newValue,
        #oldValue, oldValue)
    elseif newValue then
      message = struct.pack('>Bc1i4c0i4c0i4c0i4', 1, eventType, #origin, origin, #key, key, #newValue, newValue, -1)
    else
      message = struct.pack('>Bc1i4c0i4c0i4i4', 1, eventType, #origin, origin, #key, key, -1, -1)
    end
    if sharded then
      redis.call('SPUBLISH', channel, message)
    else
      redis.call('PUBLISH', channel, message)
    end
  end
end

-- Keeps the shadow a grace period longer than the entry; an entry that never expires needs none.
local function followShadow(value)
  if not shadow then
    return
  end
  local ttl = redis.call('PTTL', key)
  if ttl > 0 then
    redis.call('SET', shadow, value, 'PX', ttl + grace)
  else
    redis.call('DEL', shadow)
  end
end

local function dropShadow()
  if shadow then
    redis.call('DEL', shadow)
  end
end

-- Applies a time to live to an existing entry; returns false when it expired the entry at once.
local function applyTtl(ttl, value)
  if ttl > 0 then
    redis.call('PEXPIRE', key, ttl)
  elseif ttl == 0 then
    redis.call('PERSIST', key)
  elseif ttl == -2 then
    redis.call('DEL', key)
    dropShadow()
    return false
  end
  if ttl ~= -1 then
    followShadow(value)
  end
  return true
end

local expired = false

-- The outcome with the old value and the expired value, or the bare outcome when the caller needs neither.
local function reply(outcome, oldValue)
  if bare then
    return outcome
  end
  return { outcome, oldValue, expired }
end

local old = redis.call('GET', key)
if shadow and not old then
  -- The entry expired and nobody reported it yet: report it now, once.
  expired = redis.call('GETDEL', shadow)
  if expired then
    publish('X', expired, expired)
  end
end

local holds
if condition == 'a' then
  holds = true
elseif condition == 'n' then
  holds = not old
elseif condition == 'x' then
  holds = old and true or false
else
  holds = old and old == expected or false
end

if not holds then
  if old and missTtl ~= -1 then
    if not applyTtl(missTtl, old) then
      publish('X', old, old)
    end
  end
  return reply(0, old)
end

-- The reply of a change whose condition held.
local function done(outcome)
  if condition == 'e' then
    return outcome
  end
  return reply(outcome, old)
end

if action == 'd' then
  if not old then
    return reply(3, false)
  end
  redis.call('DEL', key)
  dropShadow()
  publish('R', old, old)
  return done(3)
end

if action == 'g' then
  if not old then
    return reply(4, false)
  end
  if applyTtl(updateTtl, old) then
    return done(4)
  end
  publish('X', old, old)
  return done(7)
end

if not old then
  if createTtl == -2 then
    return reply(5, false)
  elseif createTtl > 0 then
    redis.call('SET', key, value, 'PX', createTtl)
  else
    redis.call('SET', key, value)
  end
  followShadow(value)
  publish('C', value, false)
  return reply(1, false)
end

if updateTtl == -2 then
  redis.call('DEL', key)
  dropShadow()
  publish('U', value, old)
  publish('X', value, value)
  return done(6)
elseif updateTtl == -1 then
  redis.call('SET', key, value, 'KEEPTTL')
elseif updateTtl > 0 then
  redis.call('SET', key, value, 'PX', updateTtl)
else
  redis.call('SET', key, value)
end
followShadow(value)
publish('U', value, old)
return done(2)
