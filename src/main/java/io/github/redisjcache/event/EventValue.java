package io.github.redisjcache.event;

import java.io.Serializable;

/**
 * A value an event carries: known already (events of this instance), or stored bytes decoded when a listener first
 * reads them (events of other instances), so that listeners that never read values never pay for decoding them.
 *
 * @param <V> the value type
 */
abstract class EventValue<V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final EventValue<?> NONE = new Known<>(null);

    /** @return the value, or null when there is none */
    abstract V get();

    /** @return whether the event has a value (which may still be undecoded) */
    abstract boolean isPresent();

    @SuppressWarnings("unchecked")
    static <V> EventValue<V> of(V value) {
        return value == null ? (EventValue<V>) NONE : new Known<>(value);
    }

    /**
     * A value decoded on first use. A failure to decode is thrown from that use, as the codec's
     * {@link io.github.redisjcache.codec.CodecException}, to the listener that read it.
     */
    static <V> EventValue<V> decoded(byte[] bytes, EventDecoder<?, V> decoder) {
        return bytes == null ? of(null) : new Decoded<>(bytes, decoder);
    }

    private static final class Known<V> extends EventValue<V> {
        private static final long serialVersionUID = 1L;
        private final V value;

        Known(V value) {
            this.value = value;
        }

        @Override
        V get() {
            return value;
        }

        @Override
        boolean isPresent() {
            return value != null;
        }
    }

    private static final class Decoded<V> extends EventValue<V> {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;
        private final transient EventDecoder<?, V> decoder;
        private transient volatile V value;

        Decoded(byte[] bytes, EventDecoder<?, V> decoder) {
            this.bytes = bytes;
            this.decoder = decoder;
        }

        @Override
        V get() {
            V decodedValue = value;
            if (decodedValue == null) {
                synchronized (this) {
                    decodedValue = value;
                    if (decodedValue == null) {
                        decodedValue = decoder.value(bytes);
                        value = decodedValue;
                    }
                }
            }
            return decodedValue;
        }

        @Override
        boolean isPresent() {
            return true;
        }

        /** Serialized as the value itself: the bytes mean nothing without this instance's codec. */
        private Object writeReplace() {
            return new Known<>(get());
        }
    }
}
