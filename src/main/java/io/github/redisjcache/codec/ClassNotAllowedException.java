package io.github.redisjcache.codec;

/** Thrown when stored bytes name a class that the codec's {@link ClassAllowList} does not allow. */
public class ClassNotAllowedException extends CodecException {

    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * Creates an exception for a class that was refused by name, before it was loaded.
     *
     * @param className the binary name of the refused class, as found in the stored bytes
     */
    public ClassNotAllowedException(String className) {
        super("Class " + className + " is not allowed by the codec allow-list; add its package to the cache's "
                + "`allowed-packages` setting (or allow the type itself) if it is yours");
        this.className = className;
    }

    /**
     * Returns the refused class name.
     *
     * @return the binary class name found in the stored bytes
     */
    public String className() {
        return className;
    }
}
