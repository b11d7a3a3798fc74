package io.github.redisjcache.codec;

import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.ClassNameIdResolver;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.List;

/**
 * Resolves Jackson type ids (class names) after checking every class they name against the {@link ClassAllowList}.
 *
 * <p>The validator alone is not enough: for a generic id such as {@code java.util.EnumSet<com.example.Color>}
 * Jackson validates only the raw class and loads the type parameters itself.
 */
final class AllowListTypeIdResolver extends ClassNameIdResolver {

    private static final long serialVersionUID = 1L;

    private final ClassAllowList allowList;

    AllowListTypeIdResolver(JavaType baseType, TypeFactory typeFactory, PolymorphicTypeValidator validator,
            ClassAllowList allowList) {
        super(baseType, typeFactory, List.of(), validator);
        this.allowList = allowList;
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        String[] names = checkClassNames(allowList, id);
        JavaType type = super.typeFromId(context, id);
        if (type != null && _baseType.isJavaLangObject() && names.length == 1) {
            // Jackson specializes Object to a plain type, skipping type modifiers: Optional would not be a reference
            // type, and its content would lose its type ids. Building the type from the class applies them.
            return context.getTypeFactory().constructType(type.getRawClass());
        }
        return type;
    }

    /**
     * Checks every class a type id names: {@code com.example.Item}, {@code [Lcom.example.Item;} or
     * {@code java.util.EnumSet<com.example.Color>}.
     *
     * @param allowList the allow-list
     * @param id        a Jackson type id
     * @return the id split into its raw class and its type parameters
     * @throws ClassNotAllowedException when a class is not allowed
     */
    private static final java.util.Set<String> PRIMITIVES = java.util.Set.of("boolean", "byte", "char", "short",
            "int", "long", "float", "double");

    static String[] checkClassNames(ClassAllowList allowList, String id) {
        String[] names = id.split("[<>,]");
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            boolean array = false;
            while (name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2).strip();
                array = true;
            }
            // Object as a type parameter (EnumMap<Color, Object>) creates no Object instance.
            boolean typeParameter = i > 0;
            if (name.isEmpty() || (typeParameter && name.equals("java.lang.Object"))) {
                continue;
            }
            if (array) {
                // Judged as an array: its elements are checked one by one (an interface array creates nothing).
                if (!PRIMITIVES.contains(name)) {
                    allowList.check("[L" + name + ";");
                }
            } else {
                allowList.check(name);
            }
        }
        return names;
    }
}
