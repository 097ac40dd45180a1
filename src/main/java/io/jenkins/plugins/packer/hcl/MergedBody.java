package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Several bodies read as one, as HCL's {@code MergeBodies}: blocks of all of them in order, and an attribute set in
 * more than one is an error ({@code Duplicate argument}). Packer merges a build's {@code source} block into the
 * top-level source it refers to this way.
 */
public record MergedBody(List<Body> bodies) implements Body {

    public MergedBody {
        bodies = List.copyOf(bodies);
    }

    @Override
    public Range range() {
        return bodies.get(0).range();
    }

    @Override
    public BodyContent content(BodySchema schema, Diagnostics diags) {
        return merge(diags, (b, d) -> b.content(schema, d));
    }

    @Override
    public BodyContent partialContent(BodySchema schema, Diagnostics diags) {
        return merge(diags, (b, d) -> b.partialContent(schema, d));
    }

    @Override
    public Map<String, Attribute> justAttributes(Diagnostics diags) {
        return merge(diags, (b, d) -> new BodyContent(b.justAttributes(d), List.of(), null)).attributes();
    }

    @Override
    public Body remain(BodySchema schema) {
        return new MergedBody(bodies.stream().map(b -> b.remain(schema)).toList());
    }

    private BodyContent merge(Diagnostics diags, BiFunction<Body, Diagnostics, BodyContent> read) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        Range missing = null;
        for (Body body : bodies) {
            BodyContent c = read.apply(body, diags);
            if (missing == null) {
                missing = c.missingItemRange();
            }
            for (Attribute attr : c.attributes().values()) {
                Attribute existing = attrs.get(attr.name());
                if (existing != null) {
                    diags.error("Duplicate argument", "Argument \"" + attr.name() + "\" was already set at "
                            + existing.nameRange(), attr.nameRange());
                    continue;
                }
                attrs.put(attr.name(), attr);
            }
            blocks.addAll(c.blocks());
        }
        return new BodyContent(attrs, blocks, missing);
    }
}
