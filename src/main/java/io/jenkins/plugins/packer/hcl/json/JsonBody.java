package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.StringLiterals;
import io.jenkins.plugins.packer.hcl.Suggestions;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ArrayValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ObjectValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A body in HCL's JSON syntax: an object, or an array of objects whose properties are taken together. Which
 * properties are attributes and which are blocks is decided by the schema it is read with; a block's labels are the
 * names of nested objects, one level per label, and an array stands for repeated blocks. A {@code "//"} property is a
 * comment. Messages are those of HCL's JSON decoder.
 */
public record JsonBody(JsonValue value, Set<String> hidden) implements Body {

    private static final String COMMENT = "//";

    public JsonBody {
        hidden = Set.copyOf(hidden);
    }

    public JsonBody(JsonValue value) {
        this(value, Set.of());
    }

    /** The same JSON with the schema's names hidden, as HCL's JSON body does for a remaining body. */
    @Override
    public JsonBody remain(BodySchema schema) {
        Set<String> more = new HashSet<>(hidden);
        schema.attributes().forEach(a -> more.add(a.name()));
        schema.blocks().forEach(b -> more.add(b.type()));
        return new JsonBody(value, more);
    }

    @Override
    public Range range() {
        return value.range();
    }

    /** Where HCL points when something required is missing: the closing brace of an object. */
    public Range missingItemRange() {
        if (value instanceof ObjectValue o) {
            return o.closeRange();
        }
        return value.startRange();
    }

    @Override
    public BodyContent content(BodySchema schema, Diagnostics diags) {
        Set<String> used = new HashSet<>();
        BodyContent content = decode(schema, used, diags);
        List<String> suggestions = new ArrayList<>();
        for (BodySchema.AttributeSchema s : schema.attributes()) {
            if (!used.contains(s.name())) {
                suggestions.add(s.name());
            }
        }
        // Blocks may repeat, so their types are suggested whether used or not.
        schema.blocks().forEach(b -> suggestions.add(b.type()));
        for (Property p : collectDeepAttrs(value, null, diags)) {
            if (p.name().equals(COMMENT) || used.contains(p.name()) || hidden.contains(p.name())) {
                continue;
            }
            String suggestion = Suggestions.nameSuggestion(p.name(), suggestions);
            String hint = suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?";
            diags.add(Diagnostic.error("Extraneous JSON object property", "No argument or block type is named "
                    + StringLiterals.goQuote(p.name()) + "." + hint, p.nameRange(), p.nameRange()));
        }
        return content;
    }

    @Override
    public BodyContent partialContent(BodySchema schema, Diagnostics diags) {
        return decode(schema, new HashSet<>(), diags);
    }

    /** HCL's PartialContent; {@code used} receives the names the schema took. */
    private BodyContent decode(BodySchema schema, Set<String> used, Diagnostics diags) {
        List<Property> props = collectDeepAttrs(value, null, diags);
        Map<String, BodySchema.AttributeSchema> attrSchemas = new LinkedHashMap<>();
        schema.attributes().forEach(s -> attrSchemas.put(s.name(), s));
        Map<String, BodySchema.BlockSchema> blockSchemas = new LinkedHashMap<>();
        schema.blocks().forEach(s -> blockSchemas.put(s.type(), s));
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (Property p : props) {
            String name = p.name();
            if (hidden.contains(name)) {
                continue;
            }
            if (attrSchemas.containsKey(name)) {
                Attribute existing = attrs.get(name);
                if (existing != null) {
                    diags.add(Diagnostic.error("Duplicate argument", "The argument " + StringLiterals.goQuote(name)
                            + " was already set at " + existing.range() + ".", p.nameRange(), p.nameRange()));
                    continue;
                }
                attrs.put(name, attribute(p));
                used.add(name);
            } else if (blockSchemas.containsKey(name)) {
                BodySchema.BlockSchema s = blockSchemas.get(name);
                unpackBlock(p.value(), s.type(), p.nameRange(), s.labelNames(), List.of(), List.of(), blocks, diags);
                used.add(name);
            }
        }
        for (BodySchema.AttributeSchema s : schema.attributes()) {
            if (s.required() && !attrs.containsKey(s.name())) {
                diags.error("Missing required argument", "The argument \"" + s.name() + "\" is required, but no"
                        + " definition was found.", missingItemRange());
            }
        }
        return new BodyContent(attrs, blocks, missingItemRange());
    }

    @Override
    public Map<String, Attribute> justAttributes(Diagnostics diags) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        if (!(value instanceof ObjectValue obj)) {
            diags.error("Incorrect JSON value type", "A JSON object is required here, setting the arguments for this"
                    + " block.", value.startRange());
            return attrs;
        }
        for (Property p : obj.properties()) {
            if (p.name().equals(COMMENT) || hidden.contains(p.name())) {
                continue;
            }
            Attribute existing = attrs.get(p.name());
            if (existing != null) {
                diags.error("Duplicate attribute definition", "The argument " + StringLiterals.goQuote(p.name())
                        + " was already set at " + existing.range() + ".", p.nameRange());
                continue;
            }
            attrs.put(p.name(), attribute(p));
        }
        return attrs;
    }

    private static Attribute attribute(Property p) {
        return new Attribute(p.name(), new Expression.Json(p.value()), p.range(), p.nameRange(), null);
    }

    /**
     * Peels one label per level of nested objects, then makes one block of an object or one per element of an array;
     * a null makes none.
     */
    private static void unpackBlock(JsonValue v, String type, Range typeRange, List<String> labelsLeft,
                                    List<String> labels, List<Range> labelRanges, List<Block> blocks,
                                    Diagnostics diags) {
        if (!labelsLeft.isEmpty()) {
            String labelName = labelsLeft.get(0);
            List<Property> props = collectDeepAttrs(v, labelName, diags);
            if (props.isEmpty()) {
                diags.error("Missing block label", "At least one object property is required, whose name represents"
                        + " the " + type + " block's " + labelName + ".", v.startRange());
                return;
            }
            for (Property p : props) {
                unpackBlock(p.value(), type, typeRange, labelsLeft.subList(1, labelsLeft.size()),
                        append(labels, p.name()), append(labelRanges, p.nameRange()), blocks, diags);
            }
            return;
        }
        if (v instanceof JsonValue.NullValue) {
            return;
        }
        if (v instanceof ObjectValue o) {
            blocks.add(new Block(type, labels, new JsonBody(o), typeRange, labelRanges, o.openRange(),
                    o.closeRange()));
        } else if (v instanceof ArrayValue a) {
            for (JsonValue el : a.values()) {
                // An element that is no object is reported when the block's content is read.
                Range close = el instanceof ObjectValue eo ? eo.closeRange() : el.range().endRange();
                blocks.add(new Block(type, labels, new JsonBody(el), typeRange, labelRanges, a.openRange(), close));
            }
        } else {
            diags.error("Incorrect JSON value type", "Either a JSON object or a JSON array is required, representing"
                    + " the contents of one or more " + StringLiterals.goQuote(type) + " blocks.", v.startRange());
        }
    }

    /**
     * The properties of an object, or of all the objects of an array in order. {@code labelName} is the label being
     * read, or null for a body; it only changes the messages.
     */
    private static List<Property> collectDeepAttrs(JsonValue v, String labelName, Diagnostics diags) {
        List<Property> props = new ArrayList<>();
        if (v instanceof JsonValue.NullValue) {
            return props;
        }
        if (v instanceof ObjectValue o) {
            props.addAll(o.properties());
        } else if (v instanceof ArrayValue a) {
            for (JsonValue el : a.values()) {
                if (el instanceof ObjectValue eo) {
                    props.addAll(eo.properties());
                } else {
                    diags.error("Incorrect JSON value type", labelName != null
                            ? "A JSON object is required here, to specify " + labelName + " labels for this block."
                            : "A JSON object is required here, to define arguments and child blocks.",
                            el.startRange());
                }
            }
        } else {
            diags.error("Incorrect JSON value type", labelName != null
                    ? "Either a JSON object or JSON array of objects is required here, to specify " + labelName
                    + " labels for this block."
                    : "Either a JSON object or JSON array of objects is required here, to define arguments and child"
                    + " blocks.", v.startRange());
        }
        return props;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }
}
