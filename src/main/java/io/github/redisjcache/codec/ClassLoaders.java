package io.github.redisjcache.codec;

/** Picks the class loader a codec resolves class names with. */
final class ClassLoaders {

    private ClassLoaders() {
    }

    /**
     * Returns the given loader, else the thread context class loader, else the loader of the codec class.
     *
     * @param given      the loader the caller chose, or {@code null}
     * @param codecClass the codec's class, whose loader is the last resort
     * @return a class loader, never {@code null}
     */
    static ClassLoader orDefault(ClassLoader given, Class<?> codecClass) {
        if (given != null) {
            return given;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : codecClass.getClassLoader();
    }
}
