package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A body decoded against a schema, with HCL's messages for what the schema does not allow (unsupported arguments
 * and blocks, missing required arguments, wrong label counts).
 */
public record BodyContent(Map<String, Attribute> attributes, List<Block> blocks, Range missingItemRange) {

    /** Decodes {@code body}; anything the schema does not name is an error. */
    public static BodyContent of(Body body, BodySchema schema, Diagnostics diags) {
        return body.content(schema, diags);
    }

    /** Decodes what the schema names and leaves the rest alone. */
    public static BodyContent partial(Body body, BodySchema schema, Diagnostics diags) {
        return body.partialContent(schema, diags);
    }

    /** A body that may hold only attributes, such as {@code locals} or a var-file. */
    public static Map<String, Attribute> justAttributes(Body body, Diagnostics diags) {
        return body.justAttributes(diags);
    }

    /** hclsyntax's Content: a native body against a schema. */
    public static BodyContent ofSyntax(SyntaxBody body, BodySchema schema, Diagnostics diags) {
        BodyContent content = partialOfSyntax(body, schema, diags);
        Set<String> attrNames = new HashSet<>();
        schema.attributes().forEach(a -> attrNames.add(a.name()));
        Set<String> blockTypes = new HashSet<>();
        schema.blocks().forEach(b -> blockTypes.add(b.type()));
        for (Attribute attr : body.attributes().values()) {
            if (attrNames.contains(attr.name())) {
                continue;
            }
            List<String> suggestions = new ArrayList<>();
            for (BodySchema.AttributeSchema s : schema.attributes()) {
                if (!content.attributes.containsKey(s.name())) {
                    suggestions.add(s.name());
                }
            }
            String suggestion = Suggestions.nameSuggestion(attr.name(), suggestions);
            String hint = suggestion != null ? " Did you mean \"" + suggestion + "\"?"
                    : blockTypes.contains(attr.name())
                    ? " Did you mean to define a block of type \"" + attr.name() + "\"?" : "";
            diags.error("Unsupported argument", "An argument named \"" + attr.name() + "\" is not expected here."
                    + hint, attr.nameRange());
        }
        for (Block block : body.blocks()) {
            if (blockTypes.contains(block.type())) {
                continue;
            }
            List<String> suggestions = schema.blocks().stream().map(BodySchema.BlockSchema::type).toList();
            String suggestion = Suggestions.nameSuggestion(block.type(), suggestions);
            String hint = suggestion != null ? " Did you mean \"" + suggestion + "\"?"
                    : attrNames.contains(block.type()) ? " Did you mean to define argument \"" + block.type()
                    + "\"? If so, use the equals sign to assign it a value." : "";
            diags.error("Unsupported block type", "Blocks of type \"" + block.type() + "\" are not expected here."
                    + hint, block.typeRange());
        }
        return content;
    }

    /** hclsyntax's PartialContent. */
    public static BodyContent partialOfSyntax(SyntaxBody body, BodySchema schema, Diagnostics diags) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        Range missing = body.range().startRange();
        for (BodySchema.AttributeSchema s : schema.attributes()) {
            Attribute a = body.attributes().get(s.name());
            if (a == null) {
                if (s.required()) {
                    diags.error("Missing required argument", "The argument \"" + s.name() + "\" is required, but no"
                            + " definition was found.", missing);
                }
                continue;
            }
            attrs.put(s.name(), a);
        }
        Map<String, BodySchema.BlockSchema> wanted = new LinkedHashMap<>();
        schema.blocks().forEach(b -> wanted.put(b.type(), b));
        List<Block> blocks = new ArrayList<>();
        for (Block block : body.blocks()) {
            BodySchema.BlockSchema s = wanted.get(block.type());
            if (s == null) {
                continue;
            }
            int want = s.labelNames().size();
            Range header = Range.between(block.typeRange(), block.openBraceRange());
            if (block.labels().size() > want) {
                String detail = want == 0 ? "No labels are expected for " + block.type() + " blocks."
                        : "Only " + want + " labels (" + String.join(", ", s.labelNames()) + ") are expected for "
                        + block.type() + " blocks.";
                diags.add(Diagnostic.error("Extraneous label for " + block.type(), detail,
                        block.labelRanges().get(want), header));
                continue;
            }
            if (block.labels().size() < want) {
                diags.add(Diagnostic.error("Missing " + s.labelNames().get(block.labels().size()) + " for "
                        + block.type(), "All " + block.type() + " blocks must have " + want + " labels ("
                        + String.join(", ", s.labelNames()) + ").", block.openBraceRange(), header));
                continue;
            }
            blocks.add(block);
        }
        return new BodyContent(attrs, blocks, missing);
    }

    /** hclsyntax's JustAttributes. */
    public static Map<String, Attribute> justAttributesOfSyntax(SyntaxBody body, Diagnostics diags) {
        if (!body.blocks().isEmpty()) {
            Block example = body.blocks().get(0);
            diags.error("Unexpected \"" + example.type() + "\" block", "Blocks are not allowed here.",
                    example.typeRange());
        }
        return body.attributes();
    }
}
