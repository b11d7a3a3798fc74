package io.github.redisjcache.codec.gadget;

/**
 * Stands for a deserialization gadget: its static initializer is where harm would happen. Tests name it only as a
 * string, so it is loaded only if a codec loads it; no test may refer to this class directly.
 */
public class NotAllowedGadget {

    static {
        GadgetTracker.initialized(NotAllowedGadget.class);
    }

    private String command;

    @Override
    public String toString() {
        return "NotAllowedGadget{" + command + "}";
    }
}
