/** Entry processors: the entry a processor sees, and the results of {@code invokeAll}. */
package io.github.redisjcache.processor;
