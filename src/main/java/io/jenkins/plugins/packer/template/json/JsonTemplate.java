package io.jenkins.plugins.packer.template.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A legacy JSON template as packer 1.6.6 parses it, before any {@code {{ }}} interpolation or validation. Maps keep
 * the document's order. Component configurations are the raw JSON objects without the keys packer takes out for
 * itself. See <a href="https://developer.hashicorp.com/packer/docs/templates/legacy_json_templates">JSON
 * templates</a>.
 *
 * @param comments root keys starting with {@code _}, and the entries of a {@code comments} list
 * @param errorCleanupProvisioner the {@code error-cleanup-provisioner}, or {@code null}
 * @param postProcessors the post-processor chains: a string or an object is a chain of one
 * @param root the whole document, for checks that need more than the model holds
 */
public record JsonTemplate(
        String description,
        String minPackerVersion,
        Map<String, String> comments,
        Map<String, Variable> variables,
        List<String> sensitiveVariables,
        Map<String, Builder> builders,
        List<Provisioner> provisioners,
        Provisioner errorCleanupProvisioner,
        List<List<PostProcessor>> postProcessors,
        JsonValue.Obj root) {

    public JsonTemplate {
        comments = Collections.unmodifiableMap(new LinkedHashMap<>(comments));
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        sensitiveVariables = List.copyOf(sensitiveVariables);
        builders = Collections.unmodifiableMap(new LinkedHashMap<>(builders));
        provisioners = List.copyOf(provisioners);
        postProcessors = postProcessors.stream().map(List::copyOf).toList();
    }

    /**
     * What packer's template validation finds wrong, in its order: no builder, then each provisioner's and each
     * post-processor's {@code only}/{@code except} naming builders that do not exist (or both given), and
     * provisioner overrides for builders that do not exist.
     */
    public List<String> validationErrors() {
        List<String> errors = new ArrayList<>();
        if (builders.isEmpty()) {
            errors.add("at least one builder must be defined");
        }
        for (int i = 0; i < provisioners.size(); i++) {
            Provisioner p = provisioners.get(i);
            String prefix = "provisioner " + (i + 1) + ": ";
            onlyExcept(p.only(), p.except()).forEach(e -> errors.add(prefix + e));
            for (String name : p.override().keySet()) {
                if (!builders.containsKey(name)) {
                    errors.add(prefix + "override '" + name + "' doesn't exist");
                }
            }
        }
        for (int i = 0; i < postProcessors.size(); i++) {
            List<PostProcessor> chain = postProcessors.get(i);
            for (int j = 0; j < chain.size(); j++) {
                String prefix = "post-processor " + (i + 1) + "." + (j + 1) + ": ";
                onlyExcept(chain.get(j).only(), chain.get(j).except()).forEach(e -> errors.add(prefix + e));
            }
        }
        return errors;
    }

    private List<String> onlyExcept(List<String> only, List<String> except) {
        if (!only.isEmpty() && !except.isEmpty()) {
            return List.of("only one of 'only' or 'except' may be specified");
        }
        List<String> errors = new ArrayList<>();
        only.stream().filter(n -> !builders.containsKey(n))
                .forEach(n -> errors.add("'only' specified builder '" + n + "' not found"));
        except.stream().filter(n -> !builders.containsKey(n))
                .forEach(n -> errors.add("'except' specified builder '" + n + "' not found"));
        return errors;
    }

    /**
     * A user variable. A {@code null} default makes it required (its default is then empty).
     *
     * @param sensitive named in {@code sensitive-variables}
     */
    public record Variable(String name, String defaultValue, boolean required, boolean sensitive,
            JsonPosition position) {}

    /** A builder; its name defaults to its type and names are unique. */
    public record Builder(String name, String type, JsonValue.Obj config, JsonPosition position) {}

    /**
     * A provisioner.
     *
     * @param only builder names it runs for ({@code only}), empty for all
     * @param except builder names it skips
     * @param override configuration overrides per builder name
     * @param pauseBefore {@code pause_before}, zero when unset
     * @param maxRetries {@code max_retries} as written (it may be interpolated), empty when unset
     * @param timeout {@code timeout}, zero when unset
     */
    public record Provisioner(String type, List<String> only, List<String> except, Map<String, JsonValue> override,
            Duration pauseBefore, String maxRetries, Duration timeout, JsonValue.Obj config, JsonPosition position) {

        public Provisioner {
            only = List.copyOf(only);
            except = List.copyOf(except);
            override = Collections.unmodifiableMap(new LinkedHashMap<>(override));
        }
    }

    /**
     * A post-processor of a chain; its name defaults to its type.
     *
     * @param keepInputArtifact {@code keep_input_artifact}, {@code null} when unset
     */
    public record PostProcessor(String name, String type, List<String> only, List<String> except,
            Boolean keepInputArtifact, JsonValue.Obj config, JsonPosition position) {

        public PostProcessor {
            only = List.copyOf(only);
            except = List.copyOf(except);
        }
    }
}
