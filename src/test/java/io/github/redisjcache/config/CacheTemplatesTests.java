package io.github.redisjcache.config;

import static io.github.redisjcache.config.TestConfigurations.loadYaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTemplatesTests {

    @TempDir
    Path directory;

    private static CacheTemplate codec(String codec) {
        return CacheTemplate.builder().codec(codec).build();
    }

    private static CacheTemplates templates(CacheTemplate defaults, String... namesAndCodecs) {
        Map<String, CacheTemplate> templates = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCodecs.length; i += 2) {
            templates.put(namesAndCodecs[i], codec(namesAndCodecs[i + 1]));
        }
        return new CacheTemplates(defaults, templates);
    }

    @Test
    void anExactNameBeatsEveryWildcard() {
        CacheTemplates templates = templates(CacheTemplate.empty(),
                "users*", "a", "*", "b", "users", "exact", "user*", "c");

        assertThat(templates.templateFor("users").codec()).contains("exact");
    }

    @Test
    void theWildcardWithTheMostLiteralCharactersWins() {
        CacheTemplates templates = templates(CacheTemplate.empty(),
                "*", "any", "hibernate.*", "hibernate", "hibernate.entity.*", "entity", "*.query", "query");

        assertThat(templates.templateFor("hibernate.entity.User").codec()).contains("entity");
        assertThat(templates.templateFor("hibernate.collection.User.roles").codec()).contains("hibernate");
        assertThat(templates.templateFor("hibernate.query").codec()).contains("hibernate");
        assertThat(templates.templateFor("default.query").codec()).contains("query");
        assertThat(templates.templateFor("orders").codec()).contains("any");
    }

    @Test
    void amongEquallySpecificWildcardsTheFirstDeclaredWins() {
        CacheTemplates templates = templates(CacheTemplate.empty(), "a*", "first", "*a", "second");

        assertThat(templates.templateFor("aba").codec()).contains("first");
    }

    @Test
    void aStarMatchesEveryName() {
        CacheTemplates templates = templates(CacheTemplate.empty(), "*", "any");

        for (String name : new String[] {"x", "users", "with space", "new\nline", "a.b.c", "*", "ü"}) {
            assertThat(templates.templateFor(name).codec()).as(name).contains("any");
        }
    }

    @Test
    void aStarMatchesAnyRunIncludingAnEmptyOne() {
        CacheTemplates templates = templates(CacheTemplate.empty(), "a*b*c", "abc");

        assertThat(templates.templateFor("abc").codec()).contains("abc");
        assertThat(templates.templateFor("a-b--c").codec()).contains("abc");
        assertThat(templates.templateFor("ab").codec()).isEmpty();
        assertThat(templates.templateFor("abcd").codec()).isEmpty();
    }

    @Test
    void onlyTheStarIsAWildcard() {
        CacheTemplates templates = templates(CacheTemplate.empty(), "a.(b)?[c]*", "literal", "x.y", "exact");

        assertThat(templates.templateFor("a.(b)?[c]-anything").codec()).contains("literal");
        assertThat(templates.templateFor("aX(b)?[c]").codec()).isEmpty();
        assertThat(templates.templateFor("xzy").codec()).isEmpty();
    }

    @Test
    void withoutAMatchACacheGetsTheDefaults() {
        CacheTemplate defaults = CacheTemplate.builder().codec("json").statistics(true).build();
        CacheTemplates templates = templates(defaults, "users", "kryo", "hibernate.*", "kryo");

        assertThat(templates.templateFor("orders")).isEqualTo(defaults);
    }

    @Test
    void aTemplateOverridesTheDefaultsSettingBySetting() {
        CacheTemplate defaults = CacheTemplate.builder().codec("json").statistics(true)
                .allowedPackages(Set.of("com.a")).keyPrefix("app").build();
        CacheTemplate users = CacheTemplate.builder().codec("kryo")
                .expiry(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofMinutes(1))).statistics(false).build();
        CacheTemplates templates = new CacheTemplates(defaults, Map.of("users", users));

        CacheTemplate merged = templates.templateFor("users");

        assertThat(merged.codec()).contains("kryo");
        assertThat(merged.statistics()).contains(false);
        assertThat(merged.expiry()).contains(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofMinutes(1)));
        assertThat(merged.allowedPackages()).contains(Set.of("com.a"));
        assertThat(merged.keyPrefix()).contains("app");
        assertThat(merged.management()).isEmpty();
    }

    @Test
    void matchingWorksTheSameThroughTheConfigurationFile() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "defaults:",
                "  codec: json",
                "  key-prefix: app",
                "caches:",
                "  '*':",
                "    statistics: true",
                "  'hibernate.*':",
                "    codec: kryo",
                "  'hibernate.timestamps':",
                "    key-prefix: ts",
                ""));

        assertThat(configuration.templateFor("hibernate.timestamps").codec()).contains("json");
        assertThat(configuration.templateFor("hibernate.timestamps").statistics()).isEmpty();
        assertThat(configuration.keyPrefixFor("hibernate.timestamps")).isEqualTo("ts");
        assertThat(configuration.templateFor("hibernate.User").codec()).contains("kryo");
        assertThat(configuration.templateFor("hibernate.User").statistics()).isEmpty();
        assertThat(configuration.templateFor("orders").statistics()).contains(true);
        assertThat(configuration.keyPrefixFor("orders")).isEqualTo("app");
    }

    @Test
    void theKeyPrefixDefaultsToJcache() {
        ManagerConfiguration configuration = loadYaml(directory, "caches:\n  users:\n    key-prefix: u\n");

        assertThat(configuration.keyPrefixFor("users")).isEqualTo("u");
        assertThat(configuration.keyPrefixFor("orders")).isEqualTo("jcache");
    }

    @Test
    void aCacheNamedLikeANumberIsMatchedByItsText() {
        ManagerConfiguration configuration = loadYaml(directory, "caches:\n  2024:\n    codec: kryo\n");

        assertThat(configuration.templateFor("2024").codec()).contains("kryo");
    }
}
