package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Go templates in a decoded configuration, as Packer's config decoding does before a component's
 * Prepare: every known string, inside lists, maps and nested blocks too, except the top-level options the
 * component renders itself later.
 */
public final class ConfigRendering {

    private ConfigRendering() {
    }

    /** A string that did not render; the message is Packer's decoding error. */
    public static final class RenderException extends Exception {
        private static final long serialVersionUID = 1L;

        RenderException(String message) {
            super(message, null, false, false);
        }
    }

    public static Value render(Value config, List<String> excluded, Interpolation.Context ctx)
            throws RenderException {
        if (config == null || config.isNull() || !config.isKnown() || !config.type().isObject()) {
            return config;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : config.entries().entrySet()) {
            String key = e.getKey();
            out.put(key, excluded.contains(key) ? e.getValue() : renderValue(key, e.getValue(), ctx));
        }
        return Value.object(out);
    }

    private static Value renderValue(String key, Value v, Interpolation.Context ctx) throws RenderException {
        if (v.isNull() || !v.isKnown()) {
            return v;
        }
        Type t = v.type();
        if (t.equals(Type.STRING)) {
            String text = v.asString();
            try {
                String rendered = Interpolation.render(text, ctx);
                return rendered.equals(text) ? v : Value.string(rendered).withMarks(v.marks());
            } catch (GoTemplateException e) {
                // Packer's words: a template that does not parse is invalid, one that fails while it runs did
                // not render.
                throw new RenderException((e.isParseError() ? "invalid '" : "render '") + key + "': "
                        + e.getMessage() + " in:\n\n" + text);
            }
        }
        if (t.isList() || t.isTuple() || t.isSet()) {
            List<Value> elems = new ArrayList<>();
            for (Value e : v.elements()) {
                elems.add(renderValue(key, e, ctx));
            }
            Value r = t.isList() ? (elems.isEmpty() ? v : Value.list(elems))
                    : t.isSet() ? (elems.isEmpty() ? v : Value.set(elems)) : Value.tuple(elems);
            return r.withMarks(v.marks());
        }
        if (t.isMap() || t.isObject()) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                entries.put(e.getKey(), renderValue(key, e.getValue(), ctx));
            }
            Value r = t.isMap() ? (entries.isEmpty() ? v : Value.map(entries)) : Value.object(entries);
            return r.withMarks(v.marks());
        }
        return v;
    }
}
