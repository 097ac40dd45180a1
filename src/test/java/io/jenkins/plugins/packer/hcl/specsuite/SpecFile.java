package io.jenkins.plugins.packer.hcl.specsuite;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .hcldec} file, read as the {@code hcldec} command reads it: optional {@code variables} blocks giving the
 * input its variables, and exactly one root spec block. Problems in the spec file are diagnostics like any other.
 * <a href="https://github.com/hashicorp/hcl/blob/v2.6.0/cmd/hcldec/spec-format.md">spec format</a>
 */
record SpecFile(Map<String, Value> variables, Spec root) {

    private static final List<String> SPEC_TYPES = List.of("object", "array", "literal", "attr", "block",
            "block_list", "block_map", "block_set", "default", "transform");

    /** Inside {@code object}, each child spec is labelled with the attribute it produces. */
    private static final List<BodySchema.BlockSchema> LABELLED = SPEC_TYPES.stream()
            .map(t -> BodySchema.block(t, "key")).toList();
    private static final List<BodySchema.BlockSchema> UNLABELLED = SPEC_TYPES.stream()
            .map(t -> BodySchema.block(t)).toList();

    /** A spec that stands in where a broken one was, so that decoding still gives a value. */
    private static final Spec ERROR = new Spec.LiteralSpec(Value.DYNAMIC_NULL);

    static SpecFile parse(byte[] src, String filename, Diagnostics diags) {
        File file = Parser.parseConfig(src, filename, diags);
        if (diags.hasErrors()) {
            return new SpecFile(Map.of(), ERROR);
        }
        SyntaxBody body = (SyntaxBody) file.body();
        Map<String, Value> variables = new LinkedHashMap<>();
        List<Block> specBlocks = new ArrayList<>();
        for (Block block : body.blocks()) {
            if (!block.type().equals("variables")) {
                specBlocks.add(block);
                continue;
            }
            for (Attribute attr : BodyContent.justAttributes(block.body(), diags).values()) {
                variables.put(attr.name(), Evaluator.evaluate(attr.expr(), null, diags));
            }
        }
        SyntaxBody rest = new SyntaxBody(body.attributes(), specBlocks, body.range(), body.endRange());
        return new SpecFile(variables, single(rest, "A spec file must have exactly one root block specifying how"
                + " to map to a JSON value.", diags));
    }

    /** The input's evaluation context: its variables, or none at all so that references are "not allowed". */
    EvalContext context() {
        return variables.isEmpty() ? null : new EvalContext(variables, null);
    }

    private static Spec single(Body body, String detail, Diagnostics diags) {
        BodyContent content = BodyContent.of(body, BodySchema.of(List.of(), UNLABELLED), diags);
        return single(content, detail, diags);
    }

    private static Spec single(BodyContent content, String detail, Diagnostics diags) {
        if (content.blocks().isEmpty()) {
            if (!diags.hasErrors()) {
                diags.error("Missing spec block", detail, content.missingItemRange());
            }
            return ERROR;
        }
        if (content.blocks().size() > 1) {
            diags.error("Extraneous spec block", detail, content.blocks().get(1).defRange());
            return ERROR;
        }
        return spec(content.blocks().get(0), diags);
    }

    private static Spec spec(Block block, Diagnostics diags) {
        String impliedName = block.labels().isEmpty() ? null : block.labels().get(0);
        Body body = block.body();
        return switch (block.type()) {
            case "object" -> {
                BodyContent content = BodyContent.of(body, BodySchema.of(List.of(), LABELLED), diags);
                Map<String, Spec> attributes = new LinkedHashMap<>();
                content.blocks().forEach(b -> attributes.put(b.labels().get(0), spec(b, diags)));
                yield new Spec.ObjectSpec(attributes);
            }
            case "array" -> {
                BodyContent content = BodyContent.of(body, BodySchema.of(List.of(), UNLABELLED), diags);
                yield new Spec.TupleSpec(content.blocks().stream().map(b -> spec(b, diags)).toList());
            }
            case "literal" -> {
                BodyContent content = BodyContent.of(body, BodySchema.of(List.of(BodySchema.required("value")),
                        List.of()), diags);
                Attribute value = content.attributes().get("value");
                yield value == null ? ERROR : new Spec.LiteralSpec(Evaluator.evaluate(value.expr(), null, diags));
            }
            case "attr" -> {
                BodyContent content = BodyContent.of(body, BodySchema.of(List.of(BodySchema.attr("name"),
                        BodySchema.attr("type"), BodySchema.attr("required")), List.of()), diags);
                String name = string(content, "name", impliedName, diags);
                Attribute typeAttr = content.attributes().get("type");
                Type type = typeAttr == null ? Type.DYNAMIC : TypeExpressions.parse(typeAttr.expr(), true, diags);
                if (name == null) {
                    diags.error("Missing name in attribute spec", "The name attribute is required, to specify the"
                            + " attribute name that is expected in an input HCL file.", content.missingItemRange());
                    yield ERROR;
                }
                yield new Spec.AttrSpec(name, type, bool(content, "required", diags));
            }
            case "block" -> {
                BodyContent content = blockArguments(body, List.of("block_type", "required"), diags);
                yield new Spec.BlockSpec(string(content, "block_type", impliedName, diags), nested(content, diags),
                        bool(content, "required", diags));
            }
            case "block_list", "block_set" -> {
                BodyContent content = blockArguments(body, List.of("block_type", "min_items", "max_items"), diags);
                String typeName = string(content, "block_type", impliedName, diags);
                Spec nested = nested(content, diags);
                if (typeName == null) {
                    diags.error("Missing block_type in " + block.type() + " spec", "The block_type attribute is"
                            + " required, to specify the block type name that is expected in an input HCL file.",
                            content.missingItemRange());
                    yield ERROR;
                }
                yield new Spec.BlockCollectionSpec(typeName, nested, integer(content, "min_items", diags),
                        integer(content, "max_items", diags), block.type().equals("block_set"));
            }
            case "block_map" -> {
                BodyContent content = blockArguments(body, List.of("block_type", "labels"), diags);
                String typeName = string(content, "block_type", impliedName, diags);
                Spec nested = nested(content, diags);
                List<String> labels = strings(content, "labels", diags);
                if (typeName == null) {
                    diags.error("Missing block_type in block_map spec", "The block_type attribute is required, to"
                            + " specify the block type name that is expected in an input HCL file.",
                            content.missingItemRange());
                    yield ERROR;
                }
                if (labels.isEmpty()) {
                    diags.error("Invalid block label name list", "A block_map must have at least one label"
                            + " specified.", content.missingItemRange());
                    yield ERROR;
                }
                Spec spec = new Spec.BlockMapSpec(typeName, labels, nested);
                if (spec.impliedType().hasDynamicTypes()) {
                    diags.error("Invalid block_map spec", "A block_map spec may not contain attributes with type"
                            + " 'any'.", content.missingItemRange());
                }
                yield spec;
            }
            case "default" -> {
                BodyContent content = BodyContent.of(body, BodySchema.of(List.of(), UNLABELLED), diags);
                Spec spec = null;
                for (Block candidate : content.blocks()) {
                    Spec next = spec(candidate, diags);
                    spec = spec == null ? next : new Spec.DefaultSpec(spec, next);
                }
                yield spec == null ? single(content, "A default block must have at least one nested spec, each"
                        + " specifying a possible outcome.", diags) : spec;
            }
            default -> {
                diags.error("Unsupported spec block", "This harness does not implement \"" + block.type()
                        + "\" specs.", block.typeRange());
                yield ERROR;
            }
        };
    }

    /** The arguments of a block-decoding spec, and its nested spec block. */
    private static BodyContent blockArguments(Body body, List<String> names, Diagnostics diags) {
        return BodyContent.of(body, BodySchema.of(names.stream().map(BodySchema::attr).toList(), UNLABELLED), diags);
    }

    private static Spec nested(BodyContent content, Diagnostics diags) {
        return single(content, "A block spec must have exactly one child spec specifying how to decode block"
                + " contents.", diags);
    }

    private static Value argument(BodyContent content, String name, Type type, Diagnostics diags) {
        Attribute attr = content.attributes().get(name);
        if (attr == null) {
            return null;
        }
        Value v = Evaluator.evaluate(attr.expr(), null, diags);
        try {
            return Convert.convert(v, type);
        } catch (ConversionException e) {
            diags.error("Unsuitable value type", "Unsuitable value: " + e.getMessage(), attr.expr().range());
            return null;
        }
    }

    private static String string(BodyContent content, String name, String implied, Diagnostics diags) {
        Value v = argument(content, name, Type.STRING, diags);
        return v == null || v.isNull() ? implied : v.asString();
    }

    private static boolean bool(BodyContent content, String name, Diagnostics diags) {
        Value v = argument(content, name, Type.BOOL, diags);
        return v != null && !v.isNull() && v.asBool();
    }

    private static int integer(BodyContent content, String name, Diagnostics diags) {
        Value v = argument(content, name, Type.NUMBER, diags);
        return v == null || v.isNull() ? 0 : v.asInt();
    }

    private static List<String> strings(BodyContent content, String name, Diagnostics diags) {
        Value v = argument(content, name, Type.list(Type.STRING), diags);
        return v == null || v.isNull() ? List.of() : v.elements().stream().map(Value::asString).toList();
    }
}
