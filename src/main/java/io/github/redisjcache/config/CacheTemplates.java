package io.github.redisjcache.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code defaults} and the per-cache templates of a configuration, and which template a cache name gets. */
final class CacheTemplates {

    private static final char WILDCARD = '*';

    private final CacheTemplate defaults;
    private final Map<String, CacheTemplate> templates;
    private final Map<String, CacheTemplate> exact;
    private final List<WildcardTemplate> wildcards;

    /**
     * Sorts templates into exact names and wildcard patterns.
     *
     * @param defaults  the settings of every cache
     * @param templates templates by exact name or pattern, in declaration order (which breaks ties)
     */
    CacheTemplates(CacheTemplate defaults, Map<String, CacheTemplate> templates) {
        this.defaults = defaults;
        this.templates = new LinkedHashMap<>(templates);
        Map<String, CacheTemplate> exactNames = new LinkedHashMap<>();
        List<WildcardTemplate> patterns = new ArrayList<>();
        templates.forEach((name, template) -> {
            if (name.indexOf(WILDCARD) >= 0) {
                patterns.add(new WildcardTemplate(name, template));
            } else {
                exactNames.put(name, template);
            }
        });
        this.exact = Map.copyOf(exactNames);
        this.wildcards = List.copyOf(patterns);
    }

    /** @return the templates of a configuration that has none */
    static CacheTemplates none() {
        return new CacheTemplates(CacheTemplate.empty(), Map.of());
    }

    /** @return the settings of every cache */
    CacheTemplate defaults() {
        return defaults;
    }

    /**
     * Replaces the defaults, keeping the templates.
     *
     * @param newDefaults the new defaults
     * @return the templates with those defaults
     */
    CacheTemplates withDefaults(CacheTemplate newDefaults) {
        return new CacheTemplates(newDefaults, templates);
    }

    /**
     * Returns a cache's settings: the defaults overlaid with the exact-name template, else with the matching pattern
     * that has the most literal characters, else the defaults alone.
     *
     * @param cacheName the cache's name
     * @return the settings, never {@code null}
     */
    CacheTemplate templateFor(String cacheName) {
        CacheTemplate template = exact.get(cacheName);
        if (template == null) {
            template = bestWildcard(cacheName);
        }
        return template == null ? defaults : defaults.overlaidWith(template);
    }

    private CacheTemplate bestWildcard(String cacheName) {
        WildcardTemplate best = null;
        for (WildcardTemplate wildcard : wildcards) {
            // Strictly greater: among equally specific patterns the first declared wins.
            if (wildcard.matches(cacheName) && (best == null || wildcard.literals > best.literals)) {
                best = wildcard;
            }
        }
        return best == null ? null : best.template;
    }

    /** A template whose name is a pattern where {@code *} stands for any run of characters. */
    private static final class WildcardTemplate {

        private final CacheTemplate template;
        private final Pattern regex;
        private final int literals;

        WildcardTemplate(String pattern, CacheTemplate template) {
            this.template = template;
            String[] parts = pattern.split("\\*", -1);
            StringBuilder regexText = new StringBuilder();
            int literalCount = 0;
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regexText.append(".*");
                }
                if (!parts[i].isEmpty()) {
                    regexText.append(Pattern.quote(parts[i]));
                }
                literalCount += parts[i].length();
            }
            this.regex = Pattern.compile(regexText.toString(), Pattern.DOTALL);
            this.literals = literalCount;
        }

        boolean matches(String cacheName) {
            return regex.matcher(cacheName).matches();
        }
    }
}
