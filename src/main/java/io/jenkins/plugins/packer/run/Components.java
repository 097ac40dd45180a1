package io.jenkins.plugins.packer.run;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The components that can run, by type, discovered once with {@link ServiceLoader}. */
public final class Components {

    private static final Map<String, Builder> BUILDERS = load(Builder.class, Builder::type);
    private static final Map<String, Provisioner> PROVISIONERS = load(Provisioner.class, Provisioner::type);
    private static final Map<String, PostProcessor> POST_PROCESSORS = load(PostProcessor.class, PostProcessor::type);

    private Components() {
    }

    private static <T> Map<String, T> load(Class<T> kind, java.util.function.Function<T, String> type) {
        Map<String, T> m = new TreeMap<>();
        for (T c : ServiceLoader.load(kind, kind.getClassLoader())) {
            m.put(type.apply(c), c);
        }
        return Collections.unmodifiableMap(m);
    }

    public static Builder builder(String type) {
        return BUILDERS.get(type);
    }

    public static Provisioner provisioner(String type) {
        return PROVISIONERS.get(type);
    }

    public static PostProcessor postProcessor(String type) {
        return POST_PROCESSORS.get(type);
    }

    /** The names of a kind's types that can run, for messages. */
    public static String runnable(String kind) {
        Map<String, ?> m = switch (kind) {
            case "builder" -> BUILDERS;
            case "provisioner" -> PROVISIONERS;
            default -> POST_PROCESSORS;
        };
        return String.join(", ", m.keySet());
    }
}
