package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.redisson.client.NettyHook;
import org.redisson.client.RedisClientConfig;
import org.redisson.client.handler.CommandDecoder;
import org.redisson.client.handler.CommandPubSubDecoder;
import org.redisson.config.Config;

/** PubSubFraming frames pub/sub connections only, and keeps the Netty hook the configuration had. */
class PubSubFramingTest {

    @Test
    void wholeRepliesGoBeforeTheDecoderOfPubSubConnectionsOnly() {
        Config config = new Config();
        PubSubFraming.install(config);
        EmbeddedChannel pubSub = new EmbeddedChannel(new CommandPubSubDecoder(clientConfig()));
        EmbeddedChannel commands = new EmbeddedChannel(new CommandDecoder("redis"));

        config.getNettyHook().afterChannelInitialization(pubSub);
        config.getNettyHook().afterChannelInitialization(commands);

        assertThat(pubSub.pipeline().names().indexOf(PubSubFraming.HANDLER_NAME))
                .isEqualTo(pubSub.pipeline().names().indexOf(pubSub.pipeline().context(CommandPubSubDecoder.class)
                        .name()) - 1);
        assertThat(pubSub.pipeline().get(PubSubFraming.HANDLER_NAME)).isInstanceOf(WholeReplies.class);
        assertThat(commands.pipeline().get(PubSubFraming.HANDLER_NAME)).isNull();
    }

    @Test
    void aHookTheConfigurationHadStillRunsAndIsWrappedOnce() {
        List<String> calls = new ArrayList<>();
        Config config = new Config();
        config.setNettyHook(new NettyHook() {
            @Override
            public void afterBoostrapInitialization(Bootstrap bootstrap) {
                calls.add("bootstrap");
            }

            @Override
            public void afterChannelInitialization(Channel channel) {
                calls.add("channel");
            }
        });
        PubSubFraming.install(config);
        NettyHook installed = config.getNettyHook();
        PubSubFraming.install(config);

        assertThat(config.getNettyHook()).isSameAs(installed).isInstanceOf(PubSubFraming.class);
        installed.afterBoostrapInitialization(new Bootstrap());
        installed.afterChannelInitialization(new EmbeddedChannel(new CommandPubSubDecoder(clientConfig())));
        assertThat(calls).containsExactly("bootstrap", "channel");
    }

    private static RedisClientConfig clientConfig() {
        return new RedisClientConfig().setAddress("redis://127.0.0.1:1");
    }
}
