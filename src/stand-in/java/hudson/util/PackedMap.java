package hudson.util;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Mirrors jenkins-core {@code hudson.util.PackedMap}: a small read-only map, in its source's order. */
public final class PackedMap<K, V> extends AbstractMap<K, V> {

    private final Set<Entry<K, V>> entrySet;

    private PackedMap(Map<? extends K, ? extends V> src) {
        entrySet = java.util.Collections.unmodifiableMap(new LinkedHashMap<K, V>(src)).entrySet();
    }

    public static <K, V> PackedMap<K, V> of(Map<? extends K, ? extends V> src) {
        return new PackedMap<>(src);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return entrySet;
    }
}
