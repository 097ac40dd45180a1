package io.jenkins.plugins.packer.hcl.specsuite;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoding specification as HCL's {@code hcldec} package defines it: how to turn a body into one value. Only the
 * kinds the {@code hcldec} spec-file format can express are here (its format has no {@code label} spec, so no block
 * here takes labels apart from {@code block_map}'s own), without {@code transform} and {@code block_attrs}, which no
 * case of the suite uses.
 * <a href="https://github.com/hashicorp/hcl/blob/v2.6.0/cmd/hcldec/spec-format.md">spec format</a>
 */
sealed interface Spec {

    /** The type every value this spec decodes has (with {@link Type#DYNAMIC} where the input decides). */
    Type impliedType();

    /** Adds the attributes and block types this spec reads from the body being decoded: hcldec's implied schema. */
    void addToSchema(List<BodySchema.AttributeSchema> attributes, List<BodySchema.BlockSchema> blocks);

    Value decode(BodyContent content, EvalContext ctx, Diagnostics diags);

    /** The variable references the spec would evaluate, as hcldec's Variables (the harness's "traversals"). */
    void variables(BodyContent content, List<List<Traverser>> out);

    /** Where a block's value came from, for "too many blocks" messages. */
    default Range sourceRange(BodyContent content) {
        return content.missingItemRange();
    }

    /** hcldec.Decode: the body must hold exactly what the spec reads, then the spec decodes it. */
    static Value decode(Body body, Spec spec, EvalContext ctx, Diagnostics diags) {
        return spec.decode(BodyContent.of(body, schemaOf(spec), diags), ctx, diags);
    }

    static List<List<Traverser>> variables(Body body, Spec spec) {
        List<List<Traverser>> out = new ArrayList<>();
        spec.variables(BodyContent.partial(body, schemaOf(spec), new Diagnostics()), out);
        return out;
    }

    private static BodySchema schemaOf(Spec spec) {
        List<BodySchema.AttributeSchema> attributes = new ArrayList<>();
        List<BodySchema.BlockSchema> blocks = new ArrayList<>();
        spec.addToSchema(attributes, blocks);
        return BodySchema.of(attributes, blocks);
    }

    private static Range sourceRange(Body body, Spec spec) {
        return spec.sourceRange(BodyContent.partial(body, schemaOf(spec), new Diagnostics()));
    }

    private static List<Block> blocksOfType(BodyContent content, String type) {
        return content.blocks().stream().filter(b -> b.type().equals(type)).toList();
    }

    /** {@code object}: one attribute per child spec, all read from the same body. */
    record ObjectSpec(Map<String, Spec> attributes) implements Spec {

        @Override
        public Type impliedType() {
            Map<String, Type> types = new LinkedHashMap<>();
            attributes.forEach((k, s) -> types.put(k, s.impliedType()));
            return Type.object(types);
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            attributes.values().forEach(s -> s.addToSchema(attrs, blocks));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            Map<String, Value> values = new LinkedHashMap<>();
            attributes.forEach((k, s) -> values.put(k, s.decode(content, ctx, diags)));
            return Value.object(values);
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            attributes.values().forEach(s -> s.variables(content, out));
        }
    }

    /** {@code array}: a tuple with one element per child spec, all read from the same body. */
    record TupleSpec(List<Spec> elements) implements Spec {

        @Override
        public Type impliedType() {
            return Type.tuple(elements.stream().map(Spec::impliedType).toList());
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            elements.forEach(s -> s.addToSchema(attrs, blocks));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            return Value.tuple(elements.stream().map(s -> s.decode(content, ctx, diags)).toList());
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            elements.forEach(s -> s.variables(content, out));
        }
    }

    /** {@code attr}: one attribute's value converted to a type; null when absent and not required. */
    record AttrSpec(String name, Type type, boolean required) implements Spec {

        @Override
        public Type impliedType() {
            return type;
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            attrs.add(new BodySchema.AttributeSchema(name, required));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            Attribute attr = content.attributes().get(name);
            if (attr == null) {
                return Value.nullOf(type);
            }
            Value v = Evaluator.evaluate(attr.expr(), ctx, diags);
            try {
                return Convert.convert(v, type);
            } catch (ConversionException e) {
                diags.add(Diagnostic.error("Incorrect attribute value type",
                        "Inappropriate value for attribute \"" + name + "\": " + e.getMessage() + ".",
                        attr.expr().range(), Range.between(attr.nameRange(), attr.expr().range())));
                return Value.unknown(type);
            }
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            Attribute attr = content.attributes().get(name);
            if (attr != null) {
                out.addAll(Variables.of(attr.expr()));
            }
        }

        @Override
        public Range sourceRange(BodyContent content) {
            Attribute attr = content.attributes().get(name);
            return attr == null ? content.missingItemRange() : attr.expr().range();
        }
    }

    /** {@code literal}: a constant, whatever the body holds. */
    record LiteralSpec(Value value) implements Spec {

        @Override
        public Type impliedType() {
            return value.type();
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            // A literal reads nothing from the body.
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            return value;
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            // A literal refers to nothing.
        }

        /** hcldec gives a literal no place in the input: a zero range in a file named "<unknown>". */
        @Override
        public Range sourceRange(BodyContent content) {
            Pos zero = new Pos(0, 0, 0);
            return new Range("<unknown>", zero, zero);
        }
    }

    /** {@code block}: the body of the one block of a type, decoded by the nested spec; null when there is none. */
    record BlockSpec(String typeName, Spec nested, boolean required) implements Spec {

        @Override
        public Type impliedType() {
            return nested.impliedType();
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            blocks.add(BodySchema.block(typeName));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            List<Block> candidates = blocksOfType(content, typeName);
            if (candidates.isEmpty()) {
                if (required) {
                    diags.error("Missing " + typeName + " block", "A block of type \"" + typeName
                            + "\" is required here.", content.missingItemRange());
                }
                return Value.nullOf(nested.impliedType());
            }
            Block block = candidates.get(0);
            if (candidates.size() > 1) {
                diags.error("Duplicate " + typeName + " block", "Only one block of type \"" + typeName
                        + "\" is allowed. Previous definition was at " + block.defRange() + ".",
                        candidates.get(1).defRange());
            }
            return Spec.decode(block.body(), nested, ctx, diags);
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            blocksOfType(content, typeName).stream().findFirst()
                    .ifPresent(b -> out.addAll(Spec.variables(b.body(), nested)));
        }

        @Override
        public Range sourceRange(BodyContent content) {
            List<Block> blocks = blocksOfType(content, typeName);
            return blocks.isEmpty() ? content.missingItemRange() : Spec.sourceRange(blocks.get(0).body(), nested);
        }
    }

    /**
     * {@code block_list} and {@code block_set}: every block of a type, each decoded by the nested spec, in a list or
     * a set of their unified type, with an optional minimum and maximum count (a maximum of 0 means none).
     */
    record BlockCollectionSpec(String typeName, Spec nested, int minItems, int maxItems, boolean set)
            implements Spec {

        @Override
        public Type impliedType() {
            return set ? Type.set(nested.impliedType()) : Type.list(nested.impliedType());
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            blocks.add(BodySchema.block(typeName));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            List<Value> elements = new ArrayList<>();
            List<Range> sources = new ArrayList<>();
            for (Block block : blocksOfType(content, typeName)) {
                elements.add(Spec.decode(block.body(), nested, ctx, diags));
                sources.add(Spec.sourceRange(block.body(), nested));
            }
            if (elements.size() < minItems) {
                diags.error("Insufficient " + typeName + " blocks", "At least " + minItems + " \"" + typeName
                        + "\" blocks are required.", content.missingItemRange());
            } else if (maxItems > 0 && elements.size() > maxItems) {
                diags.error("Too many " + typeName + " blocks", "No more than " + maxItems + " \"" + typeName
                        + "\" blocks are allowed", sources.get(maxItems));
            }
            if (elements.isEmpty()) {
                return set ? Value.emptySet(nested.impliedType()) : Value.emptyList(nested.impliedType());
            }
            Optional<Type> unified = Convert.unifyUnsafe(elements.stream().map(Value::type).toList());
            String summary = "Unconsistent argument types in " + typeName + " blocks";
            if (unified.isEmpty()) {
                diags.error(summary, "Corresponding attributes in all blocks of this type must be the same.",
                        sources.get(0));
                return Value.DYNAMIC_UNKNOWN;
            }
            List<Value> converted = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                try {
                    converted.add(Convert.convert(elements.get(i), unified.get()));
                } catch (ConversionException e) {
                    diags.error(summary, "Block with index " + i + " has inconsistent argument types: "
                            + e.getMessage() + ".", sources.get(i));
                    return Value.DYNAMIC_UNKNOWN;
                }
            }
            return set ? Value.set(converted) : Value.list(converted);
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            blocksOfType(content, typeName).forEach(b -> out.addAll(Spec.variables(b.body(), nested)));
        }

        @Override
        public Range sourceRange(BodyContent content) {
            List<Block> blocks = blocksOfType(content, typeName);
            return blocks.isEmpty() ? content.missingItemRange() : Spec.sourceRange(blocks.get(0).body(), nested);
        }
    }

    /** {@code block_map}: labelled blocks in maps nested one level per label, keyed by the labels. */
    record BlockMapSpec(String typeName, List<String> labelNames, Spec nested) implements Spec {

        @Override
        public Type impliedType() {
            Type t = nested.impliedType();
            for (int i = 0; i < labelNames.size(); i++) {
                t = Type.map(t);
            }
            return t;
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            blocks.add(new BodySchema.BlockSchema(typeName, List.copyOf(labelNames)));
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            Map<String, Object> root = new LinkedHashMap<>();
            for (Block block : blocksOfType(content, typeName)) {
                Value v = Spec.decode(block.body(), nested, ctx, diags);
                Map<String, Object> target = root;
                List<String> labels = block.labels();
                for (String key : labels.subList(0, labelNames.size() - 1)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) target.computeIfAbsent(key,
                            k -> new LinkedHashMap<String, Object>());
                    target = next;
                }
                String key = labels.get(labelNames.size() - 1);
                if (target.containsKey(key)) {
                    StringBuilder quoted = new StringBuilder();
                    labels.forEach(l -> quoted.append(" \"").append(l).append('"'));
                    diags.error("Duplicate " + typeName + " block", "A block for " + typeName + quoted
                            + " was already defined. The " + typeName + " labels must be unique.", block.defRange());
                    continue;
                }
                target.put(key, v);
            }
            if (root.isEmpty()) {
                return Value.emptyMap(nested.impliedType());
            }
            return toMap(root, labelNames.size());
        }

        private static Value toMap(Map<String, Object> raw, int depth) {
            Map<String, Value> entries = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                @SuppressWarnings("unchecked")
                Value entry = depth == 1 ? (Value) v : toMap((Map<String, Object>) v, depth - 1);
                entries.put(k, entry);
            });
            return Value.map(entries);
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            blocksOfType(content, typeName).forEach(b -> out.addAll(Spec.variables(b.body(), nested)));
        }

        @Override
        public Range sourceRange(BodyContent content) {
            List<Block> blocks = blocksOfType(content, typeName);
            return blocks.isEmpty() ? content.missingItemRange() : Spec.sourceRange(blocks.get(0).body(), nested);
        }
    }

    /** {@code default}: the primary spec's value, or the fallback's when the primary's is null. */
    record DefaultSpec(Spec primary, Spec fallback) implements Spec {

        @Override
        public Type impliedType() {
            return primary.impliedType();
        }

        @Override
        public void addToSchema(List<BodySchema.AttributeSchema> attrs, List<BodySchema.BlockSchema> blocks) {
            primary.addToSchema(attrs, blocks);
            fallback.addToSchema(attrs, blocks);
        }

        @Override
        public Value decode(BodyContent content, EvalContext ctx, Diagnostics diags) {
            Value v = primary.decode(content, ctx, diags);
            return v.isNull() ? fallback.decode(content, ctx, diags) : v;
        }

        @Override
        public void variables(BodyContent content, List<List<Traverser>> out) {
            primary.variables(content, out);
            fallback.variables(content, out);
        }

        @Override
        public Range sourceRange(BodyContent content) {
            return primary.sourceRange(content);
        }
    }
}
