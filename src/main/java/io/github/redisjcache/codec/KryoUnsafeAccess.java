package io.github.redisjcache.codec;

/**
 * Kryo 5 reads and writes fields through {@code sun.misc.Unsafe} whenever it can reach it, a choice it makes once per
 * JVM from the system property {@code kryo.unsafe} ({@code false} turns it off). Java 24 and later warn of that
 * memory access, and refuse it when started with {@code --sun-misc-unsafe-memory-access=deny} (the default of a later
 * Java): Kryo then fails on every class it serializes field by field.
 */
final class KryoUnsafeAccess {

    static final String KRYO_PROPERTY = "kryo.unsafe";
    static final String JVM_PROPERTY = "sun.misc.unsafe.memory.access";
    static final String HINT = "this JVM denies sun.misc.Unsafe's memory access, which Kryo uses for fields unless the "
            + "JVM is started with -D" + KRYO_PROPERTY + "=false";

    private KryoUnsafeAccess() {
    }

    /**
     * Turns Kryo's use of {@code Unsafe} off when the JVM was told to deny it and nobody chose otherwise. It takes
     * effect only if Kryo has not been used in this JVM yet; the property's other users are Kryo's, and they would
     * fail the same way.
     */
    static void avoidWhereDenied() {
        if ("deny".equals(System.getProperty(JVM_PROPERTY)) && System.getProperty(KRYO_PROPERTY) == null) {
            System.setProperty(KRYO_PROPERTY, "false");
        }
    }

    /**
     * @param failure a failure of Kryo
     * @return the failure, or when {@code Unsafe} refused Kryo's access (a JVM that denies it, where Kryo had already
     *         chosen {@code Unsafe}), a failure that says so and how to avoid it, caused by the original
     */
    static Throwable explained(Throwable failure) {
        Throwable refused = CodecFailures.findInChain(failure,
                cause -> cause instanceof UnsupportedOperationException && thrownByUnsafe(cause));
        return refused == null ? failure
                : new UnsupportedOperationException(HINT + " (Unsafe refused " + refused.getMessage() + ")", failure);
    }

    private static boolean thrownByUnsafe(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("sun.misc.Unsafe")) {
                return true;
            }
        }
        return false;
    }
}
