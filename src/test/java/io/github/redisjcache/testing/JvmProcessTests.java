package io.github.redisjcache.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Scanner;

import org.junit.jupiter.api.Test;

/** The second-JVM helper: class path, arguments, properties, standard input, output, timeouts and kill. */
class JvmProcessTests {

    /** Echoes its argument and a property, then answers each line of input until "bye". */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("arg=" + args[0] + " prop=" + System.getProperty("jvm.process.test"));
            try (Scanner in = new Scanner(System.in, "UTF-8")) {
                while (in.hasNextLine()) {
                    String line = in.nextLine();
                    if (line.equals("bye")) {
                        System.exit(3);
                    }
                    System.out.println("got " + line);
                }
            }
        }
    }

    @Test
    void runsAMainClassOfThisClassPathWithArgumentsAndProperties() {
        try (JvmProcess jvm = JvmProcess.start(Echo.class, Map.of("jvm.process.test", "p1"), "a1")) {
            assertThat(jvm.awaitLine(line -> line.startsWith("arg="), Duration.ofSeconds(30)))
                    .isEqualTo("arg=a1 prop=p1");

            jvm.send("hello");
            assertThat(jvm.awaitLine(line -> line.startsWith("got"), Duration.ofSeconds(10))).isEqualTo("got hello");

            jvm.send("bye");
            assertThat(jvm.awaitExit(Duration.ofSeconds(10))).isEqualTo(3);
            assertThat(jvm.lines()).containsExactly("arg=a1 prop=p1", "got hello");
        }
    }

    @Test
    void awaitingALineThatNeverComesFailsWithTheOutput() {
        try (JvmProcess jvm = JvmProcess.start(Echo.class, Map.of(), "quiet")) {
            assertThatThrownBy(() -> jvm.awaitLine("never"::equals, Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("arg=quiet");
        }
    }

    @Test
    void closeKillsAProcessThatStillRuns() {
        JvmProcess jvm = JvmProcess.start(Echo.class, Map.of(), "x");
        jvm.awaitLine(line -> line.startsWith("arg="), Duration.ofSeconds(30));

        jvm.close();

        assertThat(ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }
}
