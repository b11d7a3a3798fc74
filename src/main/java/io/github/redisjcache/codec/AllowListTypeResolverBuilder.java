package io.github.redisjcache.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.jsontype.impl.AsArrayTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.AsArrayTypeSerializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import java.util.Collection;

/**
 * Jackson default typing for the JSON codec: {@code ["class.Name", value]} wrappers where {@link JsonTypeIds} asks for
 * them, with every class name checked against the {@link ClassAllowList}.
 */
final class AllowListTypeResolverBuilder extends StdTypeResolverBuilder {

    private final ClassAllowList allowList;
    private final AllowListTypeValidator validator;

    AllowListTypeResolverBuilder(ClassAllowList allowList, AllowListTypeValidator validator) {
        super(JsonTypeInfo.Id.CLASS, JsonTypeInfo.As.WRAPPER_ARRAY, null);
        this.allowList = allowList;
        this.validator = validator;
    }

    @Override
    public TypeSerializer buildTypeSerializer(SerializationConfig config, JavaType baseType,
            Collection<NamedType> subtypes) {
        return switch (JsonTypeIds.forDeclaredType(baseType)) {
            case NEVER -> null;
            case ALWAYS -> new AsArrayTypeSerializer(idResolver(config, baseType), null);
            case FOR_SUBCLASSES -> new SubclassTypeIdSerializer(idResolver(config, baseType), null,
                    baseType.getRawClass());
        };
    }

    @Override
    public TypeDeserializer buildTypeDeserializer(DeserializationConfig config, JavaType baseType,
            Collection<NamedType> subtypes) {
        return switch (JsonTypeIds.forDeclaredType(baseType)) {
            case NEVER -> null;
            case ALWAYS -> new AsArrayTypeDeserializer(baseType, idResolver(config, baseType), null, false, null);
            case FOR_SUBCLASSES -> new SubclassTypeIdDeserializer(baseType, idResolver(config, baseType));
        };
    }

    private AllowListTypeIdResolver idResolver(MapperConfig<?> config, JavaType baseType) {
        return new AllowListTypeIdResolver(baseType, config.getTypeFactory(), validator, allowList);
    }
}
