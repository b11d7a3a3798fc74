/** The JCache provider and its cache managers, which keep caches in Redis. */
package io.github.redisjcache;
