package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's decoded configuration as its Prepare checks read it: the object {@link ConfigDecoder} produced, with
 * Go's zero values for what is unset, as Packer's plugins see it after decoding into their Go structs. A value only
 * known during the build counts as set.
 */
public final class ComponentConfig {

    /** What a value not known before the build stands for, as Packer's HCL2 shim passes it to plugins. */
    static final String UNKNOWN = "74D93920-ED26-11E3-AC10-0800200C9A66";

    private final Value value;

    public ComponentConfig(Value value) {
        this.value = value;
    }

    public Value value() {
        return value;
    }

    private Value get(String name) {
        if (value == null || value.isNull() || !value.isKnown() || !value.type().isObject()) {
            return null;
        }
        Value v = value.unmarkDeep().getAttr(name);
        return v == null || v.isNull() ? null : v;
    }

    /** True when the component has the option at all (amazon-ebs has {@code skip_create_ami}, others not). */
    public boolean hasOption(String name) {
        return value != null && value.type() instanceof io.jenkins.plugins.packer.value.ObjectType ot
                && ot.hasAttribute(name);
    }

    /** True when the option is set (Go: a non-nil pointer, slice or map). */
    public boolean isSet(String name) {
        return get(name) != null;
    }

    /** A string option; "" when unset. */
    public String string(String name) {
        Value v = get(name);
        if (v == null) {
            return "";
        }
        return v.isKnown() ? v.asString() : UNKNOWN;
    }

    /** A list of strings; null when unset (Go's nil slice), as several checks tell nil from empty. */
    public List<String> strings(String name) {
        Value v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isKnown()) {
            return List.of(UNKNOWN);
        }
        List<String> out = new ArrayList<>();
        for (Value e : v.elements()) {
            out.add(e.isNull() ? "" : e.isKnown() ? e.asString() : UNKNOWN);
        }
        return out;
    }

    /** A list of strings; empty when unset. */
    public List<String> stringList(String name) {
        List<String> l = strings(name);
        return l == null ? List.of() : l;
    }

    /** A map of strings; empty when unset. */
    public Map<String, String> stringMap(String name) {
        Value v = get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || !v.isKnown()) {
            return out;
        }
        v.entries().forEach((k, e) -> out.put(k, e.isNull() ? "" : e.isKnown() ? e.asString() : UNKNOWN));
        return out;
    }

    public boolean bool(String name) {
        Value v = get(name);
        return v != null && v.isKnown() && v.asBool();
    }

    /** A tri-state boolean: null when unset. */
    public Boolean trilean(String name) {
        Value v = get(name);
        return v == null || !v.isKnown() ? null : v.asBool();
    }

    /** A whole number; 0 when unset, truncated like Go's decoding into an int. */
    public long number(String name) {
        Value v = get(name);
        if (v == null || !v.isKnown()) {
            return 0;
        }
        BigDecimal d = v.asBigDecimal();
        return d.longValue();
    }

    /** A nested single block; null when absent. */
    public ComponentConfig block(String name) {
        Value v = get(name);
        return v == null ? null : new ComponentConfig(v);
    }

    /** A list of nested blocks, in order. */
    public List<ComponentConfig> blocks(String name) {
        Value v = get(name);
        List<ComponentConfig> out = new ArrayList<>();
        if (v != null && v.isKnown()) {
            v.elements().forEach(e -> out.add(new ComponentConfig(e)));
        }
        return out;
    }
}
