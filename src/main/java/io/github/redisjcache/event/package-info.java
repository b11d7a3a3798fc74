/** Entry events: local listener registrations and delivery, and their propagation between JVMs over pub/sub. */
package io.github.redisjcache.event;
