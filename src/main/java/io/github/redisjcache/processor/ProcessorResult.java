package io.github.redisjcache.processor;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * The result of one entry processor call in {@code invokeAll}: a value, or the exception it ended with.
 *
 * @param <T> the result type
 */
public final class ProcessorResult<T> implements EntryProcessorResult<T> {

    private final T value;
    private final EntryProcessorException failure;

    private ProcessorResult(T value, EntryProcessorException failure) {
        this.value = value;
        this.failure = failure;
    }

    /**
     * A successful result.
     *
     * @param value the processor's result
     * @param <T>   the result type
     * @return the result
     */
    public static <T> ProcessorResult<T> of(T value) {
        return new ProcessorResult<>(value, null);
    }

    /**
     * A failed result.
     *
     * @param failure the failure
     * @param <T>     the result type
     * @return the result
     */
    public static <T> ProcessorResult<T> failed(Exception failure) {
        return new ProcessorResult<>(null, failure instanceof EntryProcessorException
                ? (EntryProcessorException) failure : new EntryProcessorException(failure));
    }

    @Override
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
