package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Range;
import java.util.Map;

/**
 * The content of a file or block, whatever its syntax. Which parts are attributes and which are blocks is decided by
 * a schema, as HCL's JSON syntax requires.
 */
public interface Body {

    /** The whole source text of the body. */
    Range range();

    /** Decodes the body; anything the schema does not name is an error. */
    BodyContent content(BodySchema schema, Diagnostics diags);

    /** Decodes what the schema names and leaves the rest alone. */
    BodyContent partialContent(BodySchema schema, Diagnostics diags);

    /** The body as attributes only, such as {@code locals} or a var-file. */
    Map<String, Attribute> justAttributes(Diagnostics diags);

    /**
     * What is left of the body once {@code schema}'s attributes and block types are taken out, for decoding the
     * rest against another schema (HCL's "remain" body).
     */
    Body remain(BodySchema schema);

    /** Whether the body is written in HCL's native syntax, whose blocks have a header of their own. */
    default boolean nativeSyntax() {
        return false;
    }
}
