package io.github.redisjcache.connection;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Asks Netty whether its native transports load on this machine. Netty's classes are looked up by name: a transport
 * whose jar is not on the class path is merely unavailable, never a linkage error in the caller.
 */
final class NativeTransports {

    private NativeTransports() {
    }

    /** @return null when epoll works here, else why not */
    static Throwable epollUnavailability() {
        return unavailability("io.netty.channel.epoll.Epoll");
    }

    /** @return null when io_uring works here, else why not */
    static Throwable ioUringUnavailability() {
        return unavailability("io.netty.channel.uring.IoUring");
    }

    /**
     * @param os   the {@code os.name} property
     * @param arch the {@code os.arch} property
     * @return whether the provider ships Netty's io_uring and epoll libraries for this platform
     */
    static boolean shippedFor(String os, String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return os.toLowerCase(Locale.ROOT).startsWith("linux")
                && (a.equals("amd64") || a.equals("x86_64") || a.equals("aarch64"));
    }

    /**
     * Says why auto takes NIO on a platform the provider ships native transports for: Java denying native access
     * (an option of Java 24 and later, the default of a later Java), a temporary directory mounted noexec (Netty
     * unpacks its library there).
     *
     * @param ioUring why io_uring does not work here, or null
     * @param epoll   why epoll does not work here, or null
     * @return the reasons, or null when a native transport works
     */
    static String whyNio(Throwable ioUring, Throwable epoll) {
        if (ioUring == null || epoll == null) {
            return null;
        }
        return "io_uring: " + describe(ioUring) + "; epoll: " + describe(epoll);
    }

    /**
     * @param unavailability why a native transport does not work here
     * @return its message and root cause, and the JVM option that allows native access when Java denied it
     */
    static String describe(Throwable unavailability) {
        Throwable root = unavailability;
        boolean accessDenied = false;
        // Bounded: a chain of causes may loop.
        Throwable t = unavailability;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            root = t;
            accessDenied |= t instanceof IllegalCallerException;
        }
        String text = root == unavailability ? unavailability.toString() : unavailability + " (" + root + ")";
        return accessDenied ? text + "; Java denies native access: allow it with --enable-native-access=ALL-UNNAMED"
                : text;
    }

    /** @return null when kqueue works here, else why not */
    static Throwable kqueueUnavailability() {
        return unavailability("io.netty.channel.kqueue.KQueue");
    }

    // Each of Netty's transport classes has isAvailable() and unavailabilityCause(), computed once when it loads.
    private static Throwable unavailability(String className) {
        try {
            Class<?> transport = Class.forName(className, true, NativeTransports.class.getClassLoader());
            if ((Boolean) transport.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            Throwable cause = (Throwable) transport.getMethod("unavailabilityCause").invoke(null);
            return cause != null ? cause : new UnsupportedOperationException(className + " is not available");
        } catch (ClassNotFoundException e) {
            return new ClassNotFoundException(className + " is not on the class path");
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return e;
        }
    }
}
