package io.github.redisjcache.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;

/**
 * The entry operations, each one Redis command (or one call of {@code mutate.lua}), sent through one executor:
 * Redisson's own, or a batch that sends everything queued in one round trip per node.
 */
public class Commands {

    // Arguments as bytes made once (see Arguments).
    private static final byte[] PX = Arguments.text("PX");
    private static final byte[] PERSIST = Arguments.text("PERSIST");
    private static final byte[] KEEPTTL = Arguments.text("KEEPTTL");
    private static final byte[] NX = Arguments.text("NX");
    private static final byte[] XX = Arguments.text("XX");
    private static final byte[] GET = Arguments.text("GET");
    private static final byte[] IFEQ = Arguments.text("IFEQ");
    private static final byte[] SHARDED = Arguments.text("s");
    private static final byte[] NOT_SHARDED = Arguments.text("p");
    private static final byte[] OLD_VALUES = Arguments.text("o");
    private static final byte[] BARE = Arguments.text("b");
    private static final byte[] UPDATES_FIRST = Arguments.text("u");
    private static final byte[] NONE = Arguments.text("");

    private final CommandAsyncExecutor executor;
    private final Scripts scripts;
    private final ConditionalSets conditionalSets;

    /** Operations that compare and set by script only: those of batches, which cannot resend a refused command. */
    Commands(CommandAsyncExecutor executor, Scripts scripts) {
        this(executor, scripts, null);
    }

    /** Operations each sent on its own, whose compare-and-sets may go as a {@code SET} with options. */
    Commands(CommandAsyncExecutor executor, Scripts scripts, ConditionalSets conditionalSets) {
        this.executor = executor;
        this.scripts = scripts;
        this.conditionalSets = conditionalSets;
    }

    /**
     * GET.
     *
     * @param key the entry key
     * @return the value, or null
     */
    public CompletableFuture<byte[]> get(byte[] key) {
        return executor.<Object, byte[]>readAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.GET, key)
                .toCompletableFuture();
    }

    /**
     * Reads a value and applies an access time to live in the same command: GET when unchanged, GETEX PX or
     * GETEX PERSIST, GETDEL when it expires now.
     *
     * @param key       the entry key
     * @param accessTtl a {@link TtlCode}
     * @return the value, or null
     */
    public CompletableFuture<byte[]> getAndTouch(byte[] key, long accessTtl) {
        if (accessTtl == TtlCode.UNCHANGED) {
            return get(key);
        }
        if (accessTtl == TtlCode.EXPIRE_NOW) {
            return getAndDelete(key);
        }
        if (accessTtl == TtlCode.ETERNAL) {
            return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.GETEX, key, PERSIST));
        }
        return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.GETEX, key, PX,
                Arguments.number(accessTtl)));
    }

    /**
     * GETDEL.
     *
     * @param key the entry key
     * @return the deleted value, or null
     */
    public CompletableFuture<byte[]> getAndDelete(byte[] key) {
        return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.GETDEL, key));
    }

    /**
     * MGET of keys that share one hash slot (any keys on a standalone or Sentinel deployment).
     *
     * @param keys the entry keys
     * @return their values, null for missing ones, in order
     */
    public CompletableFuture<List<Object>> getMany(List<byte[]> keys) {
        return executor.<List<Object>, List<Object>>readAsync(keys.get(0), ByteArrayCodec.INSTANCE,
                RedisCommands.MGET, keys.toArray()).toCompletableFuture();
    }

    /**
     * MSET of keys that share one hash slot: values without expiry, replacing any.
     *
     * @param keysAndValues key, value, key, value, ...
     * @return completion
     */
    public CompletableFuture<Void> setMany(List<byte[]> keysAndValues) {
        return executor.<Void, Void>writeAsync(keysAndValues.get(0), ByteArrayCodec.INSTANCE, RedisCommands.MSET,
                keysAndValues.toArray()).toCompletableFuture();
    }

    /** Which keys of an {@code MSETEX} must exist for it to set them all; otherwise it sets none. */
    public enum Existing {
        /** Set them whatever exists. */
        ANY,
        /** Set them only if none exists (NX). */
        NONE,
        /** Set them only if all exist (XX). */
        ALL
    }

    /** @return whether {@link #setManyExpiring} may be sent: the server has it, and these commands go on their own */
    public boolean setsManyExpiring() {
        return conditionalSets != null && conditionalSets.multiSetWithExpiry();
    }

    /**
     * MSETEX of keys that share one hash slot (Redis 8.4): all of them set with one time to live, or none.
     *
     * @param keysAndValues key, value, key, value, ...
     * @param existing      which keys must exist
     * @param ttl           milliseconds, or {@link TtlCode#UNCHANGED} to keep each key's own (KEEPTTL, with
     *                      {@link Existing#ALL} only)
     * @return whether they were set: false when the condition failed, or when the server refused the command (then
     *         nothing ran, and from then on {@link #setsManyExpiring} is false)
     */
    public CompletableFuture<Boolean> setManyExpiring(List<byte[]> keysAndValues, Existing existing, long ttl) {
        List<Object> args = new ArrayList<>(keysAndValues.size() + 4);
        args.add(Arguments.number(keysAndValues.size() / 2));
        args.addAll(keysAndValues);
        if (existing != Existing.ANY) {
            args.add(existing == Existing.ALL ? XX : NX);
        }
        if (ttl == TtlCode.UNCHANGED) {
            args.add(KEEPTTL);
        } else {
            args.add(PX);
            args.add(Arguments.number(ttl));
        }
        return executor.<Boolean, Boolean>writeAsync(keysAndValues.get(0), ByteArrayCodec.INSTANCE,
                StoreCommands.MSETEX, args.toArray()).toCompletableFuture()
                .exceptionallyCompose(failure -> conditionalSets != null && conditionalSets.refusedMultiSet(failure)
                        ? CompletableFuture.completedFuture(false) : CompletableFuture.failedFuture(failure));
    }

    /**
     * Puts entries of one hash slot that nobody listens to, by {@code putall.lua}: one call for them all, each entry
     * given the time to live of a created or of an updated entry, as {@link #mutate} with {@link Mutation#put} would
     * one by one.
     *
     * @param keys         the entry keys, all in one hash slot
     * @param values       their values, in the same order
     * @param createTtl    the time to live of a created entry: milliseconds, {@link TtlCode#ETERNAL} or
     *                     {@link TtlCode#EXPIRE_NOW}
     * @param updateTtl    the time to live of an updated entry: any {@link TtlCode}
     * @param updatesFirst whether most entries likely exist: the script tries first, for each entry, the command
     *                     that succeeds then; the outcomes are the same either way
     * @return one outcome per entry, in order: {@link MutateResult#CREATED}, {@link MutateResult#UPDATED},
     *         {@link MutateResult#CREATED_EXPIRED} or {@link MutateResult#UPDATED_EXPIRED}
     */
    public CompletableFuture<int[]> putMany(List<byte[]> keys, List<byte[]> values, long createTtl, long updateTtl,
                                            boolean updatesFirst) {
        Object[] args = new Object[3 + values.size()];
        args[0] = Arguments.number(createTtl);
        args[1] = Arguments.number(updateTtl);
        args[2] = updatesFirst ? UPDATES_FIRST : NONE;
        for (int i = 0; i < values.size(); i++) {
            args[3 + i] = values.get(i);
        }
        return scripts.run(executor, Scripts.PUT_ALL, keys.get(0), keys.toArray(), args).thenApply(reply -> {
            byte[] digits = (byte[]) reply;
            int[] outcomes = new int[digits.length];
            for (int i = 0; i < digits.length; i++) {
                outcomes[i] = digits[i] - '0';
            }
            return outcomes;
        });
    }

    /**
     * EXISTS.
     *
     * @param key the entry key
     * @return whether it exists
     */
    public CompletableFuture<Boolean> exists(byte[] key) {
        return executor.<Boolean, Boolean>readAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.EXISTS, key)
                .toCompletableFuture();
    }

    /**
     * SET with PX, KEEPTTL or no expiry.
     *
     * @param key   the entry key
     * @param value the value
     * @param ttl   milliseconds, {@link TtlCode#ETERNAL} or {@link TtlCode#UNCHANGED}
     * @return completion
     */
    public CompletableFuture<Void> set(byte[] key, byte[] value, long ttl) {
        return executor.<Void, Void>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET,
                args(key, value, ttl, null, null, false)).toCompletableFuture();
    }

    /**
     * SET NX.
     *
     * @param key   the entry key
     * @param value the value
     * @param ttl   milliseconds or {@link TtlCode#ETERNAL}
     * @return whether it was set
     */
    public CompletableFuture<Boolean> setIfAbsent(byte[] key, byte[] value, long ttl) {
        return executor.<Boolean, Boolean>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET_CONDITIONAL,
                args(key, value, ttl, NX, null, false)).toCompletableFuture();
    }

    /**
     * SET XX.
     *
     * @param key   the entry key
     * @param value the value
     * @param ttl   milliseconds, {@link TtlCode#ETERNAL} or {@link TtlCode#UNCHANGED}
     * @return whether it was set
     */
    public CompletableFuture<Boolean> setIfPresent(byte[] key, byte[] value, long ttl) {
        return executor.<Boolean, Boolean>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET_CONDITIONAL,
                args(key, value, ttl, XX, null, false)).toCompletableFuture();
    }

    /**
     * SET ... GET: writes and returns the previous value in one command.
     *
     * @param key   the entry key
     * @param value the value
     * @param ttl   milliseconds, {@link TtlCode#ETERNAL} or {@link TtlCode#UNCHANGED}
     * @return the previous value, or null
     */
    public CompletableFuture<byte[]> setAndGet(byte[] key, byte[] value, long ttl) {
        return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET_GET,
                args(key, value, ttl, null, null, true)));
    }

    /**
     * SET XX ... GET: replaces and returns the previous value in one command.
     *
     * @param key   the entry key
     * @param value the value
     * @param ttl   milliseconds, {@link TtlCode#ETERNAL} or {@link TtlCode#UNCHANGED}
     * @return the previous value, or null when nothing was replaced
     */
    public CompletableFuture<byte[]> replaceAndGet(byte[] key, byte[] value, long ttl) {
        return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET_GET,
                args(key, value, ttl, XX, null, true)));
    }

    /**
     * UNLINK.
     *
     * @param key the entry key
     * @return whether it existed
     */
    public CompletableFuture<Boolean> delete(byte[] key) {
        return executor.<Long, Long>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.UNLINK, key)
                .toCompletableFuture().thenApply(count -> count != null && count > 0);
    }

    /**
     * UNLINK of keys that share one hash slot (any keys on a standalone or Sentinel deployment).
     *
     * @param keys the entry keys
     * @return how many of them existed
     */
    public CompletableFuture<Long> deleteMany(List<byte[]> keys) {
        return executor.<Long, Long>writeAsync(keys.get(0), ByteArrayCodec.INSTANCE, StoreCommands.UNLINK,
                keys.toArray()).toCompletableFuture();
    }

    /**
     * Runs {@code mutate.lua} on one entry; a compare-and-set that publishes nothing runs {@code swap.lua}, or is one
     * {@code SET} (a compare-and-delete one {@code DELEX}) where the server has the options it needs (see
     * {@link ConditionalSets}); a put that gives a created entry a time to live and leaves an updated one's as it was,
     * published to nobody, runs {@code putkeep.lua}; and a put that publishes its event and that one SET gives its
     * time to live, with no shadow to keep, runs {@code putpublish.lua}.
     *
     * @param key      the entry key
     * @param mutation what to do
     * @param route    where to publish the event, or null to publish nothing
     * @return what happened
     */
    public CompletableFuture<MutateResult> mutate(byte[] key, Mutation mutation, EventRoute route) {
        if (route == null) {
            if (conditionalSets != null && conditionalSets.fit(mutation)) {
                CompletableFuture<MutateResult> sent = mutation.isDelete() ? conditionalDelete(key, mutation)
                        : conditionalSet(key, mutation);
                return sent.exceptionallyCompose(failure ->
                        conditionalSets.refused(failure, mutation) ? mutate(key, mutation, null)
                                : CompletableFuture.failedFuture(failure));
            }
            if (mutation.condition.equals(Mutation.IF_EQUALS)) {
                return swap(key, mutation);
            }
            if (mutation.isPut() && TtlCode.keptFromCreation(mutation.createTtl, mutation.updateTtl)) {
                return putKeepingTtl(key, mutation);
            }
        } else if (!route.tracksExpiry() && mutation.isPut()) {
            long ttl = TtlCode.singleSet(mutation.createTtl, mutation.updateTtl);
            if (ttl != Long.MIN_VALUE) {
                return putPublish(key, mutation, route, ttl);
            }
        }
        return mutateScript(key, mutation, route);
    }

    /**
     * Runs {@code mutate.lua} itself, whatever the change: the reference the tests hold the other scripts to.
     *
     * @param key      the entry key
     * @param mutation what to do
     * @param route    where to publish the event, or null to publish nothing
     * @return what happened
     */
    CompletableFuture<MutateResult> mutateScript(byte[] key, Mutation mutation, EventRoute route) {
        Object[] keys = route != null && route.tracksExpiry() ? new Object[]{key, route.shadowKey()}
                : new Object[]{key};
        Object[] args = {Arguments.text(mutation.condition), mutation.expected, Arguments.text(mutation.action),
            mutation.value, Arguments.number(mutation.createTtl), Arguments.number(mutation.updateTtl),
            Arguments.number(mutation.missTtl), route == null ? NONE : Arguments.text(route.channel()),
            route == null ? NONE : Arguments.text(route.origin()),
            route != null && route.sharded() ? SHARDED : NOT_SHARDED,
            Arguments.number(route == null ? 0 : route.graceMillis()),
            route != null && route.oldValues() ? OLD_VALUES : NONE, mutation.outcomeOnly ? BARE : NONE};
        return scripts.run(executor, Scripts.MUTATE, key, keys, args).thenApply(reply -> result(reply, mutation));
    }

    /** A put with its event, by {@code putpublish.lua}: what {@code mutate.lua} does, less work. */
    private CompletableFuture<MutateResult> putPublish(byte[] key, Mutation mutation, EventRoute route, long ttl) {
        Object[] args = {mutation.value, Arguments.number(ttl), Arguments.text(route.channel()),
            Arguments.text(route.origin()), route.sharded() ? SHARDED : NOT_SHARDED,
            route.oldValues() ? OLD_VALUES : NONE, mutation.outcomeOnly ? BARE : NONE};
        return scripts.run(executor, Scripts.PUT_PUBLISH, key, new Object[]{key}, args)
                .thenApply(reply -> result(reply, mutation));
    }

    /**
     * {@code SET key value IFEQ expected GET} or {@code SET key value NX GET}, with the time to live of an updated or
     * of a created entry: the reply is what the entry held, so the expected bytes (or none) when it was set, and
     * otherwise the bytes a retry starts from.
     */
    private CompletableFuture<MutateResult> conditionalSet(byte[] key, Mutation mutation) {
        boolean ifEquals = mutation.condition.equals(Mutation.IF_EQUALS);
        Object[] args = ifEquals ? args(key, mutation.value, mutation.updateTtl, IFEQ, mutation.expected, true)
                : args(key, mutation.value, mutation.createTtl, NX, null, true);
        byte[] held = ifEquals ? mutation.expected : null;
        int done = ifEquals ? MutateResult.UPDATED : MutateResult.CREATED;
        return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.SET_GET, args))
                .thenApply(old -> Arrays.equals(old, held) ? new MutateResult(done, held)
                        : new MutateResult(MutateResult.CONDITION_FAILED, old));
    }

    /**
     * {@code DELEX key IFEQ expected}, or {@code DELIFEQ key expected} on Valkey: deletes the entry if it holds the
     * expected bytes. Either says only whether it deleted, so a change that wants the old value when its condition
     * failed reads it after, from the master where the delete ran: a second round trip, on that path only.
     */
    private CompletableFuture<MutateResult> conditionalDelete(byte[] key, Mutation mutation) {
        CompletionStage<Boolean> sent = conditionalSets.deleteSpelledDelIfEq()
                ? executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.DELIFEQ, key, mutation.expected)
                : executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.DELEX, key, IFEQ, mutation.expected);
        return sent.toCompletableFuture().thenCompose(deleted -> {
            if (Boolean.TRUE.equals(deleted)) {
                return CompletableFuture.completedFuture(new MutateResult(MutateResult.DELETED, mutation.expected));
            }
            if (mutation.outcomeOnly) {
                return CompletableFuture.completedFuture(new MutateResult(MutateResult.CONDITION_FAILED, null));
            }
            return bytes(executor.writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.GET, key))
                    .thenApply(old -> new MutateResult(MutateResult.CONDITION_FAILED, old));
        });
    }

    /** A put nobody listens to under a Created or Accessed policy, by {@code putkeep.lua}: as mutate.lua, less work. */
    private CompletableFuture<MutateResult> putKeepingTtl(byte[] key, Mutation mutation) {
        Object[] args = {mutation.value, Arguments.number(mutation.createTtl), mutation.outcomeOnly ? BARE : NONE};
        return scripts.run(executor, Scripts.PUT_KEEP, key, new Object[]{key}, args)
                .thenApply(reply -> result(reply, mutation));
    }

    /** A compare-and-set nobody listens to, by {@code swap.lua}: same outcomes as {@code mutate.lua}, less work. */
    private CompletableFuture<MutateResult> swap(byte[] key, Mutation mutation) {
        Object[] args = {mutation.expected, Arguments.text(mutation.action), mutation.value,
            Arguments.number(mutation.updateTtl), Arguments.number(mutation.missTtl)};
        return scripts.run(executor, Scripts.SWAP, key, new Object[]{key}, args)
                .thenApply(reply -> result(reply, mutation));
    }

    /**
     * Reads a reply of {@code mutate.lua} or {@code swap.lua}: a list, or the bare outcome of a change asked for its
     * outcome only or of one whose condition 'equals the expected bytes' held, so that the old value was those bytes.
     */
    private static MutateResult result(Object reply, Mutation mutation) {
        if (reply instanceof Number number) {
            int outcome = number.intValue();
            boolean oldIsExpected = mutation.condition.equals(Mutation.IF_EQUALS)
                    && outcome != MutateResult.CONDITION_FAILED;
            return new MutateResult(outcome, oldIsExpected ? mutation.expected : null);
        }
        List<?> list = (List<?>) reply;
        return new MutateResult(((Number) list.get(0)).intValue(), bytesAt(list, 1), bytesAt(list, 2));
    }

    /**
     * Reads an entry of a cache whose expiries are reported, applying the access time to live to the entry and
     * its shadow, or reporting the expiry when the entry is gone and its shadow is not. Expiry reports carry the
     * expired value, as those of {@link #claimExpired} do.
     *
     * @param key       the entry key
     * @param accessTtl a {@link TtlCode}
     * @param route     the route, which must track expiry
     * @return the value read (null when absent) and the expired value reported (null when none): an entry this
     *         read expired at once ({@link TtlCode#EXPIRE_NOW}) is both
     */
    public CompletableFuture<MutateResult> readTracked(byte[] key, long accessTtl, EventRoute route) {
        return mutate(key, Mutation.read(accessTtl), route.withOldValues()).thenApply(result ->
                result.outcome() == MutateResult.ACCESSED_EXPIRED
                        ? new MutateResult(MutateResult.ACCESSED, result.oldValue(), result.oldValue())
                        : result);
    }

    /**
     * Reports the expiry of an entry if it is gone and nobody reported it yet: whoever deletes the shadow first
     * publishes the event, with the expired value.
     *
     * @param key   the entry key
     * @param route the route, which must track expiry
     * @return the expired value if this call reported it, else null
     */
    public CompletableFuture<byte[]> claimExpired(byte[] key, EventRoute route) {
        return mutate(key, Mutation.touch(TtlCode.UNCHANGED), route.withOldValues())
                .thenApply(MutateResult::expiredValue);
    }

    /**
     * Gives an entry that will expire a shadow if it has none (see {@code shadow.lua}), so that its expiry can be
     * reported.
     *
     * @param key         the entry key
     * @param shadow      the entry's shadow key
     * @param graceMillis how much longer than the entry the shadow lives
     * @return whether it made a shadow
     */
    public CompletableFuture<Boolean> shadowIfMissing(byte[] key, byte[] shadow, long graceMillis) {
        return scripts.run(executor, Scripts.SHADOW, key, new Object[]{key, shadow},
                new Object[]{Arguments.number(graceMillis)})
                .thenApply(reply -> ((Number) reply).longValue() == 1);
    }

    /**
     * Registers, renews, deregisters or reads the listeners of a cache instance (see {@code listeners.lua}).
     *
     * @param registry    the cache's registry key
     * @param operation   {@code put}, {@code del} or {@code get}
     * @param origin      the cache instance's origin id
     * @param leaseMillis the lease for {@code put}
     * @param flags       the flags for {@code put}: {@code x} when it has expiry listeners, {@code o} when some of
     *                    its listeners want old values
     * @return how many other instances have listeners, whether any wants expiry events, whether any wants old values
     */
    public CompletableFuture<long[]> listeners(byte[] registry, String operation, String origin, long leaseMillis,
                                               String flags) {
        Object[] args = {Arguments.text(operation), Arguments.text(origin), Arguments.number(leaseMillis),
            Arguments.text(flags)};
        return scripts.run(executor, Scripts.LISTENERS, registry, new Object[]{registry}, args)
                .thenApply(reply -> {
                    List<?> list = (List<?>) reply;
                    return new long[]{((Number) list.get(0)).longValue(), ((Number) list.get(1)).longValue(),
                        ((Number) list.get(2)).longValue()};
                });
    }

    private static byte[] bytesAt(List<?> reply, int index) {
        Object value = reply.size() > index ? reply.get(index) : null;
        return value instanceof byte[] ? (byte[]) value : null;
    }

    /** SET's arguments: key, value, PX or KEEPTTL, a condition (NX, XX, or IFEQ and its bytes), GET. */
    private static Object[] args(byte[] key, byte[] value, long ttl, byte[] condition, byte[] conditionValue,
                                 boolean get) {
        int size = 2 + (ttl > 0 ? 2 : ttl == TtlCode.UNCHANGED ? 1 : 0) + (condition != null ? 1 : 0)
                + (conditionValue != null ? 1 : 0) + (get ? 1 : 0);
        if (ttl <= 0 && ttl != TtlCode.UNCHANGED && ttl != TtlCode.ETERNAL) {
            throw new IllegalArgumentException("SET cannot expire at once; use mutate");
        }
        Object[] args = new Object[size];
        int i = 0;
        args[i++] = key;
        args[i++] = value;
        if (ttl > 0) {
            args[i++] = PX;
            args[i++] = Arguments.number(ttl);
        } else if (ttl == TtlCode.UNCHANGED) {
            args[i++] = KEEPTTL;
        }
        if (condition != null) {
            args[i++] = condition;
        }
        if (conditionValue != null) {
            args[i++] = conditionValue;
        }
        if (get) {
            args[i] = GET;
        }
        return args;
    }

    /**
     * The replies of the byte commands are byte arrays (or null) already, decoded by {@link ByteArrayCodec}: the
     * future is only retyped, not chained (no extra stage, no extra completion hop on the Netty thread).
     */
    @SuppressWarnings("unchecked")
    private static CompletableFuture<byte[]> bytes(CompletionStage<?> stage) {
        return (CompletableFuture<byte[]>) (CompletableFuture<?>) stage.toCompletableFuture();
    }
}
