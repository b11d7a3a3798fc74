/** Cache manager and cache configuration: the YAML configuration file, URI forms and property overrides, templates,
 * merging them with the configuration an application requests, and the configuration stored in Redis. */
package io.github.redisjcache.config;
