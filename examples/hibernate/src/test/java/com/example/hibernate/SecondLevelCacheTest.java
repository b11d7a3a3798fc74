package com.example.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

import org.hibernate.SessionFactory;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.cache.spi.RegionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.redisjcache.RedisCachingProvider;
import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

@ExtendWith(UseTestRedis.class)
@RedisTest
class SecondLevelCacheTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final List<String> REGIONS = List.of("com.example.hibernate.Book", "com.example.hibernate.Book##NaturalId",
            "com.example.hibernate.Author", "com.example.hibernate.Author.books", "default-query-results-region",
            "default-update-timestamps-region");

    private SessionFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    /** A session factory on a database of its own, with the settings of hibernate.properties. */
    static SessionFactory newFactory(Map<String, ?> overrides) {
        Map<String, Object> settings = new java.util.HashMap<>(overrides);
        settings.putIfAbsent("hibernate.connection.url",
                "jdbc:h2:mem:library-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return Library.sessionFactory(settings);
    }

    /** Saves an author with two books; returns the first book's id. */
    static long saveBooks(SessionFactory factory) {
        return factory.fromTransaction(session -> {
            Author author = new Author("Ursula K. Le Guin");
            session.persist(author);
            Book first = new Book("978-0-441-47812-5", "The Left Hand of Darkness", author);
            session.persist(first);
            session.persist(new Book("978-0-06-051275-0", "The Dispossessed", author));
            return first.getId();
        });
    }

    @Test
    void regionsAreCreatedFromTheTemplatesWithoutWarnings() {
        try (LogCapture log = new LogCapture()) {
            factory = newFactory(Map.of());
            saveBooks(factory);
            factory.inSession(session -> session.createSelectionQuery("from Book", Book.class).setCacheable(true)
                    .getResultList());

            assertThat(log.messages()).noneMatch(message -> message.contains("HHH90001006"));
        }

        CacheManager manager = cacheManager(factory);
        assertThat(manager.getCachingProvider()).isInstanceOf(RedisCachingProvider.class);
        for (String region : REGIONS) {
            Cache<Object, Object> cache = manager.getCache(region);
            assertThat(cache).as(region).isNotNull();
            RedisCacheConfiguration<?, ?> configuration = cache.getConfiguration(RedisCacheConfiguration.class);
            assertThat(configuration.getCodec()).as(region).isEqualTo("kryo");
            assertThat(configuration.isStatisticsEnabled()).as(region).isTrue();
        }
        assertThat(expiry(manager, "com.example.hibernate.Book").getExpiryForUpdate())
                .isEqualTo(new Duration(java.util.concurrent.TimeUnit.HOURS, 1));
        assertThat(expiry(manager, "default-query-results-region").getExpiryForCreation())
                .isEqualTo(new Duration(java.util.concurrent.TimeUnit.MINUTES, 10));
        assertThat(expiry(manager, "default-update-timestamps-region").getExpiryForCreation())
                .isEqualTo(Duration.ETERNAL);
        try (RespClient redis = TestRedis.get().client()) {
            assertThat(redis.callList("KEYS", "jcache:com.example.hibernate.Book:*")).hasSize(2);
        }
    }

    @Test
    void withHibernatesDefaultStrategyTheWarningWouldAppear() {
        try (LogCapture log = new LogCapture()) {
            factory = newFactory(Map.of("hibernate.javax.cache.missing_cache_strategy", "create-warn"));
            assertThat(log.messages()).anyMatch(message -> message.contains("HHH90001006"));
        }
    }

    @Test
    void entitiesComeFromTheCache() {
        factory = newFactory(Map.of());
        long id = saveBooks(factory);
        Statistics statistics = factory.getStatistics();
        statistics.clear();

        Book book = factory.fromSession(session -> session.find(Book.class, id));

        assertThat(book.getTitle()).isEqualTo("The Left Hand of Darkness");
        assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(statistics.getPrepareStatementCount()).isZero();
    }

    @Test
    void naturalIdsComeFromTheCache() {
        factory = newFactory(Map.of());
        saveBooks(factory);
        Statistics statistics = factory.getStatistics();
        statistics.clear();

        Book book = factory.fromSession(session -> session.bySimpleNaturalId(Book.class).load("978-0-06-051275-0"));

        assertThat(book.getTitle()).isEqualTo("The Dispossessed");
        assertThat(statistics.getNaturalIdCacheHitCount()).isEqualTo(1);
        assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(1); // the entity, by the id found
        assertThat(statistics.getPrepareStatementCount()).isZero();
    }

    @Test
    void collectionsComeFromTheCache() {
        factory = newFactory(Map.of());
        long id = saveBooks(factory);
        long authorId = factory.fromSession(session -> session.find(Book.class, id).getAuthor().getId());
        Statistics statistics = factory.getStatistics();
        factory.inSession(session -> session.find(Author.class, authorId).getBooks().size()); // loads and caches
        statistics.clear();

        int books = factory.fromSession(session -> session.find(Author.class, authorId).getBooks().size());

        assertThat(books).isEqualTo(2);
        assertThat(statistics.getCollectionLoadCount()).isZero();
        assertThat(statistics.getDomainDataRegionStatistics("com.example.hibernate.Author.books").getHitCount())
                .isEqualTo(1);
        assertThat(statistics.getPrepareStatementCount()).isZero();
    }

    @Test
    void queryResultsComeFromTheCacheUntilATableChanges() {
        factory = newFactory(Map.of());
        long id = saveBooks(factory);
        Statistics statistics = factory.getStatistics();
        String query = "select b.title from Book b where b.author.name = :name order by b.title";
        List<String> first = titles(factory, query);
        statistics.clear();

        List<String> second = titles(factory, query);

        assertThat(second).isEqualTo(first).containsExactly("The Dispossessed", "The Left Hand of Darkness");
        assertThat(statistics.getQueryCacheHitCount()).isEqualTo(1);
        assertThat(statistics.getPrepareStatementCount()).isZero();

        factory.inTransaction(session -> session.find(Book.class, id).setTitle("A Wizard of Earthsea"));
        statistics.clear();

        assertThat(titles(factory, query)).containsExactly("A Wizard of Earthsea", "The Dispossessed");
        assertThat(statistics.getQueryCacheHitCount()).isZero();
        assertThat(statistics.getQueryCacheMissCount()).isEqualTo(1);
    }

    static List<String> titles(SessionFactory factory, String query) {
        return factory.fromSession(session -> session.createSelectionQuery(query, String.class)
                .setParameter("name", "Ursula K. Le Guin")
                .setCacheable(true)
                .getResultList());
    }

    static CacheManager cacheManager(SessionFactory factory) {
        RegionFactory regionFactory = factory.getSessionFactoryOptions().getServiceRegistry()
                .getService(RegionFactory.class);
        return ((JCacheRegionFactory) regionFactory).getCacheManager();
    }

    private static ExpiryPolicy expiry(CacheManager manager, String region) {
        RedisCacheConfiguration<?, ?> configuration = manager.getCache(region)
                .getConfiguration(RedisCacheConfiguration.class);
        return configuration.getExpiryPolicyFactory().create();
    }
}
