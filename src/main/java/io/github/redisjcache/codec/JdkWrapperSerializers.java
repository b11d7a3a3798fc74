package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Kryo serializers for the {@code Collections.unmodifiable*} and {@code Collections.synchronized*} wrappers, whose
 * fields Kryo cannot reach on Java 17: the contents travel as a plain collection or map and are wrapped again on read.
 */
final class JdkWrapperSerializers {

    private static final UnaryOperator<Object> ARRAY_LIST = c -> new ArrayList<>((Collection<?>) c);
    private static final UnaryOperator<Object> LINKED_LIST = c -> new LinkedList<>((Collection<?>) c);
    private static final UnaryOperator<Object> SET = c -> new LinkedHashSet<>((Collection<?>) c);
    // The SortedSet and SortedMap copy constructors keep the comparator.
    private static final UnaryOperator<Object> TREE_SET = c -> new TreeSet<>((SortedSet<?>) c);
    private static final UnaryOperator<Object> MAP = m -> new LinkedHashMap<>((Map<?, ?>) m);
    private static final UnaryOperator<Object> TREE_MAP = m -> new TreeMap<>((SortedMap<?, ?>) m);

    private JdkWrapperSerializers() {
    }

    /**
     * Registers the wrapper serializers as default serializers.
     *
     * @param kryo the Kryo instance to configure
     */
    static void addTo(Kryo kryo) {
        add(kryo, ArrayList.class, ARRAY_LIST, c -> Collections.unmodifiableCollection((Collection<?>) c));
        add(kryo, ArrayList.class, ARRAY_LIST, c -> Collections.unmodifiableList((List<?>) c));
        add(kryo, LinkedList.class, LINKED_LIST, c -> Collections.unmodifiableList((List<?>) c));
        add(kryo, LinkedHashSet.class, SET, c -> Collections.unmodifiableSet((Set<?>) c));
        add(kryo, TreeSet.class, TREE_SET, c -> Collections.unmodifiableSortedSet((SortedSet<?>) c));
        add(kryo, TreeSet.class, TREE_SET, c -> Collections.unmodifiableNavigableSet((NavigableSet<?>) c));
        add(kryo, LinkedHashMap.class, MAP, m -> Collections.unmodifiableMap((Map<?, ?>) m));
        add(kryo, TreeMap.class, TREE_MAP, m -> Collections.unmodifiableSortedMap((SortedMap<?, ?>) m));
        add(kryo, TreeMap.class, TREE_MAP, m -> Collections.unmodifiableNavigableMap((NavigableMap<?, ?>) m));
        add(kryo, ArrayList.class, ARRAY_LIST, c -> Collections.synchronizedCollection((Collection<?>) c));
        add(kryo, ArrayList.class, ARRAY_LIST, c -> Collections.synchronizedList((List<?>) c));
        add(kryo, LinkedList.class, LINKED_LIST, c -> Collections.synchronizedList((List<?>) c));
        add(kryo, LinkedHashSet.class, SET, c -> Collections.synchronizedSet((Set<?>) c));
        add(kryo, TreeSet.class, TREE_SET, c -> Collections.synchronizedSortedSet((SortedSet<?>) c));
        add(kryo, TreeSet.class, TREE_SET, c -> Collections.synchronizedNavigableSet((NavigableSet<?>) c));
        add(kryo, LinkedHashMap.class, MAP, m -> Collections.synchronizedMap((Map<?, ?>) m));
        add(kryo, TreeMap.class, TREE_MAP, m -> Collections.synchronizedSortedMap((SortedMap<?, ?>) m));
        add(kryo, TreeMap.class, TREE_MAP, m -> Collections.synchronizedNavigableMap((NavigableMap<?, ?>) m));
    }

    /** Registers the wrapper class that {@code wrap} returns, found by wrapping an empty {@code contentsType}. */
    private static void add(Kryo kryo, Class<?> contentsType, UnaryOperator<Object> copy, UnaryOperator<Object> wrap) {
        Class<?> wrapperType = wrap.apply(kryo.newInstance(contentsType)).getClass();
        kryo.addDefaultSerializer(wrapperType, new WrapperSerializer(contentsType, copy, wrap));
    }

    /** Writes a wrapper's contents as a plain collection or map and wraps them again on read. */
    private static final class WrapperSerializer extends Serializer<Object> {

        private final Class<?> contentsType;
        private final UnaryOperator<Object> copy;
        private final UnaryOperator<Object> wrap;

        WrapperSerializer(Class<?> contentsType, UnaryOperator<Object> copy, UnaryOperator<Object> wrap) {
            this.contentsType = contentsType;
            this.copy = copy;
            this.wrap = wrap;
        }

        @Override
        public void write(Kryo kryo, Output output, Object wrapper) {
            Object contents;
            // A synchronized wrapper locks on itself: copying under that lock gives a consistent snapshot.
            synchronized (wrapper) {
                contents = copy.apply(wrapper);
            }
            kryo.writeObject(output, contents);
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> type) {
            return wrap.apply(kryo.readObject(input, contentsType));
        }
    }
}
