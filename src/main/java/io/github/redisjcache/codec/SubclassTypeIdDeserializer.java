package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.AsArrayTypeDeserializer;
import java.io.IOException;

/**
 * Reads what {@link SubclassTypeIdSerializer} writes: a {@code ["class.Name", value]} wrapper for a subclass, plain
 * JSON for the declared class itself. Used only for non-container classes, whose plain JSON is never an array.
 */
final class SubclassTypeIdDeserializer extends AsArrayTypeDeserializer {

    private static final long serialVersionUID = 1L;

    /** The declared class's own deserializer, found once: finding it contextualises it again on every call. */
    private transient volatile JsonDeserializer<Object> plain;

    SubclassTypeIdDeserializer(JavaType declaredType, TypeIdResolver idResolver) {
        super(declaredType, idResolver, null, false, null);
    }

    private SubclassTypeIdDeserializer(SubclassTypeIdDeserializer source, BeanProperty property) {
        super(source, property);
    }

    @Override
    public TypeDeserializer forProperty(BeanProperty property) {
        return property == _property ? this : new SubclassTypeIdDeserializer(this, property);
    }

    @Override
    protected Object _deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.isExpectedStartArrayToken()) {
            return super._deserialize(parser, context);
        }
        JsonDeserializer<Object> deserializer = plain;
        if (deserializer == null) {
            deserializer = context.findContextualValueDeserializer(_baseType, _property);
            plain = deserializer;
        }
        return deserializer.deserialize(parser, context);
    }
}
