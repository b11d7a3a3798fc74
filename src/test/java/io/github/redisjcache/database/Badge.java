package io.github.redisjcache.database;

import java.util.Objects;

/**
 * A class with only a one-argument constructor and final fields, one of them derived: no setters, no no-argument
 * constructor, nothing for a JSON library to call but the fields themselves.
 */
public final class Badge {

    private final String holder;
    private final int level;

    public Badge(String holder) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.level = holder.length();
    }

    public String holder() {
        return holder;
    }

    public int level() {
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Badge other && holder.equals(other.holder) && level == other.level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(holder, level);
    }

    @Override
    public String toString() {
        return "Badge{" + holder + ", " + level + "}";
    }
}
