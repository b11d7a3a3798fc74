-- Puts entries that nobody listens to, each with the time to live of a created or of an updated entry: putAll's and
-- loadAll's one call per hash slot, where mutate.lua would take one call per entry (a batch of them holds one of the
-- pool's connections until its replies come). Each entry's write is atomic, as the whole script is.
--
-- KEYS      the entry keys, all in one hash slot
-- ARGV[1]   time to live of a created entry: milliseconds, 0 eternal, -2 expired at once (not stored)
-- ARGV[2]   time to live of an updated entry: milliseconds, 0 eternal, -1 unchanged, -2 expire now
-- ARGV[3..] the values, in the order of KEYS
--
-- Returns one digit per entry, mutate.lua's outcomes: 1 created, 2 updated, 5 created but expired at once (not
-- stored), 6 updated and expired at once (deleted). One string: a table of numbers would cost Redis a reply object
-- per entry.
local createTtl, updateTtl = tonumber(ARGV[1]), tonumber(ARGV[2])
local outcomes = {}

-- Sets a value with a time to live code (never -2); KEEPTTL only for an entry that exists.
local function set(key, value, ttl)
  if ttl > 0 then
    redis.call('SET', key, value, 'PX', ttl)
  elseif ttl == 0 then
    redis.call('SET', key, value)
  else
    redis.call('SET', key, value, 'KEEPTTL')
  end
end

for i, key in ipairs(KEYS) do
  local value = ARGV[i + 2]
  if redis.call('EXISTS', key) == 1 then
    if updateTtl == -2 then
      redis.call('DEL', key)
      outcomes[i] = '6'
    else
      set(key, value, updateTtl)
      outcomes[i] = '2'
    end
  elseif createTtl == -2 then
    outcomes[i] = '5'
  else
    set(key, value, createTtl)
    outcomes[i] = '1'
  end
end
return table.concat(outcomes)
