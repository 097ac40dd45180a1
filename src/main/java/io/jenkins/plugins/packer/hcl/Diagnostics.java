package io.jenkins.plugins.packer.hcl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/** An ordered, growable collection of diagnostics; every stage adds to it and goes on. */
public final class Diagnostics implements Iterable<Diagnostic> {

    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic d) {
        items.add(d);
        return this;
    }

    public Diagnostics addAll(Diagnostics other) {
        items.addAll(other.items);
        return this;
    }

    public Diagnostics addAll(Collection<Diagnostic> other) {
        items.addAll(other);
        return this;
    }

    public Diagnostics error(String summary, String detail, Range subject) {
        return add(Diagnostic.error(summary, detail, subject));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    public List<Diagnostic> list() {
        return List.copyOf(items);
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return List.copyOf(items).iterator();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
