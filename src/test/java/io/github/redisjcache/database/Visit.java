package io.github.redisjcache.database;

import java.time.Instant;
import java.util.List;

/** A record with a timestamp and a list, as a TypeScript service writes them: an ISO string and an array. */
public record Visit(Instant at, List<String> pages) {
}
