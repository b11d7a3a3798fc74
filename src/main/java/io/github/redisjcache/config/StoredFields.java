package io.github.redisjcache.config;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields of one object of a stored configuration document, naming the field in every error. */
final class StoredFields {

    /** How errors name the stored document. */
    static final String SOURCE = "the cache configuration stored in Redis";

    private final JsonNode node;
    private final String path;

    /**
     * Wraps an object of the document.
     *
     * @param node the object
     * @param path its path in the document, an empty string for the root
     */
    StoredFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path.isEmpty() ? null : path, "expected a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    /**
     * Reads a required text field.
     *
     * @param field the field's name
     * @return its text
     */
    String text(String field) {
        String text = optionalText(field);
        if (text == null) {
            throw invalid(key(field), "missing");
        }
        return text;
    }

    /**
     * Reads an optional text field.
     *
     * @param field the field's name
     * @return its text, or {@code null} when absent or null
     */
    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(key(field), "expected text");
        }
        return value.textValue();
    }

    /**
     * Reads a boolean field.
     *
     * @param field    the field's name
     * @param absent   the value when the field is absent
     * @return its value
     */
    boolean bool(String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw invalid(key(field), "expected true or false");
        }
        return value.booleanValue();
    }

    /**
     * Reads a required boolean field.
     *
     * @param field the field's name
     * @return its value
     */
    boolean requiredBool(String field) {
        if (!has(field)) {
            throw invalid(key(field), "missing");
        }
        return bool(field, false);
    }

    /**
     * Reads a whole number field.
     *
     * @param field  the field's name
     * @param absent the value when the field is absent
     * @return its value
     */
    long number(String field, long absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw invalid(key(field), "expected a whole number of at least 0");
        }
        return value.longValue();
    }

    /**
     * Reads a list of texts.
     *
     * @param field the field's name
     * @return the texts, empty when the field is absent
     */
    List<String> texts(String field) {
        JsonNode value = node.get(field);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (!value.isArray()) {
            throw invalid(key(field), "expected a list");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(key(field), "expected a list of texts");
            }
            texts.add(item.textValue());
        }
        return texts;
    }

    /**
     * Tells whether a field is present and not null.
     *
     * @param field the field's name
     * @return true when present and not null
     */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /**
     * Reads a nested object.
     *
     * @param field the field's name
     * @return its fields, or {@code null} when absent or null
     */
    StoredFields object(String field) {
        return has(field) ? new StoredFields(node.get(field), key(field)) : null;
    }

    /**
     * Builds a field's path in the document.
     *
     * @param field the field's name
     * @return e.g. {@code expiry.durationMillis}
     */
    String key(String field) {
        return YamlValues.child(path, field);
    }

    /**
     * Creates the error for a field of the stored document.
     *
     * @param key    the field's path, or {@code null} for the whole document
     * @param reason what is wrong
     * @return the error
     */
    static InvalidConfigurationException invalid(String key, String reason) {
        return new InvalidConfigurationException(SOURCE, key, reason);
    }
}
