package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.ReferenceTypeSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.datatype.jdk8.OptionalSerializer;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes an {@link Optional} held by an {@code Object} (or other polymorphic) property as
 * {@code ["java.util.Optional", content]}: Jackson's own serializer would drop the {@code Optional} and write only the
 * content's type id (or a bare {@code null} when empty), so the value would come back as something else.
 */
final class TypedOptionalSerializer extends OptionalSerializer {

    private static final long serialVersionUID = 1L;

    TypedOptionalSerializer(ReferenceType type, TypeSerializer contentTypeSerializer,
            JsonSerializer<Object> contentSerializer) {
        super(type, false, contentTypeSerializer, contentSerializer);
    }

    private TypedOptionalSerializer(TypedOptionalSerializer base, BeanProperty property,
            TypeSerializer contentTypes, JsonSerializer<?> contentSerializer, NameTransformer unwrapper,
            Object suppressable, boolean suppressNulls) {
        super(base, property, contentTypes, contentSerializer, unwrapper, suppressable, suppressNulls);
    }

    @Override
    protected ReferenceTypeSerializer<Optional<?>> withResolved(BeanProperty property, TypeSerializer contentTypes,
            JsonSerializer<?> contentSerializer, NameTransformer unwrapper) {
        return new TypedOptionalSerializer(this, property, contentTypes, contentSerializer, unwrapper,
                _suppressableValue, _suppressNulls);
    }

    @Override
    public ReferenceTypeSerializer<Optional<?>> withContentInclusion(Object suppressable, boolean suppressNulls) {
        return new TypedOptionalSerializer(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper,
                suppressable, suppressNulls);
    }

    @Override
    public void serializeWithType(Optional<?> value, JsonGenerator generator, SerializerProvider provider,
            TypeSerializer typeSerializer) throws IOException {
        WritableTypeId typeId = typeSerializer.writeTypePrefix(generator,
                typeSerializer.typeId(value, Optional.class, JsonToken.VALUE_EMBEDDED_OBJECT));
        serialize(value, generator, provider);
        typeSerializer.writeTypeSuffix(generator, typeId);
    }
}
