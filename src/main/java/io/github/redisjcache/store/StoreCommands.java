package io.github.redisjcache.store;

import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.RedisStrictCommand;
import org.redisson.client.protocol.convertor.BooleanNotNullReplayConvertor;
import org.redisson.client.protocol.convertor.BooleanReplayConvertor;
import org.redisson.client.protocol.decoder.MultiDecoder;
import org.redisson.client.protocol.decoder.ObjectListReplayDecoder;

/** The Redis commands the store sends, with the reply decoding each needs. */
final class StoreCommands {

    static final RedisCommand<Object> GET = RedisCommands.GET;
    static final RedisCommand<Object> GETEX = RedisCommands.GETEX;
    static final RedisCommand<Object> GETDEL = new RedisCommand<>("GETDEL");
    static final RedisStrictCommand<Boolean> EXISTS = RedisCommands.EXISTS;
    static final RedisCommand<Void> SET = RedisCommands.SET;
    static final RedisCommand<Boolean> SET_CONDITIONAL = new RedisCommand<>("SET", new BooleanNotNullReplayConvertor());
    static final RedisCommand<Object> SET_GET = new RedisCommand<>("SET");
    static final RedisStrictCommand<Boolean> MSETEX = new RedisStrictCommand<>("MSETEX", new BooleanReplayConvertor());
    static final RedisStrictCommand<Boolean> DELEX = new RedisStrictCommand<>("DELEX", new BooleanReplayConvertor());
    static final RedisStrictCommand<Boolean> DELIFEQ = new RedisStrictCommand<>("DELIFEQ",
            new BooleanReplayConvertor());
    static final RedisStrictCommand<Long> UNLINK = RedisCommands.UNLINK;
    static final RedisCommand<Object> EVALSHA = new RedisCommand<>("EVALSHA", scriptReply());
    static final RedisCommand<Object> EVAL = new RedisCommand<>("EVAL", scriptReply());
    static final RedisStrictCommand<String> SCRIPT_LOAD = RedisCommands.SCRIPT_LOAD;

    private StoreCommands() {
    }

    /** A script's reply: a list (decoded by this decoder) or a bare number (which no decoder sees). */
    @SuppressWarnings("unchecked")
    private static MultiDecoder<Object> scriptReply() {
        return (MultiDecoder<Object>) (MultiDecoder<?>) new ObjectListReplayDecoder<Object>();
    }
}
