package io.jenkins.plugins.packer.component;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The Prepare checks of every component we ship, by kind and type, discovered once with {@link ServiceLoader}. A
 * component without checks of its own is valid once its configuration decodes.
 */
public final class Preparers {

    private static final Map<String, Preparer> ALL = load();

    private Preparers() {
    }

    private static Map<String, Preparer> load() {
        Map<String, Preparer> m = new TreeMap<>();
        for (Preparer p : ServiceLoader.load(Preparer.class, Preparer.class.getClassLoader())) {
            m.put(p.kind() + "/" + p.type(), p);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The options of a component type that are not rendered when it is prepared. */
    public static java.util.List<String> renderExcluded(String kind, String type) {
        Preparer p = ALL.get(kind + "/" + type);
        return p == null ? java.util.List.of() : p.renderExcluded();
    }

    /** What a component type puts before the errors of decoding its configuration. */
    public static String decodeErrorPrefix(String kind, String type) {
        Preparer p = ALL.get(kind + "/" + type);
        return p == null ? "" : p.decodeErrorPrefix();
    }

    /** Runs the checks of a component type, or accepts its configuration when it has none. */
    public static Prepared prepare(String kind, String type, ComponentConfig config, PrepareContext ctx) {
        Preparer p = ALL.get(kind + "/" + type);
        return p == null ? Prepared.OK : p.prepare(config, ctx);
    }
}
