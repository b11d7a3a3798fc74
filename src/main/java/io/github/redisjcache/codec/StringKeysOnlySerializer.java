package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes map keys declared as {@code Object}: only strings are accepted, because JSON keys are strings and nothing
 * in them could say that {@code "1"} was an {@code Integer}; failing here beats decoding a different map later.
 */
final class StringKeysOnlySerializer extends StdSerializer<Object> {

    private static final long serialVersionUID = 1L;

    StringKeysOnlySerializer() {
        super(Object.class);
    }

    @Override
    public void serialize(Object key, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (key instanceof String name) {
            generator.writeFieldName(name);
            return;
        }
        provider.reportMappingProblem("a map whose key type is not declared can only have String keys in JSON, "
                + "found a %s key; declare the key type (for example in a record) or use the kryo codec",
                key.getClass().getName());
    }
}
