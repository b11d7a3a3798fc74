package io.github.redisjcache.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.type.ReferenceType;
import java.util.Optional;

/** The Jackson extensions the JSON codec needs on top of the java.time and JDK 8 modules. */
final class JsonCodecModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    JsonCodecModule() {
        super("redis-jcache-codec");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new ObjenesisValueInstantiators());
        context.addDeserializers(new JdkCollectionDeserializers());
        context.addSerializers(new OptionalSerializers());
        context.addKeySerializers(new ObjectKeySerializers());
    }

    /** Supplies {@link TypedOptionalSerializer} for {@link Optional}. */
    private static final class OptionalSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                BeanDescription description, TypeSerializer contentTypes, JsonSerializer<Object> content) {
            return type.hasRawClass(Optional.class) ? new TypedOptionalSerializer(type, contentTypes, content) : null;
        }
    }

    /** Supplies {@link StringKeysOnlySerializer} for map keys declared as {@code Object}. */
    private static final class ObjectKeySerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                BeanDescription description) {
            return type.isJavaLangObject() ? new StringKeysOnlySerializer() : null;
        }
    }
}
