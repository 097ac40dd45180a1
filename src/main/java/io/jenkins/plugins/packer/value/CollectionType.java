package io.jenkins.plugins.packer.value;

/** The collection kinds (list, set, map): any number of elements, all of one element type. */
public sealed interface CollectionType extends Type permits ListType, SetType, MapType {

    Type element();

    @Override
    default boolean hasDynamicTypes() {
        return element().hasDynamicTypes();
    }
}
