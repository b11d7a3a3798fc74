package io.github.redisjcache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the scripts look like when sent to Redis. */
class LuaScriptTest {

    @Test
    void commentLinesAndIndentationGoAndEveryLineKeepsItsNumber() {
        String text = "-- What the script does.\n"
                + "local key = KEYS[1]\n"
                + "\n"
                + "  -- Why it reads first.\n"
                + "  local old = redis.call('GET', key) -- the old value\n"
                + "return old";

        assertThat(LuaScript.compact(text)).isEqualTo(
                "\nlocal key = KEYS[1]\n\n\nlocal old = redis.call('GET', key) -- the old value\nreturn old");
    }

    @Test
    void theStoresScriptsShrinkAndKeepTheirLines() {
        for (LuaScript script : Scripts.ALL) {
            String source = script.source();
            assertThat(source.lines()).as(script.name())
                    .noneMatch(line -> line.startsWith("--") || line.startsWith(" "));
        }
        // mutate.lua goes with every acknowledged write that publishes an event: half its text was comments.
        assertThat(Scripts.MUTATE.source().length()).isLessThan(4_500);
    }

    @Test
    void longBracketsAreRefused() {
        assertThatThrownBy(() -> LuaScript.compact("local s = [[\n-- not a comment\n]]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("long brackets");
    }
}
