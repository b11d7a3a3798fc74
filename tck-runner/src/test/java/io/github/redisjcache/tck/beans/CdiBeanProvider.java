package io.github.redisjcache.tck.beans;

import javax.cache.annotation.BeanProvider;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jsr107.ri.annotations.cdi.BeanManagerUtil;
import org.jsr107.ri.annotations.cdi.CacheLookupUtil;
import org.jsr107.ri.annotations.cdi.CachePutInterceptor;
import org.jsr107.ri.annotations.cdi.CacheRemoveAllInterceptor;
import org.jsr107.ri.annotations.cdi.CacheRemoveEntryInterceptor;
import org.jsr107.ri.annotations.cdi.CacheResultInterceptor;
import org.jsr107.ri.annotations.cdi.InterceptorExtension;

import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;

/**
 * Hands the TCK's annotation tests their beans from a Weld SE container with the JSR-107 RI's CDI interceptors, which
 * reach the provider's default cache manager through {@code Caching.getCachingProvider()}. The TCK's jars have no
 * {@code beans.xml}, so the container is built from an explicit list of classes instead of scanning the classpath.
 * The TCK finds it through {@code META-INF/services/javax.cache.annotation.BeanProvider} in
 * {@code src/test/bean-providers/cdi}.
 */
public final class CdiBeanProvider implements BeanProvider {

    /** The RI's interceptors, declared as beans and enabled (as its own {@code beans.xml} would). */
    private static final Class<?>[] INTERCEPTORS = {CacheResultInterceptor.class, CachePutInterceptor.class,
        CacheRemoveEntryInterceptor.class, CacheRemoveAllInterceptor.class};

    private final WeldContainer container;

    public CdiBeanProvider() {
        container = new Weld("redis-jcache-tck")
                .disableDiscovery()
                .beanClasses(CacheNameOnEachMethodBlogManagerImpl.class, ClassLevelCacheConfigBlogManagerImpl.class,
                        UsingDefaultCacheNameBlogManagerImpl.class, CacheLookupUtil.class, BeanManagerUtil.class)
                .addBeanClasses(INTERCEPTORS)
                .interceptors(INTERCEPTORS)
                // Makes the JSR-107 annotations interceptor bindings; with discovery off, Weld does not load it from
                // the RI's META-INF/services.
                .addExtension(new InterceptorExtension())
                .initialize();
    }

    @Override
    public <T> T getBeanByType(Class<T> beanClass) {
        return BeansServed.count(container.select(beanClass).get());
    }
}
