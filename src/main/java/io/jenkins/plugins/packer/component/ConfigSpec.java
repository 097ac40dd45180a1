package io.jenkins.plugins.packer.component;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.value.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration schema of a component (builder, provisioner, post-processor, data source), as Packer's plugins
 * declare it in their generated HCL2 specs: typed attributes and nested blocks. It drives decoding, validation and
 * {@code hcl2_upgrade}. Specs are data, read from {@code spec/<kind>/<name>.json} resources next to this class.
 */
public record ConfigSpec(Map<String, Attr> attributes, Map<String, Nested> blocks, List<String> required) {

    /** An attribute: its type, and the reason when it is deprecated. */
    public record Attr(String name, Type type, String deprecated) {}

    /** A nested block: a single block or a list of blocks, each with its own spec. */
    public record Nested(String name, ConfigSpec spec, boolean list) {}

    // The streaming parser alone: the specs are plain JSON, and Jackson's object mapper costs a validate's start
    // some three hundred classes.
    private static final JsonFactory JSON = new JsonFactory();

    /** The HCL schema this spec decodes a body with. */
    public BodySchema schema() {
        List<BodySchema.AttributeSchema> attrs = new ArrayList<>();
        attributes.keySet().forEach(n -> attrs.add(BodySchema.attr(n)));
        List<BodySchema.BlockSchema> bl = new ArrayList<>();
        blocks.keySet().forEach(n -> bl.add(BodySchema.block(n)));
        return BodySchema.of(attrs, bl);
    }

    /** Reads {@code spec/<kind>/<name>.json}; specs it names in {@code include} are merged in first. */
    public static ConfigSpec load(String kind, String name) {
        return fromJson(read(kind + "/" + name), kind);
    }

    private static Map<String, Object> read(String path) {
        String resource = "spec/" + path + ".json";
        try (InputStream in = ConfigSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no component spec " + resource);
            }
            try (JsonParser p = JSON.createParser(in)) {
                p.nextToken();
                return object(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object the parser is at (its START_OBJECT), as maps, lists, strings and booleans. */
    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p));
        }
        return m;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                yield l;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> p.getText();
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<String, Object> node, String name, T absent) {
        Object v = node.get(name);
        return v == null ? absent : (T) v;
    }

    /**
     * Builds a spec from its JSON form: {@code {"include": ["common/ssh"], "attributes": {"name": "type
     * expression"}, "deprecated": {"name": "reason"}, "blocks": {"name": {"list": true, ...nested spec}},
     * "required": ["name"]}}.
     */
    @SuppressWarnings("unchecked")
    static ConfigSpec fromJson(Map<String, Object> node, String kind) {
        Map<String, Attr> attrs = new LinkedHashMap<>();
        Map<String, Nested> blocks = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Object inc : get(node, "include", List.of())) {
            ConfigSpec base = fromJson(read((String) inc), kind);
            attrs.putAll(base.attributes);
            blocks.putAll(base.blocks);
            required.addAll(base.required);
        }
        Map<String, Object> deprecated = get(node, "deprecated", Map.of());
        get(node, "attributes", Map.<String, Object>of()).forEach((name, type) -> attrs.put(name,
                new Attr(name, parseType((String) type), (String) deprecated.get(name))));
        get(node, "blocks", Map.<String, Object>of()).forEach((name, spec) -> {
            Map<String, Object> nested = (Map<String, Object>) spec;
            blocks.put(name, new Nested(name, fromJson(nested, kind), Boolean.TRUE.equals(nested.get("list"))));
        });
        for (Object r : get(node, "required", List.of())) {
            required.add((String) r);
        }
        return new ConfigSpec(Map.copyOf(attrs), Map.copyOf(blocks), List.copyOf(required));
    }

    static Type parseType(String expr) {
        Diagnostics diags = new Diagnostics();
        Type t = TypeExpressions.parse(Parser.parseExpression(expr.getBytes(StandardCharsets.UTF_8), "<spec>", diags),
                true, diags);
        if (diags.hasErrors()) {
            throw new IllegalStateException("bad type in component spec: " + expr + ": " + diags);
        }
        return t;
    }
}
