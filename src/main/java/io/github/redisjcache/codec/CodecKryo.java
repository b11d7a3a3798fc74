package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.net.URI;
import java.util.EnumMap;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/** A Kryo instance set up for the {@link KryoCodec}: unregistered classes by allowed name, no user setup needed. */
final class CodecKryo extends Kryo {

    // Bounds recursion on hostile or cyclic input with a KryoException instead of a StackOverflowError.
    private static final int MAX_DEPTH = 1000;

    CodecKryo(ClassAllowList allowList, ClassLoader classLoader) {
        super(new AllowListClassResolver(allowList), new MapReferenceResolver());
        setRegistrationRequired(false);
        // No reference tracking: equal values must give equal bytes whatever objects they share (keys are compared
        // by their bytes); the price is that cyclic graphs cannot be stored.
        setReferences(false);
        setClassLoader(classLoader);
        // A no-argument constructor when there is one, else create the object without running a constructor.
        setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        setMaxDepth(MAX_DEPTH);
        JdkWrapperSerializers.addTo(this);
        // JDK value types the default Kryo setup leaves to its field serializer, which Java 17 locks out.
        addDefaultSerializer(EnumMap.class, new EnumMapSerializer());
        addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
        addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
        addSqlTimestampSerializer();
    }

    /** Keeps Timestamp nanoseconds, on runtimes that have the java.sql module. */
    private void addSqlTimestampSerializer() {
        if (ModuleLayer.boot().findModule("java.sql").isPresent()) {
            addDefaultSerializer(java.sql.Timestamp.class, new DefaultSerializers.TimestampSerializer());
        }
    }

    /** Guards the serializers that size an array or table from a count read from the bytes. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Serializer getDefaultSerializer(Class type) {
        Serializer serializer = super.getDefaultSerializer(type);
        if (serializer.getClass() == CollectionSerializer.class) {
            return new BoundedCollectionSerializer();
        }
        if (serializer instanceof CollectionSerializer) {
            return new SizeCheckingSerializer<>(serializer, true);
        }
        boolean array = serializer.getClass().getEnclosingClass() == DefaultArraySerializers.class;
        if (serializer instanceof MapSerializer || array) {
            return new SizeCheckingSerializer<>(serializer, false);
        }
        return serializer;
    }
}
