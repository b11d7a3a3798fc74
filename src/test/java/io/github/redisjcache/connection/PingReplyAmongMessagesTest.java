package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RFuture;
import org.redisson.client.ChannelName;
import org.redisson.client.RedisClient;
import org.redisson.client.RedisClientConfig;
import org.redisson.client.RedisPubSubConnection;
import org.redisson.client.RedisPubSubListener;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.handler.CommandBatchEncoder;
import org.redisson.client.handler.CommandEncoder;
import org.redisson.client.handler.CommandPubSubDecoder;
import org.redisson.client.handler.CommandsQueuePubSub;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.config.Config;

import io.github.redisjcache.support.Eventually;

/**
 * The read that makes Redisson 4.7.0's pub/sub decoder lose a message, replayed byte for byte on Redisson's own
 * pipeline: the reply to a keep-alive PING, a message, and the start of the next message (see {@link WholeReplies}).
 */
class PingReplyAmongMessagesTest {

    private static final String SUBSCRIBED = "*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n";
    private static final String PONG = "*2\r\n$4\r\npong\r\n$0\r\n\r\n";

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private RedisClient client;

    @AfterEach
    void shutDown() {
        if (client != null) {
            client.shutdown();
        }
        executor.shutdownNow();
    }

    @Test
    void withWholeRepliesEveryMessageArrives() {
        assertThat(messagesAfterPingReplyAndSplitMessage(true)).containsExactly("m1", "m2", "m3");
    }

    /** Shows the fault worked around: should a Redisson release fix it, this test says the framing can go. */
    @Test
    void redissonAloneLosesTheSplitMessage() {
        assertThat(messagesAfterPingReplyAndSplitMessage(false)).containsExactly("m1", "m3");
    }

    private List<String> messagesAfterPingReplyAndSplitMessage(boolean framed) {
        RedisClientConfig config = new RedisClientConfig();
        config.setAddress("redis://127.0.0.1:1");
        config.setExecutor(executor);
        // Never connects: the channel is an embedded one, fed by hand.
        config.setResolverGroup(DefaultAddressResolverGroup.INSTANCE);
        client = RedisClient.create(config);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new CommandEncoder(config.getCommandMapper()), CommandBatchEncoder.INSTANCE,
                new CommandsQueuePubSub(), new CommandPubSubDecoder(client.getConfig()));
        if (framed) {
            Config redisson = new Config();
            PubSubFraming.install(redisson);
            redisson.getNettyHook().afterChannelInitialization(channel);
        }
        RedisPubSubConnection connection = new RedisPubSubConnection(client, channel, new CompletableFuture<>());
        List<String> received = new CopyOnWriteArrayList<>();
        ChannelName name = new ChannelName("ch");
        connection.addListener(name, new RedisPubSubListener<byte[]>() {
            @Override
            public void onMessage(CharSequence channelName, byte[] message) {
                received.add(new String(message, StandardCharsets.UTF_8));
            }
        });
        connection.subscribe(ByteArrayCodec.INSTANCE, name);
        receive(channel, SUBSCRIBED);

        RFuture<Object> ping = connection.async(StringCodec.INSTANCE, RedisCommands.PING);
        String second = message("m2");
        int split = second.length() / 2;
        receive(channel, PONG + message("m1") + second.substring(0, split));
        receive(channel, second.substring(split));
        receive(channel, message("m3"));

        Eventually.await(Duration.ofSeconds(5), "the PING's reply and the last message",
                () -> ping.isDone() && received.contains("m3"));
        return received;
    }

    private static String message(String payload) {
        return "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$" + payload.length() + "\r\n" + payload + "\r\n";
    }

    private static void receive(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }
}
