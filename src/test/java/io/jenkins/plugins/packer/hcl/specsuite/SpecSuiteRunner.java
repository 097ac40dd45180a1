package io.jenkins.plugins.packer.hcl.specsuite;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.ObjectType;
import io.jenkins.plugins.packer.value.TupleType;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs cases of HCL's language spec suite against our HCL implementation, as hashicorp/hcl's {@code hclspecsuite}
 * does with its {@code hcldec} program, and says what went wrong as a list of problems (none for a passing case).
 * <a href="https://github.com/hashicorp/hcl/tree/v2.6.0/specsuite">specsuite</a>
 */
final class SpecSuiteRunner {

    private SpecSuiteRunner() {
    }

    /**
     * The cases under {@code dir}, as hclspecsuite finds them: every {@code .t} file, named by its path without the
     * extension, those of a directory before those of its subdirectories, each group in name order.
     */
    static List<String> caseNames(Path dir) {
        List<String> names = new ArrayList<>();
        collect(dir, dir, names);
        return names;
    }

    private static void collect(Path base, Path dir, List<String> names) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.endsWith(".t") && Files.isRegularFile(p)) {
                names.add(base.relativize(p).toString().replace('\\', '/').replaceAll("\\.t$", ""));
            }
        }
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                collect(base, p, names);
            }
        }
    }

    /**
     * What running a case gave: the problems the harness found (none when it passes) and the diagnostics our
     * implementation reported for the input, which the suite matches by severity and range but not by wording.
     */
    record Outcome(List<String> problems, List<Diagnostic> diagnostics) {}

    /** Runs one case with its native-syntax input {@code NAME.hcl}. */
    static Outcome run(Path dir, String caseName) {
        return run(dir, caseName, sibling(dir.resolve(caseName), ".hcldec"));
    }

    /** Runs one case decoded with another spec file than its own. */
    static Outcome run(Path dir, String caseName, Path specFile) {
        Path base = dir.resolve(caseName);
        List<String> problems = new ArrayList<>();
        Diagnostics loadDiags = new Diagnostics();
        Expectation expected = Expectation.parse(read(sibling(base, ".t")), sibling(base, ".t").toString(),
                loadDiags);
        SpecFile spec = SpecFile.parse(read(specFile), specFile.toString(), loadDiags);
        if (loadDiags.hasErrors()) {
            loadDiags.forEach(d -> problems.add("in the case's own files: " + describe(d)));
            return new Outcome(problems, List.of());
        }
        Path input = sibling(base, ".hcl");
        if (!Files.exists(input)) {
            problems.add("no native-syntax input " + input.getFileName());
            return new Outcome(problems, List.of());
        }
        String filename = input.toString();
        byte[] src = read(input);
        if (expected.traversals() != null) {
            checkTraversals(src, filename, spec, expected.traversals(), problems);
        }
        Diagnostics diags = new Diagnostics();
        Value value = decode(src, filename, spec, diags);
        if (!diags.hasErrors()) {
            // hcldec reports diagnostics only when it fails; warnings of a successful run go unseen.
            diags = new Diagnostics();
        }
        if (expected.diagnostics().isEmpty()) {
            diags.forEach(d -> problems.add("unexpected diagnostic: " + describe(d)));
            if (diags.hasErrors()) {
                return new Outcome(problems, diags.list());
            }
            conformance(value.type(), expected.resultType(), "", problems);
            if (expected.result() != null) {
                compareValues(value, expected.result(), "result", problems);
            }
        } else {
            compareDiagnostics(diags, filename, expected.diagnostics(), problems);
        }
        return new Outcome(problems, diags.list());
    }

    /** The input of a case in HCL's JSON syntax, {@code NAME.hcl.json}, if it has one. */
    static Path jsonInput(Path dir, String caseName) {
        Path json = sibling(dir.resolve(caseName), ".hcl.json");
        return Files.exists(json) ? json : null;
    }

    /** What {@code hcldec} does: parse the input, and only when that succeeds decode its body with the spec. */
    private static Value decode(byte[] src, String filename, SpecFile spec, Diagnostics diags) {
        File file = Parser.parseConfig(src, filename, diags);
        if (diags.hasErrors()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        return Spec.decode(file.body(), spec.root(), spec.context(), diags);
    }

    private static void checkTraversals(byte[] src, String filename, SpecFile spec,
                                        List<Expectation.ExpectedTraversal> expected, List<String> problems) {
        Diagnostics diags = new Diagnostics();
        File file = Parser.parseConfig(src, filename, diags);
        if (diags.hasErrors()) {
            diags.forEach(d -> problems.add("finding references: " + describe(d)));
            return;
        }
        Set<Expectation.ExpectedTraversal> got = new LinkedHashSet<>();
        for (List<Traverser> t : Spec.variables(file.body(), spec.root())) {
            Range first = t.get(0).range();
            Range last = t.get(t.size() - 1).range();
            got.add(new Expectation.ExpectedTraversal(Variables.traversalString(t), first.start(), last.end()));
        }
        Set<Expectation.ExpectedTraversal> want = new LinkedHashSet<>(expected);
        got.stream().filter(t -> !want.contains(t)).forEach(t -> problems.add("unexpected traversal " + t));
        want.stream().filter(t -> !got.contains(t)).forEach(t -> problems.add("missing expected traversal " + t));
    }

    /**
     * Diagnostics match by severity and subject range alone; a diagnostic without a subject in the input file can
     * never be expected, so it is always a problem.
     */
    private static void compareDiagnostics(Diagnostics diags, String filename,
                                           List<Expectation.ExpectedDiagnostic> expected, List<String> problems) {
        Set<Expectation.ExpectedDiagnostic> got = new LinkedHashSet<>();
        for (Diagnostic d : diags) {
            if (d.subject() == null || !filename.equals(d.subject().filename())) {
                problems.add("diagnostic outside the input: " + describe(d));
                continue;
            }
            Expectation.ExpectedDiagnostic entry = new Expectation.ExpectedDiagnostic(d.severity(),
                    d.subject().start(), d.subject().end());
            if (!expected.contains(entry)) {
                problems.add("unexpected diagnostic: " + describe(d));
            }
            got.add(entry);
        }
        for (Expectation.ExpectedDiagnostic e : new LinkedHashSet<>(expected)) {
            if (!got.contains(e)) {
                problems.add("missing expected " + severity(e.severity()) + " at " + range(e.from(), e.to()));
            }
        }
    }

    /**
     * cty's RawEquals, which the harness uses, said as the paths where the values differ: a whole file's value in
     * one message hides the one attribute that is wrong.
     */
    private static void compareValues(Value got, Value want, String path, List<String> problems) {
        if (got.equals(want)) {
            return;
        }
        boolean comparable = got.type().equals(want.type()) && got.isKnown() && want.isKnown() && !got.isNull()
                && !want.isNull();
        if (comparable && (got.type().isObject() || got.type().isMap())) {
            Set<String> keys = new TreeSet<>(got.entries().keySet());
            keys.addAll(want.entries().keySet());
            for (String k : keys) {
                String at = got.type().isObject() ? path + "." + k : path + "[\"" + k + "\"]";
                if (!got.entries().containsKey(k) || !want.entries().containsKey(k)) {
                    problems.add(at + ": " + (got.entries().containsKey(k) ? "not expected" : "missing"));
                } else {
                    compareValues(got.entries().get(k), want.entries().get(k), at, problems);
                }
            }
        } else if (comparable && (got.type().isTuple() || got.type().isList())
                && got.elements().size() == want.elements().size()) {
            for (int i = 0; i < got.elements().size(); i++) {
                compareValues(got.elements().get(i), want.elements().get(i), path + "[" + i + "]", problems);
            }
        } else {
            problems.add(path + ": produced " + exact(got) + ", want " + exact(want));
        }
    }

    /** A value as text, numbers with all their digits (the console's form rounds them to a float64). */
    private static String exact(Value v) {
        boolean finiteNumber = v.type().equals(Type.NUMBER) && v.isKnown() && !v.isNull() && !v.isInfinite();
        return finiteNumber ? v.asBigDecimal().toPlainString() : v.type().typeExpression() + " " + v;
    }

    /** cty's TestConformance: the type must be the wanted one, where the dynamic type stands for any type. */
    private static void conformance(Type given, Type want, String path, List<String> problems) {
        if (want.isDynamic() || given.equals(want)) {
            return;
        }
        String where = path.isEmpty() ? "result" : path;
        if (given instanceof ObjectType go && want instanceof ObjectType wo) {
            if (!go.attributes().keySet().equals(wo.attributes().keySet())) {
                problems.add(where + ": attributes " + go.attributes().keySet() + ", want "
                        + wo.attributes().keySet());
                return;
            }
            wo.attributes().forEach((k, t) -> conformance(go.attributeType(k), t, path + "." + k, problems));
        } else if (given instanceof TupleType gt && want instanceof TupleType wt
                && gt.elements().size() == wt.elements().size()) {
            for (int i = 0; i < wt.elements().size(); i++) {
                conformance(gt.elements().get(i), wt.elements().get(i), path + "[" + i + "]", problems);
            }
        } else if (given.isCollection() && given.getClass() == want.getClass()) {
            conformance(given.elementType(), want.elementType(), path + "[*]", problems);
        } else {
            problems.add(where + ": produced " + given.typeExpression() + ", want " + want.typeExpression());
        }
    }

    static String describe(Diagnostic d) {
        String at = d.subject() == null ? "(no subject)" : range(d.subject().start(), d.subject().end());
        return severity(d.severity()) + " at " + at + ": " + d.summary() + "; " + d.detail();
    }

    private static String severity(Diagnostic.Severity s) {
        return s == Diagnostic.Severity.ERROR ? "error" : "warning";
    }

    /** A range as the suite writes one: line, column and byte offset of both ends. */
    static String range(Pos from, Pos to) {
        return from.line() + ":" + from.column() + "#" + from.byteOffset() + "-" + to.line() + ":" + to.column() + "#"
                + to.byteOffset();
    }

    private static Path sibling(Path base, String extension) {
        return base.resolveSibling(base.getFileName() + extension);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
