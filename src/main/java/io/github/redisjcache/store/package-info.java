/**
 * Cache entries in Redis as bytes: native commands where one suffices, {@code mutate.lua} for conditional changes
 * and events ({@code swap.lua} for a compare-and-set nobody listens to, or one {@code SET ... IFEQ},
 * {@code DELEX ... IFEQ} or {@code DELIFEQ} where the server has it; {@code putpublish.lua} for a put someone hears;
 * {@code putkeep.lua} for a put nobody hears that creates with a time to live and keeps it on update;
 * {@code putall.lua}, or one {@code MSETEX} where the server has it, for a putAll nobody hears), batches sent in one
 * round trip per node, and chunked scans.
 */
package io.github.redisjcache.store;
