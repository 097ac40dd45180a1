package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.template.BuildBlock;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.PostProcessorBlock;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.template.SourceUse;
import io.jenkins.plugins.packer.template.json.JsonTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code packer inspect} for an HCL2 configuration: its variables with their values, and each build's sources,
 * provisioners and post-processor chains. See <a href="https://developer.hashicorp.com/packer/docs/commands/inspect">
 * packer inspect</a>. A legacy JSON template is listed as written: packer 1.6.6 shows variable defaults and builder
 * names before any {@code {{ }}} is rendered.
 */
public final class Inspect {

    private Inspect() {
    }

    /**
     * Where inspect's output goes, as Packer's UI takes it: {@code say} for text (a line end follows each), and
     * {@code machine} for the machine-readable facts ({@code template-builder}…) only that mode prints.
     */
    public interface Sink {
        void say(String text);

        default void machine(String type, String... args) {
        }
    }

    /** The text a terminal shows. */
    private static final class Text implements Sink {
        final StringBuilder out = new StringBuilder();

        @Override
        public void say(String text) {
            out.append(text).append('\n');
        }
    }

    /** What packer prints, line breaks included. */
    public static String hcl(HclConfig cfg) {
        Text t = new Text();
        hcl(cfg, t);
        return t.out.toString();
    }

    public static void hcl(HclConfig cfg, Sink out) {
        out.say("Packer Inspect: HCL2 mode\n");
        out.say(Console.variables(cfg));
        out.say(builds(cfg.inspectBuilds()));
    }

    /** Go's {@code sort.Strings} order: by UTF-8 bytes, which differs from {@link String#compareTo} past U+FFFF. */
    private static final Comparator<String> GO_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** What packer prints for a legacy JSON template, line breaks included. */
    public static String json(JsonTemplate tpl) {
        Text t = new Text();
        json(tpl, t);
        return t.out.toString();
    }

    public static void json(JsonTemplate tpl, Sink out) {
        out.say("Packer Inspect: JSON mode");
        if (tpl.description() != null && !tpl.description().isEmpty()) {
            out.say("Description:\n");
            out.say(tpl.description() + "\n");
        }
        if (tpl.variables().isEmpty()) {
            out.say("Variables:\n");
            out.say("  <No variables>");
        } else {
            jsonVariables(tpl, out);
        }
        out.say("");
        out.say("Builders:\n");
        if (tpl.builders().isEmpty()) {
            out.say("  <No builders>");
        } else {
            List<String> names = new ArrayList<>(tpl.builders().keySet());
            names.sort(GO_ORDER);
            int width = names.stream().mapToInt(Inspect::goLen).max().orElse(0);
            for (String name : names) {
                JsonTemplate.Builder b = tpl.builders().get(name);
                String line = "  " + name + " ".repeat(width - goLen(name));
                if (!b.name().equals(b.type())) {
                    line += " (" + b.type() + ")";
                }
                out.machine("template-builder", name, b.type());
                out.say(line);
            }
        }
        out.say("");
        out.say("Provisioners:\n");
        if (tpl.provisioners().isEmpty()) {
            out.say("  <No provisioners>");
        }
        for (JsonTemplate.Provisioner p : tpl.provisioners()) {
            out.machine("template-provisioner", p.type());
            out.say("  " + p.type());
        }
        out.say("\nNote: If your build names contain user variables or template\n"
                + "functions such as 'timestamp', these are processed at build time,\n"
                + "and therefore only show in their raw form here.");
    }

    /**
     * Packer hides sensitive defaults by comparing values, not names, and overwrites the defaults it compares as it
     * goes: any variable whose default equals a sensitive variable's default (as overwritten so far) prints
     * {@code <sensitive>}. Packer's first pass walks a Go map in random order; sorted order stands in for it.
     */
    private static void jsonVariables(JsonTemplate tpl, Sink out) {
        List<String> names = new ArrayList<>(tpl.variables().keySet());
        names.sort(GO_ORDER);
        Map<String, String> defaults = new HashMap<>();
        List<String> sensitive = new ArrayList<>();
        for (JsonTemplate.Variable v : tpl.variables().values()) {
            defaults.put(v.name(), v.defaultValue() == null ? "" : v.defaultValue());
            if (v.sensitive()) {
                sensitive.add(v.name());
            }
        }
        boolean requiredHeader = false;
        for (String name : names) {
            hideIfSensitive(name, sensitive, defaults);
            if (tpl.variables().get(name).required()) {
                if (!requiredHeader) {
                    requiredHeader = true;
                    out.say("Required variables:\n");
                }
                out.machine("template-variable", name, defaults.get(name), "1");
                out.say("  " + name);
            }
        }
        if (requiredHeader) {
            out.say("");
        }
        out.say("Optional variables and their defaults:\n");
        int width = names.stream().mapToInt(Inspect::goLen).max().orElse(0);
        for (String name : names) {
            if (tpl.variables().get(name).required()) {
                continue;
            }
            hideIfSensitive(name, sensitive, defaults);
            out.machine("template-variable", name, defaults.get(name), "0");
            out.say("  " + name + " ".repeat(width - goLen(name)) + " = " + defaults.get(name));
        }
    }

    private static void hideIfSensitive(String name, List<String> sensitive, Map<String, String> defaults) {
        for (String s : sensitive) {
            if (defaults.get(s).equals(defaults.get(name))) {
                defaults.put(name, "<sensitive>");
            }
        }
    }

    /** Go's {@code len} of a string, which padding is measured in: UTF-8 bytes. */
    private static int goLen(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String builds(List<BuildBlock> builds) {
        StringBuilder out = new StringBuilder("> builds:\n");
        for (int i = 0; i < builds.size(); i++) {
            BuildBlock b = builds.get(i);
            String name = b.name() == null || b.name().isEmpty() ? "<unnamed build " + i + ">" : b.name();
            out.append("\n  > ").append(name).append(":\n");
            if (b.description() != null && !b.description().isEmpty()) {
                out.append("\n  > Description: ").append(b.description()).append('\n');
            }
            out.append("\n    sources:\n");
            if (b.sources().isEmpty()) {
                out.append("\n      <no source>\n");
            }
            for (SourceUse s : b.sources()) {
                out.append("\n      ").append(s.ref()).append('\n');
            }
            out.append("\n    provisioners:\n\n");
            if (b.provisioners().isEmpty()) {
                out.append("      <no provisioner>\n");
            }
            for (ProvisionerBlock p : b.provisioners()) {
                out.append("      ").append(label(p.type(), p.name())).append('\n');
            }
            out.append("\n    post-processors:\n");
            if (b.postProcessorChains().isEmpty()) {
                out.append("\n      <no post-processor>\n");
            }
            for (int c = 0; c < b.postProcessorChains().size(); c++) {
                out.append("\n      ").append(c).append(":\n");
                for (PostProcessorBlock pp : b.postProcessorChains().get(c)) {
                    out.append("        ").append(label(pp.type(), pp.name())).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String label(String type, String name) {
        return name == null || name.isEmpty() ? type : type + "." + name;
    }
}
