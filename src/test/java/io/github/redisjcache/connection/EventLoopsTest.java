package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RBucket;
import org.redisson.client.codec.ByteArrayCodec;

import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/** A connection's Netty event loops are its own: daemon threads, ended with it, and never a reason to hang a close. */
@RedisTest
class EventLoopsTest {

    @Test
    void theEventLoopsAreDaemonThreadsThatEndWithTheConnection() throws Exception {
        ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(
                ConnectionSettings.fromUri(TestRedis.get().uri() + "?netty-threads=3&client-name=event-loops-daemons"));
        EventLoopGroup group = lease.connection().client().getConfig().getEventLoopGroup();
        writeAndRead(lease.connection(), "event-loops-daemons");

        List<Thread> threads = threadsOf(group);
        assertThat(threads).hasSize(3).allSatisfy(thread -> {
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith(EventLoops.THREAD_PREFIX);
        });

        lease.close();
        assertThat(group.isTerminated()).isTrue();
        assertThat(lease.connection().isShutdown()).isTrue();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(thread.isAlive()).isFalse();
        }
    }

    @Test
    void aRedissonFileGetsDaemonEventLoopsOfItsTransportAndSize(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("redisson.yaml"), """
                singleServerConfig:
                  address: "redis://%s:%d"
                  clientName: "event-loops-yaml"
                nettyThreads: 2
                transportMode: "NIO"
                """.formatted(TestRedis.get().host(), TestRedis.get().port()));

        try (ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(
                ConnectionSettings.fromRedissonYaml(file.toString()))) {
            writeAndRead(lease.connection(), "event-loops-yaml");
            EventLoopGroup group = lease.connection().client().getConfig().getEventLoopGroup();

            assertThat(lease.connection().executor().getServiceManager().getSocketChannelClass())
                    .isEqualTo(NioSocketChannel.class);
            assertThat(threadsOf(group)).hasSize(2).allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
        }
    }

    @Test
    @Timeout(30)
    void anEventLoopThatNeverEndsIsLeftBehindAsADaemonAfterTheBound() throws Exception {
        SharedConnection connection = SharedConnection.open(
                ConnectionSettings.fromUri(TestRedis.get().uri() + "?client-name=event-loops-stuck"));
        writeAndRead(connection, "event-loops-stuck");
        EventLoopGroup group = connection.client().getConfig().getEventLoopGroup();
        CountDownLatch stuck = new CountDownLatch(1);
        CompletableFuture<Thread> stuckThread = new CompletableFuture<>();
        // Stands for an event loop that never finishes its cleanup, as io_uring's once did.
        group.next().execute(() -> {
            stuckThread.complete(Thread.currentThread());
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Duration bound = Duration.ofSeconds(3);

        long start = System.nanoTime();
        connection.shutdown(bound);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        try {
            assertThat(waited).isBetween(bound.minusMillis(100), bound.plusSeconds(3));
            Thread thread = stuckThread.get(5, TimeUnit.SECONDS);
            assertThat(thread.isAlive()).isTrue();
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            stuck.countDown();
        }
        Eventually.await(Duration.ofSeconds(10), "the event loops ended once freed", group::isTerminated);
    }

    @Test
    void aConnectionThatFailsEndsTheEventLoopsItMade() {
        Set<Thread> before = eventLoopThreads();
        int port;
        try (RedisServer stopped = RedisServer.start()) {
            port = stopped.port();
        }

        assertThat(catchThrowableOfType(ConnectionFailedException.class, () -> ConnectionRegistry.acquire(
                ConnectionSettings.fromUri("redis://127.0.0.1:" + port + "?connect-timeout=300ms&retry-attempts=0"))))
                .isNotNull();

        Eventually.await(Duration.ofSeconds(5), "the failed connection's event loop threads ended", () -> {
            Set<Thread> left = eventLoopThreads();
            left.removeAll(before);
            return left.isEmpty();
        });
    }

    private static Set<Thread> eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(EventLoops.THREAD_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void writeAndRead(SharedConnection connection, String name) {
        RBucket<byte[]> bucket = connection.client().getBucket("event-loops-test:" + name, ByteArrayCodec.INSTANCE);
        byte[] value = name.getBytes(StandardCharsets.UTF_8);
        bucket.set(value);
        assertThat(bucket.getAndDelete()).isEqualTo(value);
    }

    private static List<Thread> threadsOf(EventLoopGroup group) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (EventExecutor loop : group) {
            threads.add(loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
        }
        return threads;
    }
}
