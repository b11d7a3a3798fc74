package io.github.redisjcache.codec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/** Lets Jackson resolve a polymorphic type id only when the {@link ClassAllowList} allows the class name. */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

    private static final long serialVersionUID = 1L;

    private final ClassAllowList allowList;

    AllowListTypeValidator(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
        // Never ALLOWED here: that would let every subtype of the base type through unchecked.
        return Validity.INDETERMINATE;
    }

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        // Called with the name from the bytes before Jackson loads the class: refuse loudly, by name. Jackson also
        // asks about the element type of an array apart; an interface like Serializable is fine there.
        if (!ClassAllowList.isArrayElementOnly(subClassName)) {
            allowList.check(subClassName);
        }
        return Validity.ALLOWED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return allowList.isAllowed(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
    }
}
