package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.event.EventType;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.codec.CodecException;

/** Events whose values are decoded when first read. */
class EntryEventTest {

    private final AtomicInteger decoded = new AtomicInteger();

    private final EventDecoder<String, String> decoder = new EventDecoder<>() {
        @Override
        public String key(byte[] entryKey) {
            return new String(entryKey, StandardCharsets.UTF_8);
        }

        @Override
        public String value(byte[] bytes) {
            decoded.incrementAndGet();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.equals("corrupt")) {
                throw new CodecException("cannot decode");
            }
            return text;
        }
    };

    @SuppressWarnings("unchecked")
    private static final Cache<String, String> CACHE = (Cache<String, String>) Proxy.newProxyInstance(
            EntryEventTest.class.getClassLoader(), new Class<?>[]{Cache.class}, (proxy, method, args) -> null);

    private EventValue<String> lazy(String text) {
        return EventValue.decoded(text.getBytes(StandardCharsets.UTF_8), decoder);
    }

    @Test
    void valuesAreDecodedOnFirstReadAndOnlyOnce() {
        EntryEvent<String, String> event = new EntryEvent<>(CACHE, EventType.UPDATED, "k", lazy("new"), lazy("old"));

        assertThat(decoded).hasValue(0);
        assertThat(event.isOldValueAvailable()).isTrue();
        assertThat(event.getValue()).isEqualTo("new");
        assertThat(event.getValue()).isEqualTo("new");
        assertThat(decoded).hasValue(1);
        assertThat(event.getOldValue()).isEqualTo("old");
        assertThat(decoded).hasValue(2);
    }

    @Test
    void anEventWithoutOldValueSharesTheUndecodedValue() {
        EntryEvent<String, String> event = new EntryEvent<>(CACHE, EventType.UPDATED, "k", lazy("new"), lazy("old"));
        EntryEvent<String, String> withoutOld = event.withoutOldValue();

        assertThat(withoutOld.isOldValueAvailable()).isFalse();
        assertThat(withoutOld.getOldValue()).isNull();
        assertThat(withoutOld.getValue()).isEqualTo("new");
        assertThat(event.getValue()).isEqualTo("new");
        assertThat(decoded).hasValue(1);
    }

    @Test
    void aValueThatCannotBeDecodedFailsItsReadOnly() {
        EntryEvent<String, String> event = new EntryEvent<>(CACHE, EventType.UPDATED, "k", lazy("corrupt"),
                lazy("old"));

        assertThat(event.getKey()).isEqualTo("k");
        assertThat(event.getOldValue()).isEqualTo("old");
        assertThatThrownBy(event::getValue).isInstanceOf(CodecException.class);
    }

    @Test
    void aSerializedEventCarriesItsDecodedValues() throws Exception {
        EntryEvent<String, String> event = new EntryEvent<>(CACHE, EventType.UPDATED, "k", lazy("new"), lazy("old"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(event);
        }
        EntryEvent<?, ?> copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (EntryEvent<?, ?>) in.readObject();
        }

        assertThat(copy.getKey()).isEqualTo("k");
        assertThat(copy.getValue()).isEqualTo("new");
        assertThat(copy.getOldValue()).isEqualTo("old");
        assertThat(copy.getEventType()).isEqualTo(EventType.UPDATED);
    }
}
