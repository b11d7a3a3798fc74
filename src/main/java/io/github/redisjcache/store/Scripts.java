package io.github.redisjcache.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.CommandAsyncExecutor;

/**
 * Runs the store's Lua scripts by SHA-1 (EVALSHA), falling back to sending the source (EVAL, which also caches it)
 * when a server does not know the script yet: after a restart, a failover or SCRIPT FLUSH.
 */
final class Scripts {

    static final LuaScript MUTATE = LuaScript.load("mutate");
    static final LuaScript SWAP = LuaScript.load("swap");
    static final LuaScript LISTENERS = LuaScript.load("listeners");
    static final LuaScript SHADOW = LuaScript.load("shadow");
    static final LuaScript[] ALL = {MUTATE, SWAP, LISTENERS, SHADOW};

    private final CommandAsyncExecutor direct;

    Scripts(CommandAsyncExecutor direct) {
        this.direct = direct;
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
        Object[] evalsha = new Object[2 + keys.length + args.length];
        evalsha[0] = script.sha1();
        evalsha[1] = keys.length;
        System.arraycopy(keys, 0, evalsha, 2, keys.length);
        System.arraycopy(args, 0, evalsha, 2 + keys.length, args.length);
        CompletableFuture<Object> first = executor.<Object, Object>writeAsync(key,
                ByteArrayCodec.INSTANCE, StoreCommands.EVALSHA, evalsha).toCompletableFuture();
        return first.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (isNoScript(failure)) {
                // The command did not run, so sending it again with the source is safe.
                Object[] eval = evalsha.clone();
                eval[0] = script.source();
                return direct.<Object, Object>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.EVAL, eval)
                        .toCompletableFuture();
            }
            return CompletableFuture.<Object>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    private static boolean isNoScript(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RedisException && cause.getMessage() != null
                && cause.getMessage().contains("NOSCRIPT");
    }
}
