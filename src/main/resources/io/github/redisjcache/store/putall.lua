-- Puts entries that nobody listens to, each with the time to live of a created or of an updated entry: putAll's and
-- loadAll's one call per hash slot, where mutate.lua would take one call per entry (a batch of them holds one of the
-- pool's connections until its replies come). Each entry's write is atomic, as the whole script is.
--
-- KEYS      the entry keys, all in one hash slot
-- ARGV[1]   time to live of a created entry: milliseconds, 0 eternal, -2 expired at once (not stored)
-- ARGV[2]   time to live of an updated entry: milliseconds, 0 eternal, -1 unchanged, -2 expire now
-- ARGV[3]   'u' when most entries likely exist, else most likely do not: each entry's first command is the one that
--           succeeds in that case (SET XX or SET NX), so that it is the only one. An EXISTS before every SET cost
--           Redis a third more (BENCHMARKS.md, Profile).
-- ARGV[4..] the values, in the order of KEYS
--
-- Returns one digit per entry, mutate.lua's outcomes: 1 created, 2 updated, 5 created but expired at once (not
-- stored), 6 updated and expired at once (deleted). One string: a table of numbers would cost Redis a reply object
-- per entry.
local createTtl, updateTtl = tonumber(ARGV[1]), tonumber(ARGV[2])
local updatesFirst = ARGV[3] == 'u'

-- The SET options of a time to live code (never -2); KEEPTTL only for an entry that exists.
local function options(ttl, code)
  if ttl > 0 then
    return { 'PX', code }
  elseif ttl == 0 then
    return {}
  end
  return { 'KEEPTTL' }
end
local createOptions, updateOptions = options(createTtl, ARGV[1]), options(updateTtl, ARGV[2])

-- Each of the two finishes the put of an entry known to be absent, or known to exist.
local function create(key, value)
  if createTtl == -2 then
    return '5'
  end
  redis.call('SET', key, value, unpack(createOptions))
  return '1'
end

local function update(key, value)
  if updateTtl == -2 then
    redis.call('DEL', key)
    return '6'
  end
  redis.call('SET', key, value, unpack(updateOptions))
  return '2'
end

local outcomes = {}
for i, key in ipairs(KEYS) do
  local value = ARGV[i + 3]
  if updatesFirst then
    if updateTtl == -2 then
      outcomes[i] = redis.call('DEL', key) == 1 and '6' or create(key, value)
    elseif redis.call('SET', key, value, 'XX', unpack(updateOptions)) then
      outcomes[i] = '2'
    else
      outcomes[i] = create(key, value)
    end
  elseif createTtl == -2 then
    outcomes[i] = redis.call('EXISTS', key) == 1 and update(key, value) or '5'
  elseif redis.call('SET', key, value, 'NX', unpack(createOptions)) then
    outcomes[i] = '1'
  else
    outcomes[i] = update(key, value)
  end
end
return table.concat(outcomes)
