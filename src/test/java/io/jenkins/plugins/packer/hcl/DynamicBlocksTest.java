package io.jenkins.plugins.packer.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expansion of {@code dynamic} blocks, as HCL's dynblock extension does it. */
class DynamicBlocksTest {

    private static final BodySchema DISK = BodySchema.of(List.of(BodySchema.attr("name"), BodySchema.attr("size")),
            List.of(BodySchema.block("tag", "key")));
    private static final BodySchema TOP = BodySchema.of(List.of(BodySchema.attr("region")),
            List.of(BodySchema.block("disk"), BodySchema.block("labelled", "kind", "name")));

    private final Diagnostics diags = new Diagnostics();

    private Body parse(String src) {
        Body body = Parser.parseConfig(src.getBytes(StandardCharsets.UTF_8), "t.pkr.hcl", diags).body();
        assertThat(diags.list()).isEmpty();
        return DynamicBlocks.expand(body, new EvalContext(Map.of("var", Value.object(Map.of("sizes",
                Value.list(List.of(Value.number(8), Value.number(20)))))), Map.<String, Function>of()));
    }

    private Value attr(Block b, String name) {
        BodyContent c = b.body().content(DISK, diags);
        return Evaluator.evaluate(c.attributes().get(name).expr(), new EvalContext(Map.of(), Map.of()), diags);
    }

    @Test
    void generatesOneBlockPerElementWithItsIterator() {
        Body body = parse("""
                region = "eu-west-1"
                disk { name = "root" }
                dynamic "disk" {
                  for_each = var.sizes
                  content {
                    name = "d${disk.key}"
                    size = disk.value
                  }
                }
                """);
        BodyContent content = body.content(TOP, diags);

        assertThat(content.blocks()).extracting(Block::type).containsExactly("disk", "disk", "disk");
        assertThat(attr(content.blocks().get(1), "name").asString()).isEqualTo("d0");
        assertThat(attr(content.blocks().get(2), "name").asString()).isEqualTo("d1");
        assertThat(attr(content.blocks().get(2), "size").asBigDecimal()).isEqualByComparingTo("20");
        assertThat(Parser.rangeString(content.blocks().get(0).defRange())).isEqualTo("t.pkr.hcl:2,1-5");
        assertThat(Parser.rangeString(content.blocks().get(1).defRange())).isEqualTo("t.pkr.hcl:3,1-15");
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void namedIteratorLabelsAndNestedDynamicBlocks() {
        Body body = parse("""
                dynamic "labelled" {
                  for_each = { a = ["x", "y"] }
                  iterator = it
                  labels   = ["k-${it.key}", "n"]
                  content {}
                }
                dynamic "disk" {
                  for_each = { big = ["t1", "t2"] }
                  content {
                    name = disk.key
                    dynamic "tag" {
                      for_each = disk.value
                      labels   = [tag.value]
                      content { name = "${disk.key}/${tag.value}" }
                    }
                  }
                }
                """);
        BodyContent content = body.content(TOP, diags);

        assertThat(content.blocks().get(0).labels()).containsExactly("k-a", "n");
        Block disk = content.blocks().get(1);
        List<Block> tags = disk.body().content(DISK, diags).blocks();
        assertThat(tags).extracting(Block::labels).containsExactly(List.of("t1"), List.of("t2"));
        BodyContent tag = tags.get(1).body().content(BodySchema.of(List.of(BodySchema.attr("name")), List.of()),
                diags);
        assertThat(Evaluator.evaluate(tag.attributes().get("name").expr(), new EvalContext(Map.of(), Map.of()),
                diags).asString()).isEqualTo("big/t2");
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void badDynamicBlocksAreDiagnosedWithTheirPlace() {
        Body body = parse("""
                dynamic "disk" {
                  for_each = "nope"
                  content {}
                }
                dynamic "disk" {
                  for_each = [1]
                }
                dynamic "nosuch" {
                  for_each = [1]
                  content {}
                }
                """);
        BodyContent content = body.content(TOP, diags);

        assertThat(content.blocks()).isEmpty();
        assertThat(diags.list()).extracting(Diagnostic::summary).containsExactly("Invalid dynamic for_each value",
                "Missing dynamic content block", "Unsupported block type");
        assertThat(diags.list().get(0).subject().start().line()).isEqualTo(2);
        assertThat(diags.list().get(2).subject().start().line()).isEqualTo(8);
    }
}
