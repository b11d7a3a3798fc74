package io.github.redisjcache.connection;

import java.lang.reflect.InvocationTargetException;

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
