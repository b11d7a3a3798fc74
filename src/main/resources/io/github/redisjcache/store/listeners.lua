-- Keeps the registry of which cache instances, in any JVM, have entry listeners: a hash from origin id to
-- "lease-expiry-millis:flags", where flag 'x' means the instance has listeners for expiry events. Leases are renewed
-- by their owners and dropped here once expired, so a JVM that died stops counting. Times are Redis's own clock.
-- Flag 'o' means the instance has listeners that want old values.
--
-- KEYS[1]  the registry hash of one cache
-- ARGV[1]  'put' (register or renew), 'del' (deregister) or 'get' (read only)
-- ARGV[2]  the origin id of the caller
-- ARGV[3]  for 'put': the lease in milliseconds
-- ARGV[4]  for 'put': the flags
--
-- Returns { how many other live instances have listeners, 1 if any live instance wants expiry events else 0,
--           1 if any live instance wants old values else 0 }
local registry, op, origin = KEYS[1], ARGV[1], ARGV[2]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

if op == 'put' then
  local lease = tonumber(ARGV[3])
  redis.call('HSET', registry, origin, (now + lease) .. ':' .. ARGV[4])
  -- Only ever lengthened: JVMs configured with a longer lease keep their registrations.
  if redis.call('PTTL', registry) < lease * 2 then
    redis.call('PEXPIRE', registry, lease * 2)
  end
elseif op == 'del' then
  redis.call('HDEL', registry, origin)
end

local others, expiry, old = 0, 0, 0
local entries = redis.call('HGETALL', registry)
for i = 1, #entries, 2 do
  local id, record = entries[i], entries[i + 1]
  local separator = string.find(record, ':', 1, true)
  local expires = tonumber(string.sub(record, 1, separator - 1))
  if expires < now then
    redis.call('HDEL', registry, id)
  else
    if id ~= origin then
      others = others + 1
    end
    if string.find(record, 'x', separator + 1, true) then
      expiry = 1
    end
    if string.find(record, 'o', separator + 1, true) then
      old = 1
    end
  end
end
return { others, expiry, old }
