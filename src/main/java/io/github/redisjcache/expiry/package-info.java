/** Expiry policies as Redis times to live: fixed for the built-in policies, asked at each operation otherwise. */
package io.github.redisjcache.expiry;
