package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What Jenkins reads from the plugin besides its classes: the SezPoz index that registers the step descriptors, and
 * the views and help of each step, which Jenkins' InjectedTest would check only in the real build.
 */
class PluginPackagingTest {

    @Test
    void theExtensionIndexListsEveryStepDescriptor() {
        List<String> indexed = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class,
                PluginPackagingTest.class.getClassLoader())) {
            indexed.add(item.className());
        }
        assertThat(indexed).contains(PackerValidateStep.DescriptorImpl.class.getName(),
                PackerFmtStep.DescriptorImpl.class.getName(), PackerBuildStep.DescriptorImpl.class.getName(),
                PackerBuildBuilder.DescriptorImpl.class.getName());
    }

    @ParameterizedTest
    @ValueSource(classes = {PackerValidateStep.class, PackerFmtStep.class, PackerBuildStep.class,
        PackerBuildBuilder.class, PackerSweepStep.class})
    void everyArgumentHasItsHelpAndTheStepItsForm(Class<?> step) throws IOException {
        assertThat(view(step, "help.html")).contains("<div>");
        assertThat(view(step, "config.jelly")).startsWith("<?jelly escape-by-default='true'?>");
        for (String argument : arguments(step)) {
            assertThat(view(step, "help-" + argument + ".html")).as(argument).contains("<div>");
        }
    }

    /**
     * The Snippet Generator and the steps reference describe an argument as structs does: text, numbers, booleans,
     * enums, and arrays or lists of them (a map it cannot describe). Each such argument has its field in the form;
     * {@code vars} and {@code varFiles}, for Groovy, have their form twins {@code variables} and
     * {@code variableFiles}.
     */
    @ParameterizedTest
    @ValueSource(classes = {PackerValidateStep.class, PackerFmtStep.class, PackerBuildStep.class,
        PackerBuildBuilder.class, PackerSweepStep.class})
    void everyArgumentIsATypeTheSnippetGeneratorDescribesWithItsFormField(Class<?> step) throws IOException {
        String form = view(step, "config.jelly");
        java.util.Map<String, String> twins = java.util.Map.of("vars", "variables", "varFiles", "variableFiles");
        java.util.Map<String, java.lang.reflect.Type> types = new java.util.LinkedHashMap<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    types.put(p.getName(), p.getParameterizedType());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                types.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4),
                        m.getGenericParameterTypes()[0]);
            }
        }
        types.forEach((name, type) -> {
            String field = twins.getOrDefault(name, name);
            if (!describable(type)) {
                assertThat(twins).as("%s of %s is a %s, which the Snippet Generator cannot describe", name, step,
                        type).containsKey(name);
            }
            assertThat(types).as("the form twin of %s", name).containsKey(field);
            assertThat(form).as("the form field of %s", name).contains("field=\"" + field + "\"");
        });
    }

    /** Whether structs' ParameterType describes {@code type} (nested describables aside: the steps take none). */
    private static boolean describable(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return c == String.class || c.isPrimitive() || c == Integer.class || c == Boolean.class
                    || c == Long.class || c.isEnum() || c.isArray() && describable(c.getComponentType());
        }
        if (type instanceof java.lang.reflect.ParameterizedType p
                && java.util.Collection.class.isAssignableFrom((Class<?>) p.getRawType())) {
            return describable(p.getActualTypeArguments()[0]);
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.jelly",
        "io/jenkins/plugins/packer/jenkins/PackerValidateStep/config.jelly",
        "io/jenkins/plugins/packer/jenkins/PackerFmtStep/config.jelly",
        "io/jenkins/plugins/packer/jenkins/PackerBuildStep/config.jelly",
        "io/jenkins/plugins/packer/jenkins/PackerBuildBuilder/config.jelly",
        "io/jenkins/plugins/packer/jenkins/PackerSweepStep/config.jelly"})
    void jellyViewsEscapeByDefaultAndHoldNoScript(String resource) throws IOException {
        String jelly = read(resource);
        assertThat(jelly).startsWith("<?jelly escape-by-default='true'?>");
        assertThat(jelly).doesNotContainIgnoringCase("<script");
        assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(jelly).find()).isFalse();
    }

    /** The names Pipeline binds: the data-bound constructor's parameters and the data-bound setters'. */
    private static List<String> arguments(Class<?> step) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        assertThat(names).as("arguments of %s", step).isNotEmpty();
        return names;
    }

    private static String view(Class<?> step, String name) throws IOException {
        return read(step.getName().replace('.', '/') + "/" + name);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = PluginPackagingTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
