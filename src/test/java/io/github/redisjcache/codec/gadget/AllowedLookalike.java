package io.github.redisjcache.codec.gadget;

/**
 * Shaped like {@link NotAllowedGadget} and with a name of the same length, so a test can encode it and swap the name
 * in the bytes to craft a gadget nested anywhere in a value without ever loading the gadget.
 */
public class AllowedLookalike {

    private String command;

    public AllowedLookalike(String command) {
        this.command = command;
    }

    @Override
    public String toString() {
        return "AllowedLookalike{" + command + "}";
    }
}
