/** Naming of every Redis key and channel: one helper validates the parts and is the only place keys are made. */
package io.github.redisjcache.keys;
