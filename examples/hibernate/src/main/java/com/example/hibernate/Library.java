package com.example.hibernate;

import java.util.Map;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Builds the session factory: the settings are in {@code hibernate.properties} (which Hibernate reads from the
 * classpath), the second-level cache ones included; {@code overrides} replaces some (the tests give each factory its
 * own database URL).
 */
public final class Library {

    private Library() {
    }

    public static SessionFactory sessionFactory(Map<String, ?> overrides) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Book.class);
        configuration.getProperties().putAll(overrides);
        return configuration.buildSessionFactory();
    }
}
