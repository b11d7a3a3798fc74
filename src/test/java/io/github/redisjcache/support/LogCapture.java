package io.github.redisjcache.support;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Records what a logger writes, so tests can check what a failure logs and what it hides. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Starts recording the logger of a class.
     *
     * @param loggingClass the class whose logger to record
     * @return the capture, to close when done
     */
    public static LogCapture of(Class<?> loggingClass) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggingClass));
    }

    /** Starts recording everything that reaches the root logger: the library's loggers and Redisson's. */
    public static LogCapture everything() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** @return the events recorded so far at ERROR */
    public List<ILoggingEvent> errors() {
        return events().stream().filter(event -> event.getLevel() == Level.ERROR).collect(Collectors.toList());
    }

    /** @return every event recorded so far */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** @return every recorded message, formatted, with the text of its exception if any, one per line */
    public String allText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getFormattedMessage()).append('\n');
            for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    public void clear() {
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
