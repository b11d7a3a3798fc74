package io.github.redisjcache.database;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Records what the {@link Database} logger writes, so tests can check what a failure logs and what it hides. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts recording the {@code io.github.redisjcache.database.Database} logger. */
    static LogCapture database() {
        return new LogCapture((Logger) LoggerFactory.getLogger(Database.class));
    }

    /** Starts recording everything that reaches the root logger: the library's loggers and Redisson's. */
    static LogCapture everything() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** @return the events recorded so far at ERROR */
    List<ILoggingEvent> errors() {
        return events().stream().filter(event -> event.getLevel() == Level.ERROR).collect(Collectors.toList());
    }

    /** @return every event recorded so far */
    List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** @return every recorded message, formatted, with the text of its exception if any, one per line */
    String allText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getFormattedMessage()).append('\n');
            for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    void clear() {
        synchronized (appender.list) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
