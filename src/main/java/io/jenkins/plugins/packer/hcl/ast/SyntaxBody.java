package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A body in HCL's native syntax: attributes by name (in source order) and blocks in source order, fixed by the syntax
 * itself rather than by a schema.
 */
public record SyntaxBody(Map<String, Attribute> attributes, List<Block> blocks, Range range, Range endRange)
        implements Body {

    @Override
    public BodyContent content(BodySchema schema, Diagnostics diags) {
        return BodyContent.ofSyntax(this, schema, diags);
    }

    @Override
    public BodyContent partialContent(BodySchema schema, Diagnostics diags) {
        return BodyContent.partialOfSyntax(this, schema, diags);
    }

    @Override
    public Map<String, Attribute> justAttributes(Diagnostics diags) {
        return BodyContent.justAttributesOfSyntax(this, diags);
    }

    @Override
    public boolean nativeSyntax() {
        return true;
    }

    @Override
    public SyntaxBody remain(BodySchema schema) {
        Map<String, Attribute> attrs = new LinkedHashMap<>(attributes);
        schema.attributes().forEach(a -> attrs.remove(a.name()));
        List<Block> rest = new ArrayList<>();
        for (Block b : blocks) {
            if (schema.blocks().stream().noneMatch(s -> s.type().equals(b.type()))) {
                rest.add(b);
            }
        }
        return new SyntaxBody(attrs, List.copyOf(rest), range, endRange);
    }
}
