package io.github.redisjcache.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Parses YAML text into plain maps, lists and scalars; it never creates other Java types from the text. */
final class YamlDocument {

    private static final int MAX_ALIASES = 50;

    private YamlDocument() {
    }

    /**
     * Parses one YAML document.
     *
     * @param source where the text came from, named in errors
     * @param text   the YAML text
     * @return the document's root: a map, a list, a scalar, or {@code null} for an empty document
     * @throws InvalidConfigurationException when the text is not one valid YAML document
     */
    static Object parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        // A repeated key is almost always a mistake; the last one silently winning would hide it.
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidConfigurationException(source, null, "not valid YAML: " + e.getMessage(), e);
        }
    }
}
