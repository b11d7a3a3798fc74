package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/** Bad arguments are refused before anything is sent, and nothing is written to Redis for them. */
@RedisTest
class DatabaseValidationTest {

    private Database db;

    @BeforeEach
    void connect() {
        db = Database.connect(ConnectionSettings.fromUri(TestRedis.get().uri()));
    }

    @AfterEach
    void disconnect(RespClient redis) {
        // Whatever a test tried, a refused call must not have reached Redis.
        assertThat(redis.dbSize()).isZero();
        db.close();
    }

    @Test
    void nullKeysAreRefused() {
        assertThatThrownBy(() -> db.get(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> db.set(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.setJson(null, new Person("Ann", 1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.exists(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.ttl(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyKeysAreRefused() {
        assertThatThrownBy(() -> db.get("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> db.set("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setJson("", new Person("Ann", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setWithExpiry("", "v", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.expire("", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullValuesAreRefused() {
        assertThatThrownBy(() -> db.set("k", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> db.setJson("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.setWithExpiry("k", null, 10)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.setJsonEx("k", null, 10)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aZeroOrNegativeTimeToLiveIsRefused() {
        assertThatThrownBy(() -> db.setWithExpiry("k", "v", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one millisecond");
        assertThatThrownBy(() -> db.setWithExpiry("k", "v", -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setWithExpiry("k", "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setJsonEx("k", new Person("Ann", 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setJsonEx("k", new Person("Ann", 1), Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.expire("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.expire("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBatchWithABadKeyOrValueSendsNothing() {
        Map<String, String> withNullValue = new HashMap<>();
        withNullValue.put("a", "1");
        withNullValue.put("b", null);

        assertThatThrownBy(() -> db.getAll(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.deleteAll(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setAll(Map.of("a", "1", "", "2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.setAll(withNullValue)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTypeRefWithoutATypeArgumentIsRefused() {
        @SuppressWarnings("rawtypes")
        class Raw extends TypeRef {
        }
        assertThatThrownBy(Raw::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type argument");
    }
}
