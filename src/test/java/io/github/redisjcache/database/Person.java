package io.github.redisjcache.database;

/** A record as an application stores it; a TypeScript service writes it as {@code {"name":"Ann","age":36}}. */
public record Person(String name, int age) {
}
