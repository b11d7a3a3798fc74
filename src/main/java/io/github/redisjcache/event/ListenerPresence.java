package io.github.redisjcache.event;

/** Knows whether listeners of a cache exist in other JVMs, and tells them about this cache instance's. */
public interface ListenerPresence {

    /** @return whether some other JVM or cache instance has listeners for the cache */
    boolean elsewhere();

    /** @return whether some instance, here or elsewhere, listens for expiry events, so expiries must be reported */
    boolean tracksExpiry();

    /** @return whether some listener, here or elsewhere, wants old values, so published events must carry them */
    boolean wantsOldValues();

    /**
     * Records this cache instance's listeners, announcing the change to the other JVMs.
     *
     * @param present   whether it has any
     * @param expiry    whether any of them listens for expiry events
     * @param oldValues whether any of them wants old values
     */
    void localListenersChanged(boolean present, boolean expiry, boolean oldValues);

    /** Stops taking part: the instance's registration is withdrawn. */
    void close();
}
