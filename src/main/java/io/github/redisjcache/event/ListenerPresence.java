package io.github.redisjcache.event;

/** Knows whether listeners of a cache exist in other JVMs, and tells them about this JVM's. */
public interface ListenerPresence {

    /** @return whether some other JVM or cache instance has listeners for the cache */
    boolean elsewhere();

    /**
     * Records whether this cache instance has listeners.
     *
     * @param present whether it has any
     */
    void localListenersChanged(boolean present);

    /** A presence for a cache that is alone: nobody elsewhere listens. */
    ListenerPresence ALONE = new ListenerPresence() {
        @Override
        public boolean elsewhere() {
            return false;
        }

        @Override
        public void localListenersChanged(boolean present) {
        }
    };
}
