/** Connections to Redis: settings (URI, properties, Redisson YAML), and the process-wide registry that shares one
 * reference-counted Redisson client per settings value. */
package io.github.redisjcache.connection;
