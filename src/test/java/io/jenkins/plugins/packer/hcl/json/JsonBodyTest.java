package io.jenkins.plugins.packer.hcl.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding a JSON body against a schema, as HCL's json/structure.go does. */
class JsonBodyTest {

    private static final String FILE = "t.pkr.json";

    private static final BodySchema SCHEMA = BodySchema.of(
            List.of(BodySchema.attr("name"), BodySchema.attr("count")),
            List.of(BodySchema.block("source", "type", "name"), BodySchema.block("build")));

    private static Body body(String src) {
        Diagnostics diags = new Diagnostics();
        Body b = JsonParser.parse(src.getBytes(StandardCharsets.UTF_8), FILE, diags).body();
        assertThat(diags.list()).isEmpty();
        return b;
    }

    private static List<String> summaries(Diagnostics diags) {
        return diags.list().stream().map(d -> d.summary() + " @ " + d.subject()).toList();
    }

    @Test
    void schemaDecidesWhatIsAnAttributeAndWhatABlock() {
        Diagnostics diags = new Diagnostics();
        BodyContent c = body("{\"name\": \"x\", \"build\": {}}").content(SCHEMA, diags);
        assertThat(diags.list()).isEmpty();
        assertThat(c.attributes()).containsOnlyKeys("name");
        assertThat(c.blocks()).extracting(Block::type).containsExactly("build");
    }

    @Test
    void attributeRangeRunsFromNameToEndOfValue() {
        Attribute a = body("{\"name\": [1, 2]}").content(SCHEMA, new Diagnostics()).attributes().get("name");
        assertThat(a.nameRange()).hasToString(FILE + ":1,2-8");
        assertThat(a.range()).hasToString(FILE + ":1,2-16");
    }

    @Test
    void nestedObjectsGiveTheLabelsOneLevelEach() {
        BodyContent c = body("{\"source\": {\"null\": {\"a\": {}, \"b\": {}}}}").content(SCHEMA, new Diagnostics());
        assertThat(c.blocks()).extracting(Block::labels).containsExactly(List.of("null", "a"), List.of("null", "b"));
        assertThat(c.blocks().get(1).labelRanges().get(1)).hasToString(FILE + ":1,31-34");
    }

    @Test
    void arrayOfObjectsRepeatsTheBlock() {
        BodyContent c = body("{\"build\": [{\"name\": 1}, {\"name\": 2}]}").content(SCHEMA, new Diagnostics());
        assertThat(c.blocks()).hasSize(2);
    }

    @Test
    void duplicatePropertyNamesOfBlocksAddUp() {
        BodyContent c = body("{\"source\": {\"file\": {\"a\": {}}, \"file\": {\"b\": {}}}}")
                .content(SCHEMA, new Diagnostics());
        assertThat(c.blocks()).extracting(b -> b.labels().get(1)).containsExactly("a", "b");
    }

    @Test
    void rootArrayTakesThePropertiesOfAllItsObjects() {
        Diagnostics diags = new Diagnostics();
        BodyContent c = body("[{\"name\": 1}, {\"build\": {}}]").content(SCHEMA, diags);
        assertThat(diags.list()).isEmpty();
        assertThat(c.attributes()).containsOnlyKeys("name");
        assertThat(c.blocks()).hasSize(1);
    }

    @Test
    void nullBlockContentMakesNoBlock() {
        Diagnostics diags = new Diagnostics();
        BodyContent c = body("{\"build\": null}").content(SCHEMA, diags);
        assertThat(diags.list()).isEmpty();
        assertThat(c.blocks()).isEmpty();
    }

    @Test
    void jsonBlockIsDefinedAtItsOpeningBrace() {
        Block b = body("{\"build\": {\n}}").content(SCHEMA, new Diagnostics()).blocks().get(0);
        assertThat(b.typeRange()).hasToString(FILE + ":1,2-9");
        assertThat(b.defRange()).hasToString(FILE + ":1,11-12");
    }

    @Test
    void missingLabelPointsAtTheEmptyObject() {
        Diagnostics diags = new Diagnostics();
        body("{\"source\": {\"null\": {}}}").content(SCHEMA, diags);
        Diagnostic d = diags.list().get(0);
        assertThat(d.summary()).isEqualTo("Missing block label");
        assertThat(d.detail()).isEqualTo("At least one object property is required, whose name represents the source"
                + " block's name.");
        assertThat(d.subject()).hasToString(FILE + ":1,21-22");
    }

    @Test
    void blockThatIsNeitherObjectNorArray() {
        Diagnostics diags = new Diagnostics();
        body("{\"build\": 3}").content(SCHEMA, diags);
        assertThat(diags.list()).extracting(Diagnostic::detail).containsExactly("Either a JSON object or a JSON array"
                + " is required, representing the contents of one or more \"build\" blocks.");
    }

    @Test
    void labelsThatAreNotAnObject() {
        Diagnostics diags = new Diagnostics();
        body("{\"source\": \"x\"}").content(SCHEMA, diags);
        assertThat(diags.list()).extracting(Diagnostic::detail).containsExactly("Either a JSON object or JSON array of"
                + " objects is required here, to specify type labels for this block.",
                "At least one object property is required, whose name represents the source block's type.");
    }

    @Test
    void arrayElementOfABodyMustBeAnObject() {
        Diagnostics diags = new Diagnostics();
        body("[{\"name\": 1}, 2]").partialContent(SCHEMA, diags);
        assertThat(diags.list()).extracting(Diagnostic::detail)
                .containsExactly("A JSON object is required here, to define arguments and child blocks.");
    }

    @Test
    void unknownPropertyIsExtraneousWithASuggestion() {
        Diagnostics diags = new Diagnostics();
        body("{\"nmae\": 1}").content(SCHEMA, diags);
        Diagnostic d = diags.list().get(0);
        assertThat(d.summary()).isEqualTo("Extraneous JSON object property");
        assertThat(d.detail()).isEqualTo("No argument or block type is named \"nmae\". Did you mean \"name\"?");
        assertThat(d.subject()).hasToString(FILE + ":1,2-8");
    }

    @Test
    void partialContentLeavesUnknownPropertiesAlone() {
        Diagnostics diags = new Diagnostics();
        body("{\"nmae\": 1, \"name\": 2}").partialContent(SCHEMA, diags);
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void commentPropertyIsIgnoredInABody() {
        Diagnostics diags = new Diagnostics();
        body("{\"//\": \"why\", \"name\": 1}").content(SCHEMA, diags);
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void duplicateArgumentSaysWhereTheFirstWas() {
        Diagnostics diags = new Diagnostics();
        body("{\"name\": 1,\n \"name\": 2}").content(SCHEMA, diags);
        Diagnostic d = diags.list().get(0);
        assertThat(d.summary()).isEqualTo("Duplicate argument");
        assertThat(d.detail()).isEqualTo("The argument \"name\" was already set at " + FILE + ":1,2-11.");
        assertThat(d.subject()).hasToString(FILE + ":2,2-8");
    }

    @Test
    void missingRequiredArgumentPointsAtTheClosingBrace() {
        Diagnostics diags = new Diagnostics();
        body("{\n}").content(BodySchema.of(List.of(BodySchema.required("name")), List.of()), diags);
        assertThat(summaries(diags)).containsExactly("Missing required argument @ " + FILE + ":2,1-2");
    }

    @Test
    void justAttributesTakesEveryPropertyButComments() {
        Map<String, Attribute> attrs = body("{\"a\": 1, \"//\": \"c\", \"b\": {\"c\": 2}}")
                .justAttributes(new Diagnostics());
        assertThat(attrs).containsOnlyKeys("a", "b");
    }

    @Test
    void justAttributesNeedsAnObject() {
        Diagnostics diags = new Diagnostics();
        body("[{\"a\": 1}]").justAttributes(diags);
        assertThat(diags.list()).extracting(Diagnostic::detail)
                .containsExactly("A JSON object is required here, setting the arguments for this block.");
    }

    @Test
    void justAttributesReportsADuplicate() {
        Diagnostics diags = new Diagnostics();
        body("{\"a\": 1, \"a\": 2}").justAttributes(diags);
        assertThat(summaries(diags)).containsExactly("Duplicate attribute definition @ " + FILE + ":1,10-13");
    }
}
