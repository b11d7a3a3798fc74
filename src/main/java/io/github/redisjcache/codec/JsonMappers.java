package io.github.redisjcache.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/** Builds the {@link ObjectMapper} of a {@link JsonCodec}. */
final class JsonMappers {

    private JsonMappers() {
    }

    /**
     * Creates a mapper that reads and writes objects field by field and names classes only through the allow-list.
     *
     * @param allowList   the classes a type id may name
     * @param classLoader the loader that resolves type ids
     * @return a new, fully configured mapper
     */
    static ObjectMapper create(ClassAllowList allowList, ClassLoader classLoader) {
        JsonFactory factory = JsonFactory.builder()
                // A string can never be longer than the stored bytes it comes from, which are already in memory.
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                // Keeps cached values out of exception messages.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // NaN and infinities as bare tokens: as strings they would come back as String under Object.
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Faster parsing of the same numbers to the same values; writing is left as it is, since stored
                // bytes are compared and must not change between versions.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .build();
        AllowListTypeValidator validator = new AllowListTypeValidator(allowList);
        ObjectMapper mapper = JsonMapper.builder(factory)
                .typeFactory(TypeFactory.createDefaultInstance().withClassLoader(classLoader))
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new JsonCodecModule())
                // Field access through generated lambdas instead of reflection: about a fifth off every value's
                // encoding and decoding, the codec's largest cost in the benchmarks (BENCHMARKS.md).
                .addModule(new BlackbirdModule())
                // Fields are the state: getters, setters and implicit constructors are the class's business.
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .polymorphicTypeValidator(validator)
                .setDefaultTyping(new AllowListTypeResolverBuilder(allowList, validator))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Equal maps must encode to equal bytes: keys are compared by their bytes.
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Bytes of another type or with garbage after the value fail instead of decoding to something else.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.setSerializerProvider(new RootSerializers());
        return mapper;
    }
}
