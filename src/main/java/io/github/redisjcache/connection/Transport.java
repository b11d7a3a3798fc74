package io.github.redisjcache.connection;

import java.util.Locale;

import org.redisson.config.TransportMode;

/**
 * How Netty moves the bytes: Java's NIO selector, or a native transport of the operating system.
 *
 * <p>{@link #AUTO} takes Linux's io_uring when Netty can open a ring here, else epoll, else NIO (the provider ships
 * Netty's native libraries for Linux on x86_64 and aarch64). io_uring hands many reads and writes to the kernel in one
 * system call: with 16 threads on 2 cores where each system call was expensive, plain Redisson served 1.6-1.7x the
 * gets on io_uring that it served on NIO or epoll, and this provider 1.45x the gets and puts of NIO (BENCHMARKS.md,
 * Connection defaults). Kernels before 5.14, and containers whose seccomp profile forbids io_uring, make Netty report
 * it unavailable, and auto moves on.
 */
public enum Transport {
    /** io_uring on Linux when a ring opens, else epoll when its library loads, otherwise NIO. */
    AUTO,
    /** Java NIO: every platform, no native code. */
    NIO,
    /** Linux epoll: needs {@code io.netty:netty-transport-native-epoll} for the machine's architecture. */
    EPOLL,
    /** Linux io_uring (kernel 5.14 or later): needs {@code io.netty:netty-transport-native-io_uring}. */
    IO_URING,
    /** BSD and macOS kqueue: needs {@code io.netty:netty-transport-native-kqueue}. */
    KQUEUE;

    static Transport parse(String setting, String value) {
        return SettingValues.choice(setting, value, values(), "auto, nio, epoll, io-uring or kqueue");
    }

    /** @return the name as written in configuration, e.g. {@code io-uring} */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the transport this choice stands for on this machine.
     *
     * @return this transport, or for {@link #AUTO} the one it takes here
     * @throws InvalidSettingException when a native transport was chosen and its library does not load here
     */
    public Transport resolve() {
        switch (this) {
            case AUTO:
                if (NativeTransports.ioUringUnavailability() == null) {
                    return IO_URING;
                }
                return NativeTransports.epollUnavailability() == null ? EPOLL : NIO;
            case EPOLL:
                return requireAvailable(NativeTransports.epollUnavailability());
            case IO_URING:
                return requireAvailable(NativeTransports.ioUringUnavailability());
            case KQUEUE:
                return requireAvailable(NativeTransports.kqueueUnavailability());
            default:
                return NIO;
        }
    }

    /** @return Redisson's name for {@link #resolve()} */
    TransportMode redissonMode() {
        return TransportMode.valueOf(resolve().name());
    }

    private Transport requireAvailable(Throwable unavailability) {
        if (unavailability != null) {
            throw new InvalidSettingException("connection.transport", settingName()
                    + " is not available here (" + NativeTransports.describe(unavailability)
                    + "); use auto or nio, or add Netty's native transport for this platform");
        }
        return this;
    }
}
