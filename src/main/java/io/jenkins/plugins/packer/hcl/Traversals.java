package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.ObjectType;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Variable lookup, attribute access and indexing with HCL's rules and messages. */
public final class Traversals {

    private Traversals() {
    }

    public static Value traverseAbs(List<Traverser> traversal, EvalContext ctx, Diagnostics diags) {
        Traverser.Root root = (Traverser.Root) traversal.get(0);
        boolean hasVariables = false;
        for (EvalContext c = ctx; c != null; c = c.parent()) {
            if (c.variables() == null) {
                continue;
            }
            hasVariables = true;
            Value v = c.variables().get(root.name());
            if (v != null) {
                return traverseRel(v, traversal.subList(1, traversal.size()), diags);
            }
        }
        if (!hasVariables) {
            diags.error("Variables not allowed", "Variables may not be used here.", root.range());
            return Value.DYNAMIC_UNKNOWN;
        }
        List<String> names = new ArrayList<>();
        for (EvalContext c = ctx; c != null; c = c.parent()) {
            if (c.variables() != null) {
                names.addAll(c.variables().keySet());
            }
        }
        names.sort(null);
        String suggestion = Suggestions.nameSuggestion(root.name(), names);
        diags.error("Unknown variable", "There is no variable named " + StringLiterals.goQuote(root.name()) + "."
                + (suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?"), root.range());
        return Value.DYNAMIC_UNKNOWN;
    }

    public static Value traverseRel(Value v, List<Traverser> steps, Diagnostics diags) {
        Value cur = v;
        for (Traverser t : steps) {
            Diagnostics d = new Diagnostics();
            if (t instanceof Traverser.Attr a) {
                cur = getAttr(cur, a.name(), a.range(), d);
            } else if (t instanceof Traverser.Index ix) {
                cur = index(cur, ix.key(), ix.range(), d);
            }
            diags.addAll(d);
            if (d.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        return cur;
    }

    public static Value index(Value coll, Value key, Range rng, Diagnostics diags) {
        if (coll.isNull()) {
            diags.error("Attempt to index null value", "This value is null, so it does not have any indices.", rng);
            return Value.DYNAMIC_UNKNOWN;
        }
        if (key.isNull()) {
            diags.error("Invalid index", "Can't use a null value as an indexing key.", rng);
            return Value.DYNAMIC_UNKNOWN;
        }
        Type ty = coll.type();
        Type kty = key.type();
        if (kty.isDynamic() || ty.isDynamic()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        if (ty.isList() || ty.isTuple() || ty.isMap()) {
            Type want = ty.isMap() ? Type.STRING : Type.NUMBER;
            Value k;
            try {
                k = Convert.convert(key, want);
            } catch (ConversionException e) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + e.getMessage() + ".", rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            Value has = coll.hasIndex(k);
            if (!has.isKnown()) {
                return ty.isTuple() ? Value.DYNAMIC_UNKNOWN : Value.unknown(ty.elementType());
            }
            if (!has.unmark().asBool()) {
                if (!ty.isMap() && k.isKnown() && !k.isNull() && !k.unmark().isInfinite()) {
                    BigDecimal bf = k.unmark().asBigDecimal();
                    if (bf.stripTrailingZeros().scale() > 0) {
                        diags.error("Invalid index", "The given key does not identify an element in this collection"
                                + " value: indexing a sequence requires a whole number, but the given index ("
                                + Variables.formatG(bf, -1) + ") has a fractional part.", rng);
                        return Value.DYNAMIC_UNKNOWN;
                    }
                }
                diags.error("Invalid index", "The given key does not identify an element in this collection value.",
                        rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            return coll.index(k);
        }
        if (ty.isObject()) {
            Value k;
            try {
                k = Convert.convert(key, Type.STRING);
            } catch (ConversionException e) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + e.getMessage() + ".", rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!coll.isKnown() || !k.isKnown()) {
                return Value.DYNAMIC_UNKNOWN;
            }
            String name = k.unmark().asString();
            if (!((ObjectType) ty).hasAttribute(name)) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value.",
                        rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            return coll.getAttr(name).withMarksOf(k);
        }
        diags.error("Invalid index", "This value does not have any indices.", rng);
        return Value.DYNAMIC_UNKNOWN;
    }

    public static Value getAttr(Value obj, String name, Range rng, Diagnostics diags) {
        if (obj.isNull()) {
            diags.error("Attempt to get attribute from null value", "This value is null, so it does not have any"
                    + " attributes.", rng);
            return Value.DYNAMIC_UNKNOWN;
        }
        Type ty = obj.type();
        if (ty.isObject()) {
            Map<String, Type> attrs = ((ObjectType) ty).attributes();
            if (!attrs.containsKey(name)) {
                diags.error("Unsupported attribute", "This object does not have an attribute named "
                        + StringLiterals.goQuote(name) + ".", rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!obj.isKnown()) {
                return Value.unknown(attrs.get(name)).withMarksOf(obj);
            }
            return obj.getAttr(name);
        }
        if (ty.isMap()) {
            if (!obj.isKnown()) {
                return Value.unknown(ty.elementType()).withMarksOf(obj);
            }
            Value idx = Value.string(name);
            Value has = obj.hasIndex(idx);
            if (has.isKnown() && !has.unmark().asBool()) {
                diags.error("Missing map element", "This map does not have an element with the key "
                        + StringLiterals.goQuote(name) + ".", rng);
                return Value.DYNAMIC_UNKNOWN;
            }
            return obj.index(idx);
        }
        if (ty.isDynamic()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        diags.error("Unsupported attribute", "This value does not have any attributes.", rng);
        return Value.DYNAMIC_UNKNOWN;
    }

    /** The (key, value) pairs cty's element iterator yields: index or key, then element, in cty's order. */
    static List<Value[]> elementPairs(Value coll) {
        List<Value[]> out = new ArrayList<>();
        Type t = coll.type();
        Value plain = coll.unmark();
        if (t.isMap() || t.isObject()) {
            for (Map.Entry<String, Value> en : plain.entries().entrySet()) {
                out.add(new Value[] {Value.string(en.getKey()).withMarksOf(coll), en.getValue().withMarksOf(coll)});
            }
        } else if (t.isSet()) {
            for (Value el : plain.elements()) {
                out.add(new Value[] {el.withMarksOf(coll), el.withMarksOf(coll)});
            }
        } else {
            int i = 0;
            for (Value el : plain.elements()) {
                out.add(new Value[] {Value.number(i++).withMarksOf(coll), el.withMarksOf(coll)});
            }
        }
        return out;
    }
}
