package io.github.redisjcache.codec.gadget;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records which tracked classes had their static initializer run; it never refers to those classes itself. */
public final class GadgetTracker {

    private static final Set<String> INITIALIZED = ConcurrentHashMap.newKeySet();

    private GadgetTracker() {
    }

    static void initialized(Class<?> type) {
        INITIALIZED.add(type.getName());
    }

    /**
     * Tells whether a tracked class was initialized.
     *
     * @param className the class name
     * @return {@code true} once its static initializer ran
     */
    public static boolean wasInitialized(String className) {
        return INITIALIZED.contains(className);
    }
}
