package io.github.redisjcache.codec.gadget;

/**
 * Tracked like {@link NotAllowedGadget} but decoded by a codec that allows it, to show that the tracker does see a
 * class being initialized by a codec.
 */
public class KryoTrackedWidget {

    static {
        GadgetTracker.initialized(KryoTrackedWidget.class);
    }

    private String label;

    @Override
    public String toString() {
        return "KryoTrackedWidget{" + label + "}";
    }
}
