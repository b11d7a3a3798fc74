package io.github.redisjcache.store;

import java.util.concurrent.CompletableFuture;

import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.CommandAsyncExecutor;

/**
 * Runs the store's Lua scripts by SHA-1 (EVALSHA), falling back to sending the source (EVAL, which also caches it)
 * when a server does not know the script yet: after a restart, a failover or SCRIPT FLUSH. In batches whose writes
 * replicas must acknowledge, scripts always go with their source instead (see {@link #bySource()}).
 */
final class Scripts {

    static final LuaScript MUTATE = LuaScript.load("mutate");
    static final LuaScript SWAP = LuaScript.load("swap");
    static final LuaScript PUT_PUBLISH = LuaScript.load("putpublish");
    static final LuaScript PUT_KEEP = LuaScript.load("putkeep");
    static final LuaScript LISTENERS = LuaScript.load("listeners");
    static final LuaScript SHADOW = LuaScript.load("shadow");
    static final LuaScript PUT_ALL = LuaScript.load("putall");
    static final LuaScript[] ALL = {MUTATE, SWAP, PUT_PUBLISH, PUT_KEEP, LISTENERS, SHADOW, PUT_ALL};

    private final CommandAsyncExecutor direct;
    private final boolean bySource;

    Scripts(CommandAsyncExecutor direct) {
        this(direct, false);
    }

    private Scripts(CommandAsyncExecutor direct, boolean bySource) {
        this.direct = direct;
        this.bySource = bySource;
    }

    /**
     * The same scripts, always sent with their source (EVAL), for batches followed by WAIT. A NOSCRIPT reply in such
     * a batch costs the batch its WAIT reply: Redisson 4.7.0's batch decoder, reading an error reply again when the
     * rest of the batch's replies (WAIT's comes last, once replicas answered) arrives in a later read, fails with
     * "Self-suppression not permitted" and fails every command it had not read yet, WAIT included. Sending the source
     * costs Redis a SHA-1 of it per call: about 5 µs of CPU for {@code mutate.lua}, 1 µs for {@code swap.lua}.
     *
     * @return scripts that never meet NOSCRIPT
     */
    Scripts bySource() {
        return new Scripts(direct, true);
    }

    /**
     * Runs a script.
     *
     * @param executor the executor (Redisson's, or a batch)
     * @param script   the script
     * @param key      the key that routes the call (the first of {@code keys})
     * @param keys     the script's KEYS
     * @param args     the script's ARGV
     * @return the reply: a list, or a number for a script that returns one
     */
    CompletableFuture<Object> run(CommandAsyncExecutor executor, LuaScript script, byte[] key, Object[] keys,
                                  Object[] args) {
        Object[] call = new Object[2 + keys.length + args.length];
        call[0] = bySource ? script.sourceBytes() : script.sha1Bytes();
        call[1] = Arguments.number(keys.length);
        System.arraycopy(keys, 0, call, 2, keys.length);
        System.arraycopy(args, 0, call, 2 + keys.length, args.length);
        if (bySource) {
            return executor.<Object, Object>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.EVAL, call)
                    .toCompletableFuture();
        }
        CompletableFuture<Object> first = executor.<Object, Object>writeAsync(key,
                ByteArrayCodec.INSTANCE, StoreCommands.EVALSHA, call).toCompletableFuture();
        // One stage on the way of every reply; only a NOSCRIPT failure composes another call.
        return first.exceptionallyCompose(failure -> {
            if (isNoScript(failure)) {
                // The command did not run, so sending it again with the source is safe.
                Object[] eval = call.clone();
                eval[0] = script.sourceBytes();
                return direct.<Object, Object>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.EVAL, eval)
                        .toCompletableFuture();
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private static boolean isNoScript(Throwable failure) {
        String reply = RedisFailures.errorReply(failure);
        return reply != null && reply.contains("NOSCRIPT");
    }
}
