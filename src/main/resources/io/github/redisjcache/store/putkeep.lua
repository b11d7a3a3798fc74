-- A put nobody listens to that gives a created entry a time to live and leaves an updated entry's as it was (the
-- Created and Accessed policies): mutate.lua's change with condition 'a', action 's', a creation time to live in
-- milliseconds and -1 (unchanged) on update, as two SETs. It exists for its cost: half of mutate.lua's server time.
-- The same two SETs in MULTI ... EXEC cost Redis less still, but the client holds one of its pooled connections for
-- a transaction until the reply comes, which halved the puts of 16 threads.
--
-- KEYS[1] the entry key
-- ARGV[1] the new value bytes
-- ARGV[2] the created entry's time to live, in milliseconds
-- ARGV[3] 'b' when the caller needs no old value: the reply is the bare outcome
--
-- Returns what mutate.lua returns for the same change: 1 created, or 2 updated, bare or as { 2, old value }.
local key, value = KEYS[1], ARGV[1]
if redis.call('SET', key, value, 'NX', 'PX', ARGV[2]) then
  return 1
end
if ARGV[3] == 'b' then
  redis.call('SET', key, value, 'KEEPTTL')
  return 2
end
return { 2, redis.call('SET', key, value, 'KEEPTTL', 'GET') }
