package com.example.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.CacheManager;
import javax.cache.Caching;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.redisjcache.RedisCachingProvider;
import io.github.redisjcache.testing.RedisTest;

/**
 * Two instances of the application, two session factories on one database and one Redis, see each other's cached
 * data: what one caches is a hit in the other, without a query, and what one changes the other does not read stale.
 *
 * <p>Both run in this JVM. Hibernate asks JCache for the cache manager of (URI, provider's class loader), which
 * would be one manager for both factories, and closes it when a factory closes. So instance B is handed a cache
 * manager of its own ({@code hibernate.javax.cache.cache_manager}), made with a class loader of its own that
 * delegates to the application's: as in another JVM, B shares nothing with A but Redis and the database.
 */
@ExtendWith(UseTestRedis.class)
@RedisTest
class TwoInstancesTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SessionFactory a;
    private SessionFactory b;

    @BeforeEach
    void startTwoInstances() throws Exception {
        String database = "jdbc:h2:mem:shared-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        a = Library.sessionFactory(Map.of("hibernate.connection.url", database));
        ClassLoader own = new URLClassLoader("instance-B", new URL[0], getClass().getClassLoader());
        CacheManager managerB = Caching.getCachingProvider(RedisCachingProvider.class.getName())
                .getCacheManager(getClass().getClassLoader().getResource("redis-jcache.yaml").toURI(), own);
        b = Library.sessionFactory(Map.of("hibernate.connection.url", database,
                "hibernate.javax.cache.cache_manager", managerB));
        assertThat(SecondLevelCacheTest.cacheManager(b)).isNotSameAs(SecondLevelCacheTest.cacheManager(a));
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void anEntityLoadedByOneInstanceIsAHitInTheOther() {
        long id = SecondLevelCacheTest.saveBooks(a); // cached by A as it inserts
        Statistics statisticsB = b.getStatistics();
        statisticsB.clear();

        Book book = b.fromSession(session -> session.find(Book.class, id));

        assertThat(book.getTitle()).isEqualTo("The Left Hand of Darkness");
        assertThat(statisticsB.getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(statisticsB.getPrepareStatementCount()).isZero();
    }

    @Test
    void aNaturalIdResolvedByOneInstanceIsAHitInTheOther() {
        SecondLevelCacheTest.saveBooks(a);
        a.inSession(session -> session.bySimpleNaturalId(Book.class).load("978-0-06-051275-0"));
        Statistics statisticsB = b.getStatistics();
        statisticsB.clear();

        Book book = b.fromSession(session -> session.bySimpleNaturalId(Book.class).load("978-0-06-051275-0"));

        assertThat(book.getTitle()).isEqualTo("The Dispossessed");
        assertThat(statisticsB.getNaturalIdCacheHitCount()).isEqualTo(1);
        assertThat(statisticsB.getPrepareStatementCount()).isZero();
    }

    @Test
    void anUpdateByOneInstanceIsWhatTheOtherReads() {
        long id = SecondLevelCacheTest.saveBooks(a);
        a.inSession(session -> session.find(Book.class, id));

        b.inTransaction(session -> session.find(Book.class, id).setTitle("Changed by B"));
        Statistics statisticsA = a.getStatistics();
        statisticsA.clear();

        assertThat(a.fromSession(session -> session.find(Book.class, id)).getTitle()).isEqualTo("Changed by B");
        assertThat(statisticsA.getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(statisticsA.getPrepareStatementCount()).isZero();
    }

    @Test
    void aQueryCachedByOneInstanceIsAHitInTheOtherUntilATableChanges() {
        long id = SecondLevelCacheTest.saveBooks(a);
        String query = "select b.title from Book b where b.author.name = :name order by b.title";
        List<String> cachedByA = SecondLevelCacheTest.titles(a, query);
        Statistics statisticsB = b.getStatistics();
        statisticsB.clear();

        assertThat(SecondLevelCacheTest.titles(b, query)).isEqualTo(cachedByA);
        assertThat(statisticsB.getQueryCacheHitCount()).isEqualTo(1);
        assertThat(statisticsB.getPrepareStatementCount()).isZero();

        // A changes the table: B's next run of the query is a miss and reads the new title from the database
        a.inTransaction(session -> session.find(Book.class, id).setTitle("A Wizard of Earthsea"));
        statisticsB.clear();

        assertThat(SecondLevelCacheTest.titles(b, query)).containsExactly("A Wizard of Earthsea", "The Dispossessed");
        assertThat(statisticsB.getQueryCacheHitCount()).isZero();
    }

    @Test
    void evictingAllRegionsInOneInstanceEmptiesThemForBoth() {
        long id = SecondLevelCacheTest.saveBooks(a);
        SecondLevelCacheTest.titles(a, "select b.title from Book b where b.author.name = :name");

        b.getCache().evictAllRegions();
        Statistics statisticsA = a.getStatistics();
        statisticsA.clear();

        a.inSession(session -> session.find(Book.class, id));
        assertThat(statisticsA.getSecondLevelCacheHitCount()).isZero();
        assertThat(statisticsA.getSecondLevelCacheMissCount()).isEqualTo(1);
    }
}
