package io.github.redisjcache.tck.beans;

import javax.cache.annotation.BeanProvider;

import org.jsr107.ri.annotations.guice.module.CacheAnnotationsModule;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * Hands the TCK's annotation tests their beans from a Guice injector with the JSR-107 RI's caching interceptors, which
 * reach the provider's default cache manager through {@code Caching.getCachingProvider()}. The TCK finds it through
 * {@code META-INF/services/javax.cache.annotation.BeanProvider} in {@code src/test/bean-providers/guice}.
 */
public final class GuiceBeanProvider implements BeanProvider {

    private final Injector injector = Guice.createInjector(new CacheAnnotationsModule());

    @Override
    public <T> T getBeanByType(Class<T> beanClass) {
        // The TCK's blog managers have public no-argument constructors: Guice builds them just in time, with the
        // interceptors woven in.
        return BeansServed.count(injector.getInstance(beanClass));
    }
}
