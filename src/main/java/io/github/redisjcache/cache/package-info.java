/** The {@link javax.cache.Cache} over Redis: single-key operations, bulk operations, iteration, entry processors. */
package io.github.redisjcache.cache;
