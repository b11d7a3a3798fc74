package io.github.redisjcache.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Lets Jackson create classes that have neither a no-argument constructor nor a creator (such as a value class with
 * one constructor taking its final fields), without calling a constructor: the fields are then set from the JSON.
 */
final class ObjenesisValueInstantiators implements ValueInstantiators {

    private static final StdInstantiatorStrategy STRATEGY = new StdInstantiatorStrategy();

    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription description,
            ValueInstantiator found) {
        Class<?> type = description.getBeanClass();
        if (found.canCreateUsingDefault() || found.canCreateFromObjectWith() || found.canCreateUsingDelegate()
                || found.canCreateUsingArrayDelegate() || !isPlainClass(type)) {
            return found;
        }
        return new ObjenesisInstantiator(found, STRATEGY.newInstantiatorOf(type));
    }

    private static boolean isPlainClass(Class<?> type) {
        return !type.isInterface() && !Modifier.isAbstract(type.getModifiers()) && !type.isArray()
                && !type.isPrimitive() && !type.isEnum() && !type.isRecord()
                && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type);
    }

    /** Keeps every creator Jackson found and adds a "default" one that skips constructors. */
    private static final class ObjenesisInstantiator extends ValueInstantiator.Delegating {

        private static final long serialVersionUID = 1L;

        private final transient ObjectInstantiator<?> instantiator;

        ObjenesisInstantiator(ValueInstantiator found, ObjectInstantiator<?> instantiator) {
            super(found);
            this.instantiator = instantiator;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext context, BeanDescription description)
                throws JsonMappingException {
            ValueInstantiator contextual = delegate().createContextual(context, description);
            return contextual == delegate() ? this : new ObjenesisInstantiator(contextual, instantiator);
        }

        @Override
        public boolean canInstantiate() {
            return true;
        }

        @Override
        public boolean canCreateUsingDefault() {
            return true;
        }

        @Override
        public Object createUsingDefault(DeserializationContext context) {
            return instantiator.newInstance();
        }
    }
}
