package io.github.redisjcache.connection;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.redisson.config.Config;
import org.redisson.config.TransportMode;

/**
 * The Netty event loops of one connection, made here rather than by Redisson so that their threads are daemons and
 * their end is this provider's to wait for. Redisson makes threads that are not daemons and waits for them to end
 * without a bound; when Netty 4.2's io_uring event loop stayed stuck in its cleanup (netty/netty#15582, seen once
 * here), such a thread would have kept the JVM from exiting after the close had given up on it.
 */
final class EventLoops {

    /** The prefix of the event loops' thread names. */
    static final String THREAD_PREFIX = "redis-jcache-netty";

    private EventLoops() {
    }

    /**
     * Gives a Redisson configuration event loops of the transport and size it asks for, unless it brings its own
     * ({@code eventLoopGroup} or {@code nettyExecutor}, which only code can set).
     *
     * @param config the configuration, changed in place
     * @return the event loops to shut down after the client, or null when the configuration brought its own
     */
    static EventLoopGroup install(Config config) {
        if (config.getEventLoopGroup() != null || config.getNettyExecutor() != null) {
            return null;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.getNettyThreads(),
                new DefaultThreadFactory(THREAD_PREFIX, true), handlerFactory(config.getTransportMode()));
        config.setEventLoopGroup(group);
        return group;
    }

    /**
     * Asks event loops to end now, after what they were doing, and waits for them.
     *
     * @param group         the event loops, or null
     * @param timeoutMillis how long the graceful part may take
     */
    static void shutDown(EventLoopGroup group, long timeoutMillis) {
        if (group != null) {
            group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    // The native transports' classes are looked up by name: their jars may be missing, and the transport was checked
    // to load here when the settings were resolved.
    private static IoHandlerFactory handlerFactory(TransportMode mode) {
        switch (mode) {
            case EPOLL:
                return nativeFactory("io.netty.channel.epoll.EpollIoHandler");
            case IO_URING:
                return nativeFactory("io.netty.channel.uring.IoUringIoHandler");
            case KQUEUE:
                return nativeFactory("io.netty.channel.kqueue.KQueueIoHandler");
            default:
                return NioIoHandler.newFactory();
        }
    }

    private static IoHandlerFactory nativeFactory(String handlerClass) {
        try {
            Class<?> handler = Class.forName(handlerClass, true, EventLoops.class.getClassLoader());
            return (IoHandlerFactory) handler.getMethod("newFactory").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("Netty's " + handlerClass + " cannot be used: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Netty's " + handlerClass + " cannot be used: " + e.getCause(),
                    e.getCause());
        }
    }
}
