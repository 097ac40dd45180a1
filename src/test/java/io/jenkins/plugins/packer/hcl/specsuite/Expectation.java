package io.jenkins.plugins.packer.hcl.specsuite;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .t} file of the suite: the value and type the input must decode to, or the diagnostics it must produce
 * (by severity and source range only: the suite leaves the wording to each implementation), and optionally the
 * variable references the spec finds in the input.
 *
 * @param result      the expected value converted to {@code resultType}, or null when the file gives none
 * @param resultType  the type the decoded value must conform to; {@link Type#DYNAMIC} when the file gives none
 * @param diagnostics empty when the input must decode without errors
 * @param traversals  null when the file does not check references
 */
record Expectation(Value result, Type resultType, List<ExpectedDiagnostic> diagnostics,
                   List<ExpectedTraversal> traversals) {

    /** A diagnostic the input must produce, from and to positions as line, column and byte offset. */
    record ExpectedDiagnostic(Diagnostic.Severity severity, Pos from, Pos to) {}

    /** A variable reference the spec must find in the input, such as {@code foo.bar[0]}. */
    record ExpectedTraversal(String ref, Pos from, Pos to) {}

    private static final BodySchema FILE = BodySchema.of(
            List.of(BodySchema.attr("result"), BodySchema.attr("result_type")),
            List.of(BodySchema.block("traversals"), BodySchema.block("diagnostics")));
    private static final BodySchema DIAGNOSTICS = BodySchema.of(List.of(),
            List.of(BodySchema.block("error"), BodySchema.block("warning")));
    private static final BodySchema RANGE = BodySchema.of(List.of(),
            List.of(BodySchema.block("from"), BodySchema.block("to")));
    private static final BodySchema TRAVERSALS = BodySchema.of(List.of(), List.of(BodySchema.block("expect")));
    private static final BodySchema EXPECT = BodySchema.of(List.of(BodySchema.required("ref")),
            List.of(BodySchema.block("from"), BodySchema.block("to")));
    private static final BodySchema POS = BodySchema.of(List.of(BodySchema.required("line"),
            BodySchema.required("column"), BodySchema.required("byte")), List.of());

    static Expectation parse(byte[] src, String filename, Diagnostics diags) {
        File file = Parser.parseConfig(src, filename, diags);
        if (diags.hasErrors()) {
            return null;
        }
        BodyContent content = BodyContent.of(file.body(), FILE, diags);
        Type resultType = Type.DYNAMIC;
        Attribute typeAttr = content.attributes().get("result_type");
        if (typeAttr != null) {
            resultType = TypeExpressions.parse(typeAttr.expr(), true, diags);
        }
        Value result = null;
        Attribute resultAttr = content.attributes().get("result");
        if (resultAttr != null) {
            Value v = Evaluator.evaluate(resultAttr.expr(), null, diags);
            try {
                result = Convert.convert(v, resultType);
            } catch (ConversionException e) {
                diags.error("Invalid result value", "The result value does not conform to the given result type: "
                        + e.getMessage() + ".", resultAttr.expr().range());
            }
        }
        List<ExpectedDiagnostic> expectedDiags = new ArrayList<>();
        List<ExpectedTraversal> traversals = null;
        for (Block block : content.blocks()) {
            if (block.type().equals("diagnostics")) {
                for (Block d : BodyContent.of(block.body(), DIAGNOSTICS, diags).blocks()) {
                    BodyContent range = BodyContent.of(d.body(), RANGE, diags);
                    expectedDiags.add(new ExpectedDiagnostic(d.type().equals("error") ? Diagnostic.Severity.ERROR
                            : Diagnostic.Severity.WARNING, pos(range, "from", diags), pos(range, "to", diags)));
                }
            } else {
                traversals = new ArrayList<>();
                for (Block e : BodyContent.of(block.body(), TRAVERSALS, diags).blocks()) {
                    BodyContent expect = BodyContent.of(e.body(), EXPECT, diags);
                    Attribute ref = expect.attributes().get("ref");
                    List<List<Traverser>> refs = ref == null ? List.of() : Variables.of(ref.expr());
                    if (refs.size() != 1) {
                        diags.error("Invalid traversal", "A single variable reference is required.", e.typeRange());
                        continue;
                    }
                    traversals.add(new ExpectedTraversal(Variables.traversalString(refs.get(0)),
                            pos(expect, "from", diags), pos(expect, "to", diags)));
                }
            }
        }
        if (result != null && !expectedDiags.isEmpty()) {
            diags.error("Conflicting spec expectations", "This test spec includes expected diagnostics, so it may"
                    + " not also include an expected result.", resultAttr.range());
        }
        return new Expectation(result, resultType, expectedDiags, traversals);
    }

    private static Pos pos(BodyContent range, String name, Diagnostics diags) {
        Block block = range.blocks().stream().filter(b -> b.type().equals(name)).findFirst().orElse(null);
        if (block == null) {
            diags.error("Missing " + name + " block", "A block of type \"" + name + "\" is required here.",
                    range.missingItemRange());
            return Pos.START;
        }
        BodyContent pos = BodyContent.of(block.body(), POS, diags);
        return new Pos(number(pos, "line", diags), number(pos, "column", diags), number(pos, "byte", diags));
    }

    private static int number(BodyContent content, String name, Diagnostics diags) {
        Attribute attr = content.attributes().get(name);
        if (attr == null) {
            return 0;
        }
        Value v = Evaluator.evaluate(attr.expr(), null, diags);
        return v.type().equals(Type.NUMBER) && v.isKnown() && !v.isNull() ? v.asInt() : 0;
    }
}
