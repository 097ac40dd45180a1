package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.value.ObjectType;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code required_plugins} blocks of a configuration with Packer's checks and messages. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/blocks/packer">the packer block</a>.
 */
public final class RequiredPlugins {

    private static final BodySchema PACKER = BodySchema.of(List.of(),
            List.of(BodySchema.block("packer")));
    private static final BodySchema REQUIRED_PLUGINS = BodySchema.of(List.of(BodySchema.attr("required_version")),
            List.of(BodySchema.block("required_plugins")));

    private RequiredPlugins() {
    }

    /** Every plugin the files require, in file and source order. */
    public static List<RequiredPlugin> of(List<File> files, Diagnostics diags) {
        List<RequiredPlugin> out = new ArrayList<>();
        for (File f : files) {
            for (Block packer : BodyContent.partial(f.body(), PACKER, new Diagnostics()).blocks()) {
                for (Block req : BodyContent.partial(packer.body(), REQUIRED_PLUGINS, new Diagnostics()).blocks()) {
                    for (Attribute attr : BodyContent.justAttributes(req.body(), diags).values()) {
                        RequiredPlugin p = decode(attr, diags);
                        if (p != null) {
                            out.add(p);
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static RequiredPlugin decode(Attribute attr, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(attr.expr(), null, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        String name = attr.name();
        if (v.type().isPrimitive()) {
            String c = v.type().equals(Type.STRING) && !v.isNull() ? v.asString() : "version";
            diags.error("Invalid plugin requirement", "'" + name + " = \"" + c + "\"' plugin requirement calls are"
                    + " not possible. You must define a whole block. For example:\n" + name + " = {\n  source  ="
                    + " \"github.com/hashicorp/" + name + "\"\n  version = \"" + c + "\"\n}", attr.range());
            return null;
        }
        if (!(v.type() instanceof ObjectType ot)) {
            diags.error("Invalid required_plugins syntax", "required_plugins entries must be objects.",
                    attr.expr().range());
            return null;
        }
        if (!ot.hasAttribute("version")) {
            diags.error("No version constraint was set", "The version field must be specified as a string. Ex:"
                    + " `version = \">= 1.2.0, < 2.0.0\". See https://www.packer.io/docs/templates/hcl_templates/"
                    + "blocks/packer#version-constraints for docs", attr.expr().range());
            return null;
        }
        Value version = v.getAttr("version");
        if (!version.type().equals(Type.STRING) || version.isNull()) {
            diags.error("Invalid version constraint", "Version must be specified as a string. See"
                    + " https://www.packer.io/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax"
                    + " for docs.", attr.expr().range());
            return null;
        }
        try {
            VersionConstraint.parse(version.asString());
        } catch (IllegalArgumentException e) {
            diags.error("Invalid version constraint", "This string does not use correct version constraint syntax."
                    + " See https://www.packer.io/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax"
                    + " for docs.\n" + e.getMessage(), attr.expr().range());
            return null;
        }
        if (!ot.hasAttribute("source")) {
            diags.error("No source was set", "The source field must be specified as a string. Ex: `source ="
                    + " \"coolcloud\". See https://www.packer.io/docs/templates/hcl_templates/blocks/packer"
                    + "#specifying-plugin-requirements for docs", attr.expr().range());
            return null;
        }
        Value source = v.getAttr("source");
        if (!source.type().equals(Type.STRING) || source.isNull()) {
            diags.error("Invalid source", "Source must be specified as a string. For example: source = \"coolcloud\"",
                    attr.expr().range());
            return null;
        }
        for (String a : ot.attributes().keySet()) {
            if (!a.equals("version") && !a.equals("source")) {
                diags.error("Invalid required_plugins object", "required_plugins objects can only contain \"version\""
                        + " and \"source\" attributes.", attr.expr().range());
                return null;
            }
        }
        return new RequiredPlugin(name, source.asString(), version.asString(), attr.range());
    }
}
