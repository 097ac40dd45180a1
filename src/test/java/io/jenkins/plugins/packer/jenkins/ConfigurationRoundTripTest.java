package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.XStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The steps and the builder as Jenkins keeps them: saved to XML by XStream (a job's {@code config.xml}, a Pipeline's
 * step arguments) and read back the same, whatever collections a Pipeline passed; and configured from a form whose
 * fields were left empty ({@code ""}, as Jenkins' forms send them), which must read back as not set.
 */
class ConfigurationRoundTripTest {

    /** XStream as it stores configuration: fields by reflection, only the types it is allowed to read. */
    private static XStream xstream() {
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"io.jenkins.plugins.packer.**", "java.util.**"});
        return x;
    }

    /** Every getter's value: what the snippet generator and the configure page read back. */
    private static Map<String, Object> properties(Object o) throws Exception {
        Map<String, Object> m = new TreeMap<>();
        for (Method g : o.getClass().getMethods()) {
            boolean getter = g.getParameterCount() == 0 && g.getDeclaringClass() == o.getClass()
                    && (g.getName().startsWith("get") || g.getName().startsWith("is"));
            if (getter) {
                m.put(g.getName(), g.invoke(o));
            }
        }
        assertThat(m).as("getters of %s", o.getClass()).isNotEmpty();
        return m;
    }

    private static Object withRequired(Class<?> type) throws Exception {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                Object[] args = new Object[c.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = "packer/aws.pkr.hcl";
                }
                return c.newInstance(args);
            }
        }
        throw new AssertionError("no @DataBoundConstructor in " + type);
    }

    private static List<Method> setters(Class<?> type) {
        return java.util.Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .toList();
    }

    /** Sets every optional argument, with the collections a Pipeline passes ({@code Map.of}, {@code List.of}). */
    private static Object fullyConfigured(Class<?> type) throws Exception {
        Object o = withRequired(type);
        for (Method s : setters(type)) {
            Class<?> p = s.getParameterTypes()[0];
            Object value;
            if (p == String.class) {
                value = s.getName().equals("setOnError") ? "abort" : s.getName().equals("setOlderThan") ? "2h"
                        : "value of " + s.getName().substring(3);
            } else if (p == boolean.class) {
                value = true;
            } else if (p == int.class) {
                value = 3;
            } else if (p == Map.class) {
                value = Map.of("version", "1.2");
            } else if (p == List.class) {
                value = List.of("prod.pkrvars.hcl");
            } else {
                throw new AssertionError("a setter this test does not know: " + s);
            }
            s.invoke(o, value);
        }
        return o;
    }

    @ParameterizedTest
    @ValueSource(classes = {PackerBuildStep.class, PackerValidateStep.class, PackerFmtStep.class,
        PackerSweepStep.class, PackerBuildBuilder.class})
    void xstreamSavesAndReadsBackEveryArgument(Class<?> type) throws Exception {
        Object configured = fullyConfigured(type);

        String xml = xstream().toXML(configured);
        Object read = xstream().fromXML(xml);

        assertThat(read).isInstanceOf(type);
        assertThat(properties(read)).isEqualTo(properties(configured));
        assertThat(xml).doesNotContain("ImmutableCollections");
    }

    @ParameterizedTest
    @ValueSource(classes = {PackerBuildStep.class, PackerValidateStep.class, PackerFmtStep.class,
        PackerSweepStep.class, PackerBuildBuilder.class})
    void aFormWithItsFieldsLeftEmptyReadsBackAsNothingSet(Class<?> type) throws Exception {
        Object fresh = withRequired(type);
        Object formed = withRequired(type);
        Map<String, Object> defaults = properties(fresh);
        for (Method s : setters(type)) {
            if (s.getParameterTypes()[0] == String.class) {
                s.invoke(formed, "");
            } else if (s.getParameterTypes()[0] == String.class.arrayType()) {
                s.invoke(formed, (Object) new String[0]);
            }
        }

        assertThat(properties(formed)).isEqualTo(defaults);
    }

    @Test
    void theRoundTripCatchesACollectionJenkinsCannotSave() {
        assertThatThrownBy(() -> xstream().toXML(new Holder(Map.of("version", "1.2"))))
                .hasMessageContaining("ImmutableCollections");
        assertThat(new Holder(new LinkedHashMap<>(Map.of("version", "1.2"))).vars()).containsKey("version");
        assertThat(xstream().toXML(new Holder(new LinkedHashMap<>(Map.of("version", "1.2")))))
                .contains("<string>version</string>");
    }

    /** A describable that keeps the caller's collection, as the setters did. */
    static final class Holder {
        private final Map<String, Object> vars;

        Holder(Map<String, Object> vars) {
            this.vars = vars;
        }

        Map<String, Object> vars() {
            return vars;
        }
    }
}
