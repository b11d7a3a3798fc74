package io.github.redisjcache.codec;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The classes a codec may name and create when it decodes bytes, decided by class name alone.
 *
 * <p>Stored bytes are data from outside the JVM: a codec that created whatever class they name could be made to
 * run code (deserialization gadgets). Codecs therefore ask {@link #check(String)} with the name found in the bytes
 * <em>before</em> loading the class, so a refused class is never loaded, initialized or instantiated.
 *
 * <p>{@link #defaults()} allows JDK value types and the common JDK collections. A cache adds its own key and value
 * types with {@link #withTypes(Class[])} and its application packages with {@link #withPackages(String...)}.
 * Instances are immutable and thread-safe; the {@code with...} methods return new instances.
 */
public final class ClassAllowList {

    // JDK classes safe to create from data: values and plain containers, nothing that runs code or touches I/O.
    // java.net.URL is left out on purpose: its hashCode resolves the host name (a DNS lookup from stored bytes).
    private static final Set<String> JDK_TYPES = Set.of(
            "boolean", "byte", "short", "int", "long", "float", "double", "char",
            "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
            "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Character",
            "java.math.BigInteger", "java.math.BigDecimal", "java.math.RoundingMode",
            "java.time.Instant", "java.time.Duration", "java.time.Period", "java.time.LocalDate",
            "java.time.LocalTime", "java.time.LocalDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
            "java.time.ZonedDateTime", "java.time.ZoneId", "java.time.ZoneOffset", "java.time.ZoneRegion",
            "java.time.Year", "java.time.YearMonth", "java.time.MonthDay", "java.time.DayOfWeek", "java.time.Month",
            "java.time.temporal.ChronoUnit", "java.util.concurrent.TimeUnit",
            "java.util.UUID", "java.net.URI", "java.util.Date", "java.sql.Date", "java.sql.Timestamp",
            "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
            "java.util.Locale", "java.util.Currency",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.EnumMap", "java.util.EnumSet", "java.util.RegularEnumSet",
            "java.util.JumboEnumSet", "java.util.Arrays$ArrayList",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.ConcurrentSkipListMap",
            "java.util.concurrent.ConcurrentSkipListSet");

    private static final List<String> JDK_NAME_PREFIXES = List.of(
            "java.util.Collections$Unmodifiable", "java.util.Collections$Synchronized",
            "java.util.Collections$Singleton", "java.util.Collections$Empty", "java.util.ImmutableCollections$");

    // JDK namespaces are reachable through withTypes only: opening a whole JDK package would let gadgets in.
    private static final List<String> JDK_PACKAGE_ROOTS = List.of("java", "javax", "jdk", "sun", "com.sun");

    private static final Pattern PACKAGE_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private static final String PRIMITIVE_ARRAY_CODES = "ZBCSIJFD";

    private static final ClassAllowList DEFAULTS = new ClassAllowList(Set.of(), Set.of());

    private final Set<String> types;
    private final Set<String> packages;

    private ClassAllowList(Set<String> types, Set<String> packages) {
        this.types = Collections.unmodifiableSet(new TreeSet<>(types));
        this.packages = Collections.unmodifiableSet(new TreeSet<>(packages));
    }

    /**
     * Returns the default allow-list: JDK value types, their arrays, {@code Optional} and the common JDK collections
     * and maps, and nothing else.
     *
     * @return the shared default allow-list
     */
    public static ClassAllowList defaults() {
        return DEFAULTS;
    }

    /**
     * Returns an allow-list that also allows exactly the given classes (and their arrays). For an enum, the classes
     * of constants that have a body are allowed too; for an array class, its component type.
     *
     * @param allowedTypes classes to allow, typically a cache's configured key and value types
     * @return a new allow-list
     */
    public ClassAllowList withTypes(Class<?>... allowedTypes) {
        Objects.requireNonNull(allowedTypes, "allowedTypes");
        Set<String> names = new LinkedHashSet<>(types);
        for (Class<?> type : allowedTypes) {
            addTypeNames(Objects.requireNonNull(type, "allowedTypes must not contain null"), names);
        }
        return new ClassAllowList(names, packages);
    }

    /**
     * Returns an allow-list that also allows every class in the given packages and their sub-packages.
     *
     * @param packageNames package names such as {@code com.example.model}; a trailing {@code .*} is accepted and
     *                     ignored
     * @return a new allow-list
     * @throws IllegalArgumentException when a name is not a package name, or is a JDK package (use
     *                                  {@link #withTypes(Class[])} for JDK classes)
     */
    public ClassAllowList withPackages(String... packageNames) {
        Objects.requireNonNull(packageNames, "packageNames");
        Set<String> names = new LinkedHashSet<>(packages);
        for (String packageName : packageNames) {
            names.add(validPackageName(packageName));
        }
        return new ClassAllowList(types, names);
    }

    /**
     * Tells whether a class may be loaded and created, from its name alone.
     *
     * @param className a binary class name as {@link Class#getName()} returns it, for example
     *                  {@code com.example.Outer$Inner} or {@code [Lcom.example.Item;}
     * @return {@code true} when the class is allowed
     */
    public boolean isAllowed(String className) {
        if (className == null || className.isEmpty()) {
            return false;
        }
        if (className.charAt(0) == '[') {
            return isAllowedArray(className);
        }
        if (types.contains(className) || JDK_TYPES.contains(className)) {
            return true;
        }
        for (String prefix : JDK_NAME_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return isInAllowedPackage(className);
    }

    /**
     * Refuses a class that is not allowed.
     *
     * @param className a binary class name, as for {@link #isAllowed(String)}
     * @throws ClassNotAllowedException when the class is not allowed
     */
    public void check(String className) {
        if (!isAllowed(className)) {
            throw new ClassNotAllowedException(className);
        }
    }

    /**
     * Returns the packages added with {@link #withPackages(String...)}, for diagnostics.
     *
     * @return the allowed packages, sorted
     */
    public List<String> packages() {
        return List.copyOf(packages);
    }

    /**
     * Returns the class names added with {@link #withTypes(Class[])}, for diagnostics.
     *
     * @return the allowed type names, sorted
     */
    public List<String> types() {
        return List.copyOf(types);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassAllowList list && types.equals(list.types) && packages.equals(list.packages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(types, packages);
    }

    @Override
    public String toString() {
        return "ClassAllowList[JDK defaults, types=" + types + ", packages=" + packages + "]";
    }

    /** Element types allowed in arrays though not on their own: nothing of them can be instantiated. */
    private static final Set<String> ARRAY_ONLY_ELEMENT_TYPES = Set.of("java.lang.Object", "java.io.Serializable",
            "java.lang.Comparable", "java.lang.CharSequence", "java.lang.Number", "java.lang.Cloneable");

    /**
     * Tells whether a type may be the element type of an array though not allowed on its own.
     *
     * @param className a class name
     * @return true for {@code Object} and the JDK's interfaces and abstract types that nothing can instantiate
     */
    static boolean isArrayElementOnly(String className) {
        return ARRAY_ONLY_ELEMENT_TYPES.contains(className);
    }

    private boolean isAllowedArray(String arrayName) {
        String element = arrayName.substring(arrayName.lastIndexOf('[') + 1);
        if (element.length() == 1) {
            return PRIMITIVE_ARRAY_CODES.contains(element);
        }
        if (element.length() <= 2 || element.charAt(0) != 'L' || !element.endsWith(";")) {
            return false;
        }
        String elementName = element.substring(1, element.length() - 1);
        // An array of Object or of a JDK interface type (Hibernate's entries are Serializable[]) holds only
        // elements that are checked one by one; no instance of the element type itself is ever created.
        return ARRAY_ONLY_ELEMENT_TYPES.contains(elementName) || isAllowed(elementName);
    }

    private boolean isInAllowedPackage(String className) {
        int lastDot = className.lastIndexOf('.');
        if (lastDot <= 0) {
            return false;
        }
        String packageName = className.substring(0, lastDot);
        for (String allowed : packages) {
            if (isSameOrSubPackage(packageName, allowed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSameOrSubPackage(String packageName, String root) {
        return packageName.equals(root)
                || (packageName.startsWith(root) && packageName.charAt(root.length()) == '.');
    }

    private static void addTypeNames(Class<?> type, Set<String> names) {
        if (type.isPrimitive()) {
            return;
        }
        if (type.isArray()) {
            addTypeNames(type.getComponentType(), names);
            return;
        }
        names.add(type.getName());
        if (type.isEnum()) {
            // A constant with a body is an anonymous subclass, named Type$1, which the bytes may name.
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.getClass().getName());
            }
        }
    }

    private static String validPackageName(String packageName) {
        if (packageName == null) {
            throw new IllegalArgumentException("A package name in the allow-list must not be null");
        }
        String name = packageName.strip();
        if (name.endsWith(".*")) {
            name = name.substring(0, name.length() - 2);
        }
        if (!PACKAGE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + packageName + "' is not a package name for the allow-list: "
                    + "expected a name such as com.example.model (a trailing .* is allowed, other wildcards are not)");
        }
        for (String root : JDK_PACKAGE_ROOTS) {
            if (isSameOrSubPackage(name, root)) {
                throw new IllegalArgumentException("'" + packageName + "' is a JDK package and cannot be allowed as "
                        + "a whole; allow the JDK classes you need one by one as types");
            }
        }
        return name;
    }
}
