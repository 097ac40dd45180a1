package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Range;
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
}
