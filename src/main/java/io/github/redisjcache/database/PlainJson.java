package io.github.redisjcache.database;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The facade's JSON: exactly what {@code JSON.stringify} and {@code JSON.parse} exchange, with no class names, so
 * that a service in another language reads and writes the same keys.
 *
 * <p>Unlike the cache codec, which names classes where the declared type does not fix them, this never reads a class
 * name from Redis: the caller says what type it wants. Objects are read and written field by field, so records and
 * classes without getters or setters work; {@code java.time} values are ISO-8601 strings.
 *
 * <p>Failures never quote the JSON: Jackson's messages may contain parts of the stored value, so they are replaced by
 * the position of the problem.
 */
final class PlainJson {

    /** One for the process: a configured mapper is thread-safe, and building one is not cheap. */
    static final PlainJson INSTANCE = new PlainJson();

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            // Constructor parameters are matched to fields by name: classes with only an all-fields constructor.
            .addModule(new ParameterNamesModule())
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private PlainJson() {
    }

    byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new JsonFailure("cannot write a " + value.getClass().getName() + " as JSON" + where(e));
        }
    }

    Object decode(byte[] bytes, Type type) {
        try {
            Object value = mapper.readValue(bytes, mapper.constructType(type));
            if (value == null) {
                throw new JsonFailure("the stored value is JSON null, not a " + type.getTypeName());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof JsonFailure failure) {
                throw failure;
            }
            throw new JsonFailure("the stored value (" + bytes.length + " bytes) is not JSON of type "
                    + type.getTypeName() + where(e));
        }
    }

    /** Names where the problem is, never what the JSON holds there. */
    private static String where(Exception e) {
        // Not even the property path: map keys are data too.
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonProcessingException processing) {
            JsonLocation location = processing.getLocation();
            if (location != null && location.getLineNr() > 0) {
                where.append(" at line ").append(location.getLineNr()).append(" column ")
                        .append(location.getColumnNr());
            }
        }
        return where.append(" (").append(e.getClass().getSimpleName()).append(')').toString();
    }

    /** A JSON problem described without the JSON itself. */
    static final class JsonFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JsonFailure(String message) {
            super(message);
        }
    }
}
