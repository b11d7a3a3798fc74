package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.AsArrayTypeSerializer;
import java.io.IOException;

/**
 * Writes a {@code ["class.Name", value]} wrapper only for values of a subclass of the declared class: a value of
 * exactly the declared class stays plain JSON.
 */
final class SubclassTypeIdSerializer extends AsArrayTypeSerializer {

    private final Class<?> declaredClass;

    SubclassTypeIdSerializer(TypeIdResolver idResolver, BeanProperty property, Class<?> declaredClass) {
        super(idResolver, property);
        this.declaredClass = declaredClass;
    }

    @Override
    public AsArrayTypeSerializer forProperty(BeanProperty property) {
        return property == _property ? this : new SubclassTypeIdSerializer(_idResolver, property, declaredClass);
    }

    @Override
    public WritableTypeId writeTypePrefix(JsonGenerator generator, WritableTypeId typeId) throws IOException {
        if (typeId.forValue == null || typeId.forValue.getClass() != declaredClass) {
            return super.writeTypePrefix(generator, typeId);
        }
        // No wrapper: open the value itself, as the generator would after a type id; the suffix then closes it.
        typeId.wrapperWritten = false;
        if (typeId.valueShape == JsonToken.START_OBJECT) {
            generator.writeStartObject(typeId.forValue);
        } else if (typeId.valueShape == JsonToken.START_ARRAY) {
            generator.writeStartArray(typeId.forValue);
        }
        return typeId;
    }
}
