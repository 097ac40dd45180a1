package io.jenkins.plugins.packer.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static JsonNode read(String path) {
        String resource = "spec/" + path + ".json";
        try (InputStream in = ConfigSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no component spec " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a spec from its JSON form: {@code {"include": ["common/ssh"], "attributes": {"name": "type
     * expression"}, "deprecated": {"name": "reason"}, "blocks": {"name": {"list": true, ...nested spec}},
     * "required": ["name"]}}.
     */
    static ConfigSpec fromJson(JsonNode node, String kind) {
        Map<String, Attr> attrs = new LinkedHashMap<>();
        Map<String, Nested> blocks = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (JsonNode inc : node.path("include")) {
            ConfigSpec base = fromJson(read(inc.asText()), kind);
            attrs.putAll(base.attributes);
            blocks.putAll(base.blocks);
            required.addAll(base.required);
        }
        JsonNode deprecated = node.path("deprecated");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode why = deprecated.get(e.getKey());
            attrs.put(e.getKey(), new Attr(e.getKey(), parseType(e.getValue().asText()),
                    why == null ? null : why.asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("blocks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            blocks.put(e.getKey(), new Nested(e.getKey(), fromJson(e.getValue(), kind),
                    e.getValue().path("list").asBoolean(false)));
        }
        node.path("required").forEach(r -> required.add(r.asText()));
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
