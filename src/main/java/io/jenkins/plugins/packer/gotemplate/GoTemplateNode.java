package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.value.GoStrings;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a Go {@code text/template}. {@link #toString()} prints a node the way Go's {@code parse} package
 * does, because {@code hcl2_upgrade} writes actions back with that text and execution errors quote it.
 * Positions are offsets (in chars) into the parsed text.
 */
public sealed interface GoTemplateNode {

    int pos();

    /** Text outside actions. */
    record Text(int pos, String text) implements GoTemplateNode {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code {{pipeline}}}. */
    record Action(int pos, Pipe pipe) implements GoTemplateNode {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /**
     * Commands separated by {@code |}, with optional variable declarations ({@code $x :=}) or assignments
     * ({@code $x =}, {@code assign}).
     */
    record Pipe(int pos, boolean assign, List<Variable> decls, List<Command> cmds) implements GoTemplateNode {
        @Override
        public String toString() {
            String d = decls.isEmpty() ? ""
                    : decls.stream().map(Variable::toString).collect(Collectors.joining(", ")) + " := ";
            return d + cmds.stream().map(Command::toString).collect(Collectors.joining(" | "));
        }
    }

    /** A function or value and its arguments. */
    record Command(int pos, List<GoTemplateNode> args) implements GoTemplateNode {
        @Override
        public String toString() {
            return args.stream().map(a -> a instanceof Pipe ? "(" + a + ")" : a.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    record Identifier(int pos, String name) implements GoTemplateNode {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code .A.B}: a field chain on dot. */
    record Field(int pos, List<String> idents) implements GoTemplateNode {
        @Override
        public String toString() {
            return idents.stream().map(i -> "." + i).collect(Collectors.joining());
        }
    }

    /** {@code $x.A}: a variable and fields on it. */
    record Variable(int pos, List<String> idents) implements GoTemplateNode {
        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** Fields on a parenthesised pipeline or another term. */
    record Chain(int pos, GoTemplateNode node, List<String> fields) implements GoTemplateNode {
        @Override
        public String toString() {
            String base = node instanceof Pipe ? "(" + node + ")" : node.toString();
            return base + fields.stream().map(f -> "." + f).collect(Collectors.joining());
        }
    }

    record Dot(int pos) implements GoTemplateNode {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements GoTemplateNode {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements GoTemplateNode {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * A number constant as written.
     *
     * @param integer its value when it is an integer constant ({@code isInt} in Go), else null
     */
    record Number(int pos, String text, Long integer, double value) implements GoTemplateNode {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A string constant: its quoted source form and its value. */
    record Str(int pos, String quoted, String text) implements GoTemplateNode {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /**
     * {@code {{if}}}, {@code {{with}}} or {@code {{range}}}: its pipeline, the list it runs and the list after
     * {@code {{else}}} (null when there is none; an {@code {{else if}}} is an else list holding one {@code if}).
     *
     * @param keyword {@code if}, {@code with} or {@code range}
     */
    record Branch(int pos, String keyword, Pipe pipe, List<GoTemplateNode> list, List<GoTemplateNode> elseList)
            implements GoTemplateNode {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{{").append(keyword).append(' ').append(pipe).append("}}");
            list.forEach(sb::append);
            if (elseList != null) {
                sb.append("{{else}}");
                elseList.forEach(sb::append);
            }
            return sb.append("{{end}}").toString();
        }
    }

    /** {@code {{template "name" pipeline}}}, and the call a {@code {{block}}} makes; {@code pipe} may be null. */
    record Template(int pos, String name, Pipe pipe) implements GoTemplateNode {
        @Override
        public String toString() {
            return "{{template " + GoStrings.quote(name)
                    + (pipe == null ? "" : " " + pipe) + "}}";
        }
    }

    /** {@code {{break}}} or {@code {{continue}}} inside a range. */
    record LoopControl(int pos, String keyword) implements GoTemplateNode {
        @Override
        public String toString() {
            return "{{" + keyword + "}}";
        }
    }

    /** {@code {{end}}} and {@code {{else}}}, which only close lists. */
    record Delimiter(int pos, String keyword) implements GoTemplateNode {
        @Override
        public String toString() {
            return "{{" + keyword + "}}";
        }
    }

    /** Go's name of the node's type ({@code *parse.IfNode}), which {@code hcl2_upgrade} prints when it refuses one. */
    default String goType() {
        if (this instanceof Branch b) {
            return "*parse." + Character.toUpperCase(b.keyword().charAt(0)) + b.keyword().substring(1) + "Node";
        } else if (this instanceof LoopControl c) {
            return "*parse." + Character.toUpperCase(c.keyword().charAt(0)) + c.keyword().substring(1) + "Node";
        }
        return "*parse." + getClass().getSimpleName() + "Node";
    }
}
