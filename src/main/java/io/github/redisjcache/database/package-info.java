/** The seed's {@code Database} facade: typed get/set/delete, JSON, expiry and batch operations over a shared
 * connection, with failures logged once and thrown as {@link io.github.redisjcache.database.DatabaseException}. */
package io.github.redisjcache.database;
