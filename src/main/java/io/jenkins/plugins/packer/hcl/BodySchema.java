package io.jenkins.plugins.packer.hcl;

import java.util.List;

/** What a body may contain: attributes (some required) and block types with their label names. */
public record BodySchema(List<AttributeSchema> attributes, List<BlockSchema> blocks) {

    public record AttributeSchema(String name, boolean required) {}

    public record BlockSchema(String type, List<String> labelNames) {}

    public static BodySchema of(List<AttributeSchema> attributes, List<BlockSchema> blocks) {
        return new BodySchema(List.copyOf(attributes), List.copyOf(blocks));
    }

    public static AttributeSchema attr(String name) {
        return new AttributeSchema(name, false);
    }

    public static AttributeSchema required(String name) {
        return new AttributeSchema(name, true);
    }

    public static BlockSchema block(String type, String... labels) {
        return new BlockSchema(type, List.of(labels));
    }
}
