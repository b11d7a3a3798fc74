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

    /** Sends a script call again with the script's source (EVAL), once the server answered NOSCRIPT. */
    @FunctionalInterface
    interface Resend {

        /**
         * @param key  the key that routes the call
         * @param eval the EVAL command's arguments: the source, the number of keys, the keys, the arguments
         * @return the reply
         */
        CompletableFuture<Object> eval(byte[] key, Object[] eval);
    }

    private final Resend resend;

    /** Scripts whose calls that met NOSCRIPT are sent again on their own through {@code direct}. */
    Scripts(CommandAsyncExecutor direct) {
        this((key, eval) -> direct.<Object, Object>writeAsync(key, ByteArrayCodec.INSTANCE, StoreCommands.EVAL, eval)
                .toCompletableFuture());
    }

    private Scripts(Resend resend) {
        this.resend = resend;
    }

    /**
     * @param resend how calls that met NOSCRIPT are sent again
     * @return the same scripts, sending calls that met NOSCRIPT again through {@code resend}
     */
    Scripts resendingThrough(Resend resend) {
        return new Scripts(resend);
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
                return resend.eval(key, eval);
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
