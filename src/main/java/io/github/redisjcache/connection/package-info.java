/** Connections to Redis: settings (URI, properties, Redisson YAML), the process-wide registry that shares one
 * reference-counted Redisson client per settings value, and the bound on each caller's wait for its replies. */
package io.github.redisjcache.connection;
