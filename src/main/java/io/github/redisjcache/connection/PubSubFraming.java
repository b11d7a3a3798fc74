package io.github.redisjcache.connection;

import org.redisson.client.NettyHook;
import org.redisson.client.handler.CommandPubSubDecoder;
import org.redisson.config.Config;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Puts {@link WholeReplies} in front of the decoder of every pub/sub connection Redisson opens, keeping whatever
 * Netty hook the configuration already had (a Redisson YAML file may name one).
 */
final class PubSubFraming implements NettyHook {

    static final String HANDLER_NAME = "redis-jcache-whole-replies";

    private final NettyHook delegate;

    private PubSubFraming(NettyHook delegate) {
        this.delegate = delegate;
    }

    /**
     * Installs the hook in a configuration.
     *
     * @param config the configuration Redisson is created from
     */
    static void install(Config config) {
        if (!(config.getNettyHook() instanceof PubSubFraming)) {
            config.setNettyHook(new PubSubFraming(config.getNettyHook()));
        }
    }

    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {
        delegate.afterBoostrapInitialization(bootstrap);
    }

    @Override
    public void afterChannelInitialization(Channel channel) {
        ChannelHandlerContext decoder = channel.pipeline().context(CommandPubSubDecoder.class);
        if (decoder != null && channel.pipeline().get(HANDLER_NAME) == null) {
            channel.pipeline().addBefore(decoder.name(), HANDLER_NAME, new WholeReplies());
        }
        delegate.afterChannelInitialization(channel);
    }
}
