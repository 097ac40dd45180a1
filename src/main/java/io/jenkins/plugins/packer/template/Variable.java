package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An input variable or a local: its type, the values assigned to it in precedence order (the last one wins) and
 * whether it is sensitive. See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/variables">
 * input variables</a>.
 */
public final class Variable {

    /** One assignment: where it came from ("default", "env", "varfile", "cli") and its value. */
    public record Assignment(String from, Value value, Expression expr) {}

    private final String name;
    private final Type type;
    private final boolean typed;
    private final boolean sensitive;
    private final String description;
    private final Range declRange;
    private final List<Assignment> values = new ArrayList<>();
    private final List<VariableValidation> validations = new ArrayList<>();

    public Variable(String name, Type type, boolean typed, boolean sensitive, String description, Range declRange) {
        this.name = name;
        this.type = type;
        this.typed = typed;
        this.sensitive = sensitive;
        this.description = description;
        this.declRange = declRange;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** False when the variable has neither a type constraint nor a default to take its type from. */
    public boolean typed() {
        return typed;
    }

    public boolean sensitive() {
        return sensitive;
    }

    public String description() {
        return description;
    }

    public Range declRange() {
        return declRange;
    }

    public List<Assignment> values() {
        return List.copyOf(values);
    }

    /** Assignments made to any variable so far: a change here means some value may have changed. */
    private static final java.util.concurrent.atomic.AtomicLong ASSIGNMENTS = new java.util.concurrent.atomic.AtomicLong();

    static long assignments() {
        return ASSIGNMENTS.get();
    }

    public void assign(Assignment a) {
        values.add(a);
        ASSIGNMENTS.incrementAndGet();
    }

    /** Gives a local its value: not an input variable, so no change of the {@code var} object. */
    void assignLocal(Assignment a) {
        values.add(a);
    }

    public void addValidation(VariableValidation v) {
        validations.add(v);
    }

    public List<VariableValidation> validations() {
        return List.copyOf(validations);
    }

    public boolean isSet() {
        return !values.isEmpty();
    }

    /** The winning value, marked sensitive when the variable is; unknown when unset. */
    public Value value() {
        if (values.isEmpty()) {
            return Value.unknown(type);
        }
        Value v = values.get(values.size() - 1).value();
        return sensitive ? v.mark(Mark.SENSITIVE) : v;
    }

    /** Packer's error for a variable that is used but has no value. */
    public Diagnostic unsetError() {
        return new Diagnostic(Diagnostic.Severity.ERROR, "Unset variable \"" + name + "\"",
                "A used variable must be set or have a default value; see "
                        + "https://packer.io/docs/configuration/from-1.5/syntax for details.", null, declRange, null);
    }
}
