package io.github.redisjcache.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.connection.ServerInfo;

/**
 * Which compare-and-sets nobody listens to may go as one {@code SET} instead of a script: {@code SET ... IFEQ
 * expected GET} in place of {@code swap.lua} (Redis 8.4, Valkey 8.1), and {@code SET ... NX GET} in place of
 * {@code mutate.lua} for a value that may only be created (Redis 7.0); which compare-and-deletes may go as one
 * {@code DELEX ... IFEQ} (Redis 8.4) or {@code DELIFEQ} (Valkey 9.0); and whether putAll's entries that expire may go
 * as one {@code MSETEX} instead of {@code putall.lua} or a {@code SET} each (Redis 8.4, Valkey 9.1). The same
 * outcome, for a fraction of the server's time: no script call, no arguments turned into Lua strings. Each is off
 * until the server's version says it has it, and off for good once a server refuses it (an older node of a cluster,
 * a downgrade), which it does with an error before running anything, so that the caller may run the script instead.
 */
final class ConditionalSets {

    private static final Logger LOG = LoggerFactory.getLogger(ConditionalSets.class);

    private volatile boolean ifEquals;
    private volatile boolean ifAbsent;
    private final OptionalCommand multiSetWithExpiry = new OptionalCommand("MSETEX", "putAll goes by script");
    private final OptionalCommand deleteIfEquals = new OptionalCommand("DELEX or DELIFEQ",
            "a compare-and-delete goes by script");
    private volatile boolean deleteSpelledDelIfEq;

    /**
     * Turns on what the server has.
     *
     * @param server what the server said of itself
     */
    void learn(ServerInfo server) {
        ifAbsent = server.hasSharding7();
        ifEquals = server.hasSetIfEquals();
        multiSetWithExpiry.on = server.hasMultiSetWithExpiry();
        deleteIfEquals.on = server.hasDeleteIfEquals();
        deleteSpelledDelIfEq = server.isValkey();
        LOG.debug("{}: SET ... NX GET {}, SET ... IFEQ {}, {} {}, MSETEX {}", server.describe(),
                ifAbsent ? "on" : "off", ifEquals ? "on" : "off", deleteSpelledDelIfEq ? "DELIFEQ" : "DELEX ... IFEQ",
                deleteIfEquals.on ? "on" : "off", multiSetWithExpiry.on ? "on" : "off");
    }

    /** @return whether a compare-and-delete is {@code DELIFEQ key expected} (Valkey), not {@code DELEX ... IFEQ} */
    boolean deleteSpelledDelIfEq() {
        return deleteSpelledDelIfEq;
    }

    /** @return whether to send {@code MSETEX} for entries that expire */
    boolean multiSetWithExpiry() {
        return multiSetWithExpiry.on;
    }

    /**
     * Tells whether a failure of an {@code MSETEX} is the server not knowing the command, and if so stops sending it.
     *
     * @param failure how the command failed
     * @return whether it was refused, so that nothing ran and the script may run instead
     */
    boolean refusedMultiSet(Throwable failure) {
        return multiSetWithExpiry.refused(failure);
    }

    /**
     * Whether one command does all a change asks, on this server: a change that sets a value if the entry holds the
     * expected bytes, or if it is absent, and whose time to live a {@code SET} can give (not one that expires at
     * once); or one that deletes the entry if it holds the expected bytes ({@code DELEX} or {@code DELIFEQ}); and that
     * leaves an entry failing the condition as it is (no access expiry).
     *
     * @param mutation a change nobody listens to
     * @return whether to send it as one {@code SET}, {@code DELEX} or {@code DELIFEQ}
     */
    boolean fit(Mutation mutation) {
        if (mutation.missTtl != TtlCode.UNCHANGED) {
            return false;
        }
        if (mutation.isDelete()) {
            return deleteIfEquals.on && mutation.condition.equals(Mutation.IF_EQUALS);
        }
        if (!mutation.action.equals("s")) {
            return false;
        }
        if (mutation.condition.equals(Mutation.IF_EQUALS)) {
            long ttl = mutation.updateTtl;
            return ifEquals && (ttl > 0 || ttl == TtlCode.ETERNAL || ttl == TtlCode.UNCHANGED);
        }
        if (mutation.condition.equals(Mutation.IF_ABSENT)) {
            long ttl = mutation.createTtl;
            return ifAbsent && (ttl > 0 || ttl == TtlCode.ETERNAL);
        }
        return false;
    }

    /**
     * Tells whether a failure of a {@code SET}, {@code DELEX} or {@code DELIFEQ} sent for {@code mutation} is the
     * server refusing it, and if so stops sending it.
     *
     * @param failure  how the command failed
     * @param mutation the change it was sent for
     * @return whether it was refused, so that nothing ran and the script may run instead
     */
    boolean refused(Throwable failure, Mutation mutation) {
        if (mutation.isDelete()) {
            return deleteIfEquals.refused(failure);
        }
        if (!refusal(failure, "ERR syntax error")) {
            return false;
        }
        boolean equals = mutation.condition.equals(Mutation.IF_EQUALS);
        boolean wasOn = equals ? ifEquals : ifAbsent;
        if (equals) {
            ifEquals = false;
        } else {
            ifAbsent = false;
        }
        if (wasOn) {
            LOG.warn("A Redis server refused SET ... {} GET although the one asked at connection has it (a cluster of"
                    + " mixed versions?): that change goes by script from now on", equals ? "IFEQ" : "NX");
        }
        return true;
    }

    /** A command of its own that a server may lack: sent while on, off for good once a server refuses it. */
    private static final class OptionalCommand {

        private final String name;
        private final String instead;
        private volatile boolean on;

        OptionalCommand(String name, String instead) {
            this.name = name;
            this.instead = instead;
        }

        /** Tells whether a failure is the server not knowing the command (or its options), and if so turns it off. */
        boolean refused(Throwable failure) {
            if (!refusal(failure, "ERR unknown command", "ERR syntax error")) {
                return false;
            }
            if (on) {
                on = false;
                LOG.warn("A Redis server refused {} although the one asked at connection has it (a cluster of mixed"
                        + " versions?): {} from now on", name, instead);
            }
            return true;
        }
    }

    /** Whether a command failed with an error reply that starts with one of {@code replies}: refused, not run. */
    private static boolean refusal(Throwable failure, String... replies) {
        String reply = RedisFailures.errorReply(failure);
        if (reply != null) {
            for (String refused : replies) {
                if (reply.startsWith(refused)) {
                    return true;
                }
            }
        }
        return false;
    }
}
