package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import io.jenkins.plugins.packer.value.ValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a component's body against its {@link ConfigSpec} into an object value, with hcldec's rules and messages:
 * every attribute converted to its type, single blocks at most once, block lists in order, absent ones null.
 */
public final class ConfigDecoder {

    private ConfigDecoder() {
    }

    public static Value decode(Body body, ConfigSpec spec, EvalContext ctx, Diagnostics diags) {
        BodyContent content = body.content(spec.schema(), diags);
        Map<String, Value> out = new LinkedHashMap<>();
        for (ConfigSpec.Attr a : spec.attributes().values()) {
            out.put(a.name(), Value.nullOf(a.type()));
        }
        // In the order the template sets them, so that their diagnostics come in a stable order (Packer's depend on
        // Go's map order).
        List<Attribute> set = new ArrayList<>(content.attributes().values());
        set.sort(java.util.Comparator.comparing((Attribute x) -> x.range().filename())
                .thenComparingInt(x -> x.range().start().byteOffset()));
        for (Attribute attr : set) {
            ConfigSpec.Attr a = spec.attributes().get(attr.name());
            if (a == null) {
                continue;
            }
            Value v = Evaluator.evaluate(attr.expr(), ctx, diags);
            try {
                v = Convert.convert(v, a.type());
            } catch (ConversionException e) {
                diags.add(Diagnostic.error("Incorrect attribute value type", "Inappropriate value for attribute \""
                        + a.name() + "\": " + e.getMessage() + ".", attr.expr().range(),
                        Range.between(attr.nameRange(), attr.expr().range())));
                v = Value.unknown(a.type());
            }
            out.put(a.name(), v);
        }
        // Block types too in the order the template first uses them, then the absent ones.
        Map<String, ConfigSpec.Nested> nested = new LinkedHashMap<>();
        content.blocks().forEach(b -> nested.putIfAbsent(b.type(), spec.blocks().get(b.type())));
        spec.blocks().forEach(nested::putIfAbsent);
        for (ConfigSpec.Nested n : nested.values()) {
            if (n == null) {
                continue;
            }
            List<Block> found = new ArrayList<>();
            for (Block b : content.blocks()) {
                if (b.type().equals(n.name())) {
                    found.add(b);
                }
            }
            if (n.list()) {
                List<Value> items = new ArrayList<>();
                for (Block b : found) {
                    items.add(decode(b.body(), n.spec(), ctx, diags));
                }
                out.put(n.name(), Value.tuple(items));
            } else if (found.isEmpty()) {
                out.put(n.name(), Value.DYNAMIC_NULL);
            } else {
                if (found.size() > 1) {
                    diags.error("Duplicate " + n.name() + " block", "Only one block of type \"" + n.name()
                            + "\" is allowed. Previous definition was at "
                            + Parser.rangeString(found.get(0).defRange()) + ".", found.get(1).defRange());
                }
                out.put(n.name(), decode(found.get(0).body(), n.spec(), ctx, diags));
            }
        }
        return Value.object(out);
    }

    /**
     * The error Packer's config decoding gives when a number option, an {@code int} in Go, is not a whole number in
     * the int64 range ({@code ssh_port = 22.5}), with gocty's path of the option; null when every one is. Options of
     * nested blocks are checked too; their path names a list block's element by its index (Packer prints a Go
     * pointer there).
     */
    public static String notWholeNumber(Value decoded, ConfigSpec spec) {
        return notWholeNumber(decoded, spec, "");
    }

    private static String notWholeNumber(Value decoded, ConfigSpec spec, String path) {
        for (ConfigSpec.Attr a : spec.attributes().values()) {
            if (!a.type().equals(Type.NUMBER)) {
                continue;
            }
            Value v = decoded.getAttr(a.name());
            if (v.isNull() || !v.isKnown()) {
                continue;
            }
            try {
                v.unmark().asLong();
            } catch (ValueException e) {
                return "value must be a whole number, between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                        + ": [" + path + "{{} " + a.name() + "}]";
            }
        }
        for (ConfigSpec.Nested n : spec.blocks().values()) {
            Value v = decoded.getAttr(n.name());
            if (v == null || v.isNull() || !v.isKnown()) {
                continue;
            }
            String at = path + "{{} " + n.name() + "} ";
            String err = null;
            if (n.list()) {
                List<Value> items = v.elements();
                for (int k = 0; k < items.size() && err == null; k++) {
                    err = notWholeNumber(items.get(k), n.spec(), at + "{{} [" + k + "]} ");
                }
            } else {
                err = notWholeNumber(v, n.spec(), at);
            }
            if (err != null) {
                return err;
            }
        }
        return null;
    }
}
