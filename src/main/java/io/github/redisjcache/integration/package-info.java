/** Read-through and write-through: the cache's loader and writer, with the specification's exception rules. */
package io.github.redisjcache.integration;
