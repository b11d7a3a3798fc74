package io.github.redisjcache.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.redisson.api.RPatternTopic;
import org.redisson.api.RTopic;
import org.redisson.api.listener.BasePatternStatusListener;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.ChannelName;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.connection.MasterSlaveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.connection.SharedConnection;
import io.github.redisjcache.keys.CacheKeys;

/**
 * Redis's keyspace notifications ({@code notify-keyspace-events}) of expired and evicted keys: switches them on,
 * on every master, keeping whatever flags the server already has, and subscribes to them. Expiries are heard per
 * cache, on the keyspace channels of its entries ({@code K}, a pattern per cache: the expiry listeners of a cache
 * want only its entries); evictions on the one keyevent channel of evicted keys ({@code E}: a pattern per cache would
 * also bring it every expiry of the cache's entries). Managed Redis services often refuse CONFIG; then the answer is
 * no, and the caller does without (expiries are found by sweeping, evictions go uncounted) unless the server's own
 * configuration has the flags. Each event class is asked for once per manager; one that the manager switched on is
 * switched on again whenever a subscription comes back after a dropped connection, since the server may be a
 * restarted or promoted one without the flags.
 *
 * <p>CONFIG has no compare-and-set: another JVM switching on another class at the same moment writes back the flags
 * it read before ours were set. So whoever switches flags on checks a moment later that they stayed, and sets them
 * again if not, checking each repair in turn a few times.
 */
final class KeyspaceNotifications {

    /** The event class of expired keys. */
    static final char EXPIRED = 'x';
    /** The event class of keys evicted under {@code maxmemory}. */
    static final char EVICTED = 'e';

    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceNotifications.class);
    private static final String SETTING = "notify-keyspace-events";
    /** A subscription's first confirmation comes within this of its start; later ones follow reconnects. */
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Lets the subscriptions of every cache come back before the flags are checked, once for all of them. */
    private static final long RENEW_DELAY_MILLIS = 100;
    /** A concurrent read-modify-write of the flags takes a round trip or two: checked well after, at random. */
    private static final long CHECK_DELAY_MILLIS = 100;
    /** Checks after switching flags on; one that had to set them again is followed by another. */
    private static final int MAX_CHECKS = 5;

    private final SharedConnection connection;
    private final ScheduledExecutorService background;
    // Read without the lock by the renewals, which run on Redisson's threads.
    private final Map<Character, Boolean> answers = new ConcurrentHashMap<>();
    private final Set<Character> renewals = ConcurrentHashMap.newKeySet();

    /**
     * Creates the switch of one manager.
     *
     * @param connection the manager's connection
     * @param background runs the checks after reconnects, off Redisson's threads
     */
    KeyspaceNotifications(SharedConnection connection, ScheduledExecutorService background) {
        this.connection = connection;
        this.background = background;
    }

    /**
     * Whether the server publishes an event class, switching it on the first time this is asked.
     *
     * @param eventClass {@link #EXPIRED} or {@link #EVICTED}
     * @param otherwise  what the cache does without them, for the warning logged when the server refuses
     * @return whether every master publishes them
     */
    synchronized boolean available(char eventClass, String otherwise) {
        Boolean answer = answers.get(eventClass);
        if (answer == null) {
            answer = tryEnable(eventClass, otherwise);
            answers.put(eventClass, answer);
        }
        return answer;
    }

    /**
     * Subscribes to the expiries of a cache's entries.
     *
     * @param keys    the cache's key names
     * @param onEntry receives the entry key of each entry that expired
     * @return the subscription, to close
     */
    AutoCloseable watchExpired(CacheKeys keys, Consumer<byte[]> onEntry) {
        String pattern = keys.keyspacePattern(connection.settings().database());
        RPatternTopic topic = connection.client().getPatternTopic(pattern, StringCodec.INSTANCE);
        int prefixLength = pattern.length() - keys.entryPattern().length();
        int id = topic.addListener(String.class, (matched, channel, message) -> {
            if ("expired".equals(message)) {
                byte[] name = channel instanceof ChannelName ? ((ChannelName) channel).getName()
                        : channel.toString().getBytes(StandardCharsets.UTF_8);
                onEntry.accept(Arrays.copyOfRange(name, prefixLength, name.length));
            }
        });
        Runnable subscribed = renewalOnReconnect(EXPIRED);
        int status = topic.addListener(new BasePatternStatusListener() {
            @Override
            public void onPSubscribe(String pattern) {
                subscribed.run();
            }
        });
        return () -> {
            topic.removeListener(id);
            topic.removeListener(status);
        };
    }

    /**
     * Subscribes to the evictions of the database's keys, whichever they are.
     *
     * @param onKey receives the name of each evicted key
     * @return the subscription, to close
     */
    AutoCloseable watchEvicted(Consumer<byte[]> onKey) {
        String channel = "__keyevent@" + connection.settings().database() + "__:evicted";
        RTopic topic = connection.client().getTopic(channel, ByteArrayCodec.INSTANCE);
        int id = topic.addListener(byte[].class, (ignored, key) -> onKey.accept(key));
        Runnable subscribed = renewalOnReconnect(EVICTED);
        int status = topic.addListener(new BaseStatusListener() {
            @Override
            public void onSubscribe(String name) {
                subscribed.run();
            }
        });
        return () -> {
            topic.removeListener(id);
            topic.removeListener(status);
        };
    }

    /** What a subscription runs each time it is confirmed: nothing the first time, a renewal after reconnects. */
    private Runnable renewalOnReconnect(char eventClass) {
        long started = System.nanoTime();
        return () -> {
            if (System.nanoTime() - started >= SETTLED_NANOS) {
                renewSoon(eventClass);
            }
        };
    }

    /** Switches the flags on again if this manager switched them on before. */
    private void renewSoon(char eventClass) {
        if (!switchedOn(eventClass) || !renewals.add(eventClass)) {
            return;
        }
        try {
            background.schedule(() -> {
                renewals.remove(eventClass);
                renew(eventClass);
            }, RENEW_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The manager is closing.
            renewals.remove(eventClass);
        }
    }

    private boolean switchedOn(char eventClass) {
        return Boolean.TRUE.equals(answers.get(eventClass));
    }

    private void renew(char eventClass) {
        try {
            if (enable(eventClass)) {
                checkLater(eventClass, 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("After a reconnect, Redis refused to switch keyspace notifications for {} keys back on: {}",
                    name(eventClass), e.getMessage());
        }
    }

    private boolean tryEnable(char eventClass, String otherwise) {
        try {
            if (enable(eventClass)) {
                checkLater(eventClass, 1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("Redis refused to switch on keyspace notifications for {} keys ({}); {}",
                    name(eventClass), e.getMessage(), otherwise);
            return false;
        }
    }

    /** Checks, after a random pause, that the flags this manager set stayed on (see the class comment). */
    private void checkLater(char eventClass, int check) {
        long delay = ThreadLocalRandom.current().nextLong(CHECK_DELAY_MILLIS / 2, CHECK_DELAY_MILLIS * 3 / 2);
        try {
            background.schedule(() -> check(eventClass, check), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The manager is closing.
        }
    }

    private void check(char eventClass, int check) {
        try {
            if (enable(eventClass)) {
                LOG.debug("Keyspace notifications for {} keys were switched off meanwhile; switched on again",
                        name(eventClass));
                if (check < MAX_CHECKS) {
                    checkLater(eventClass, check + 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Cannot check that keyspace notifications for {} keys stayed on: {}", name(eventClass),
                    e.getMessage());
        }
    }

    private static String name(char eventClass) {
        return eventClass == EXPIRED ? "expired" : "evicted";
    }

    /**
     * Switches the notifications of one event class on, on every master.
     *
     * @param eventClass {@link #EXPIRED} or {@link #EVICTED}
     * @return whether some master lacked them (and got them)
     * @throws Exception when a master refuses CONFIG or does not answer in time
     */
    private boolean enable(char eventClass) throws Exception {
        CommandAsyncExecutor executor = connection.executor();
        long timeout = connection.operationTimeout().toMillis();
        boolean changed = false;
        for (MasterSlaveEntry master : executor.getConnectionManager().getEntrySet()) {
            Map<String, String> current = executor.<Map<String, String>, Map<String, String>>readAsync(
                    master.getClient(), StringCodec.INSTANCE, RedisCommands.CONFIG_GET_MAP, SETTING)
                    .toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
            String flags = current.getOrDefault(SETTING, "");
            String wanted = withEvents(flags, eventClass);
            if (!wanted.equals(flags)) {
                executor.<Void, Void>writeAsync(master, StringCodec.INSTANCE, RedisCommands.CONFIG_SET, SETTING,
                        wanted).toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Adds what an event class needs unless present: its channel type (K for expiries, E for evictions) and its
     * class; A stands for all event classes.
     */
    static String withEvents(String flags, char eventClass) {
        StringBuilder wanted = new StringBuilder(flags);
        char channelType = eventClass == EXPIRED ? 'K' : 'E';
        if (flags.indexOf(channelType) < 0) {
            wanted.append(channelType);
        }
        if (flags.indexOf(eventClass) < 0 && flags.indexOf('A') < 0) {
            wanted.append(eventClass);
        }
        return wanted.toString();
    }
}
