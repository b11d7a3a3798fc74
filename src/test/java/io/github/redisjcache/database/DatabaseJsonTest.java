package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * The facade's JSON: what is stored is the plain JSON a TypeScript service would write with {@code JSON.stringify},
 * and what such a service wrote reads back as the Java type asked for.
 */
@RedisTest
class DatabaseJsonTest {

    private static final TypeRef<List<Person>> PEOPLE = new TypeRef<>() { };

    private Database db;

    @BeforeEach
    void connect() {
        db = Database.connect(ConnectionSettings.fromUri(TestRedis.get().uri()));
    }

    @AfterEach
    void disconnect() {
        db.close();
    }

    @Test
    void aRecordIsStoredAsPlainJsonAndReadBack(RespClient redis) {
        db.setJson("user:1", new Person("Ann", 36));

        // JSON.stringify({name: "Ann", age: 36})
        assertThat(redis.callString("GET", "user:1")).isEqualTo("{\"name\":\"Ann\",\"age\":36}");
        assertThat(db.getJson("user:1", Person.class)).isEqualTo(new Person("Ann", 36));
    }

    @Test
    void aRecordWrittenByATypeScriptServiceIsRead(RespClient redis) {
        redis.call("SET", "user:2", "{\"age\":41,\"name\":\"Bo\"}");

        assertThat(db.getJson("user:2", Person.class)).isEqualTo(new Person("Bo", 41));
    }

    @Test
    void aClassWithOnlyAOneArgumentConstructorAndFinalFieldsRoundTrips(RespClient redis) {
        db.setJson("badge:1", new Badge("Cleo"));

        assertThat(redis.callString("GET", "badge:1")).isEqualTo("{\"holder\":\"Cleo\",\"level\":4}");
        assertThat(db.getJson("badge:1", Badge.class)).isEqualTo(new Badge("Cleo"));
    }

    @Test
    void aClassWithFinalFieldsIsReadFromJsonWrittenElsewhere(RespClient redis) {
        redis.call("SET", "badge:2", "{\"level\":3,\"holder\":\"Dan\"}");

        Badge badge = db.getJson("badge:2", Badge.class);

        assertThat(badge.holder()).isEqualTo("Dan");
        assertThat(badge.level()).isEqualTo(3);
    }

    @Test
    void aListIsStoredAsAPlainJsonArray(RespClient redis) {
        db.setJson("team:1", List.of(new Person("Ann", 36), new Person("Bo", 41)));

        // JSON.stringify([{name: "Ann", age: 36}, {name: "Bo", age: 41}]): no class name anywhere
        assertThat(redis.callString("GET", "team:1"))
                .isEqualTo("[{\"name\":\"Ann\",\"age\":36},{\"name\":\"Bo\",\"age\":41}]");
    }

    @Test
    void aGenericListIsReadWithATypeRef(RespClient redis) {
        redis.call("SET", "team:2", "[{\"name\":\"Ann\",\"age\":36},{\"age\":41,\"name\":\"Bo\"}]");

        List<Person> team = db.getJson("team:2", PEOPLE);

        assertThat(team).containsExactly(new Person("Ann", 36), new Person("Bo", 41));
    }

    @Test
    void aGenericListRoundTripsThroughTheFacade() {
        db.setJson("team:3", List.of(new Person("Cleo", 7)));

        assertThat(db.getJson("team:3", PEOPLE)).containsExactly(new Person("Cleo", 7));
    }

    @Test
    void aMapIsStoredAsAPlainJsonObject(RespClient redis) {
        db.setJson("scores", Map.of("ann", 3));

        assertThat(redis.callString("GET", "scores")).isEqualTo("{\"ann\":3}");
        assertThat(db.getJson("scores", new TypeRef<Map<String, Integer>>() { })).containsExactly(Map.entry("ann", 3));
    }

    @Test
    void stringsAndNumbersAreStoredAsJsonScalars(RespClient redis) {
        db.setJson("s", "text");
        db.setJson("n", 42);

        assertThat(redis.callString("GET", "s")).isEqualTo("\"text\"");
        assertThat(redis.callString("GET", "n")).isEqualTo("42");
        assertThat(db.getJson("s", String.class)).isEqualTo("text");
        assertThat(db.getJson("n", Integer.class)).isEqualTo(42);
    }

    @Test
    void timestampsAndNestedListsAreWrittenAsJavaScriptWritesThem(RespClient redis) {
        db.setJson("visit:1", new Visit(Instant.parse("2024-05-06T07:08:09.010Z"), List.of("/", "/cart")));

        // JSON.stringify({at: new Date("2024-05-06T07:08:09.010Z"), pages: ["/", "/cart"]})
        assertThat(redis.callString("GET", "visit:1"))
                .isEqualTo("{\"at\":\"2024-05-06T07:08:09.010Z\",\"pages\":[\"/\",\"/cart\"]}");
        assertThat(db.getJson("visit:1", Visit.class).pages()).containsExactly("/", "/cart");
    }

    @Test
    void storedJsonNullIsAFailureNotAMissingKey(RespClient redis) {
        redis.call("SET", "nothing", "null");

        assertThatThrownBy(() -> db.getJson("nothing", Person.class)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("JSON null");
    }

    @Test
    void getJsonOfAMissingKeyIsNull() {
        assertThat(db.getJson("missing", Person.class)).isNull();
        assertThat(db.getJson("missing", PEOPLE)).isNull();
    }

    @Test
    void setJsonExInSecondsStoresPlainJsonThatExpires(RespClient redis) {
        db.setJsonEx("temp-data", new Person("Ann", 36), 3600);

        assertThat(redis.callString("GET", "temp-data")).isEqualTo("{\"name\":\"Ann\",\"age\":36}");
        assertThat(redis.callLong("PTTL", "temp-data")).isBetween(3_590_000L, 3_600_000L);
    }

    @Test
    void setJsonExWithADurationSetsThatTimeToLive(RespClient redis) {
        db.setJsonEx("temp-data", new Person("Ann", 36), Duration.ofMinutes(2));

        assertThat(redis.callLong("PTTL", "temp-data")).isBetween(110_000L, 120_000L);
        assertThat(db.ttl("temp-data").timeLeft()).isPresent();
    }

    @Test
    void setJsonReplacesAnExpiringValueWithAPersistentOne(RespClient redis) {
        db.setJsonEx("k", new Person("Ann", 36), 60);

        db.setJson("k", new Person("Bo", 41));

        assertThat(redis.callLong("PTTL", "k")).isEqualTo(-1);
        assertThat(db.ttl("k").isPersistent()).isTrue();
    }
}
