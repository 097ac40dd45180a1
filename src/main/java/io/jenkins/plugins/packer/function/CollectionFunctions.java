package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.ObjectType;
import io.jenkins.plugins.packer.value.Operator;
import io.jenkins.plugins.packer.value.TupleType;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The collection functions of go-cty's stdlib and Packer ({@code chunklist coalesce coalescelist compact concat contains
 * distinct element flatten index keys length lookup merge range reverse setintersection setproduct setunion slice sort
 * values zipmap alltrue anytrue}). See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/collection/concat">Packer's
 * collection functions</a>.
 */
public final class CollectionFunctions {

    private CollectionFunctions() {
    }

    public static void register(Map<String, Function> all) {
        registerSequences(all);
        registerMaps(all);
        registerSets(all);
    }

    private static void registerSequences(Map<String, Function> all) {
        CoreFunction.named("chunklist")
                .param("list", Type.list(Type.DYNAMIC))
                .param("size", Type.NUMBER)
                .returnType(args -> Type.list(args.get(0).type()))
                .impl(all, (args, ret) -> chunklist(args.get(0), args.get(1)));
        CoreFunction.named("coalescelist")
                .varParam(Parameter.of("vals", Type.DYNAMIC).allowingUnknown().allowingDynamicType().allowingNull())
                .returnType(CollectionFunctions::coalescelistType)
                .impl(all, (args, ret) -> {
                    for (Value a : args) {
                        if (!a.isKnown()) {
                            return Value.unknown(ret);
                        }
                        if (!a.isNull() && a.length() > 0) {
                            return a;
                        }
                    }
                    throw new FunctionException("no non-null arguments");
                });
        CoreFunction.named("compact")
                .param("list", Type.list(Type.STRING))
                .returns(Type.list(Type.STRING))
                .impl(all, (args, ret) -> {
                    if (!args.get(0).isWhollyKnown()) {
                        return Value.unknown(ret);
                    }
                    List<Value> out = args.get(0).elements().stream()
                            .filter(v -> !v.isNull() && !v.asString().isEmpty()).toList();
                    return out.isEmpty() ? Value.emptyList(Type.STRING) : Value.list(out);
                });
        CoreFunction.named("concat")
                .varParam(Parameter.of("seqs", Type.DYNAMIC))
                .returnType(CollectionFunctions::concatType)
                .impl(all, CollectionFunctions::concat);
        CoreFunction.named("contains")
                .param("list", Type.DYNAMIC)
                .param("value", Type.DYNAMIC)
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> contains(args.get(0), args.get(1)));
        CoreFunction.named("distinct")
                .param("list", Type.list(Type.DYNAMIC))
                .returnType(args -> args.get(0).type())
                .impl(all, (args, ret) -> {
                    if (!args.get(0).isWhollyKnown()) {
                        return Value.unknown(ret);
                    }
                    List<Value> out = new ArrayList<>();
                    for (Value v : args.get(0).elements()) {
                        if (out.stream().noneMatch(o -> isTrue(o.equal(v)))) {
                            out.add(v);
                        }
                    }
                    return out.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(out);
                });
        CoreFunction.named("element")
                .param("list", Type.DYNAMIC)
                .param("index", Type.NUMBER)
                .returnType(CollectionFunctions::elementType)
                .impl(all, (args, ret) -> {
                    long index = CoreArgs.goIntOrFail(args.get(1), "invalid index: ");
                    if (!args.get(0).isKnown()) {
                        return Value.unknown(ret);
                    }
                    int len = args.get(0).length();
                    if (len == 0) {
                        throw new FunctionException("cannot use element function with an empty list");
                    }
                    return args.get(0).elements().get(wrapIndex(index, len));
                });
        CoreFunction.named("flatten")
                .param("list", Type.DYNAMIC)
                .returnType(args -> {
                    if (!args.get(0).isWhollyKnown()) {
                        return Type.DYNAMIC;
                    }
                    Type t = args.get(0).type();
                    if (!(t.isList() || t.isSet() || t.isTuple())) {
                        throw new FunctionException("can only flatten lists, sets and tuples");
                    }
                    return Value.tuple(flatten(args.get(0))).type();
                })
                .impl(all, (args, ret) -> Value.tuple(flatten(args.get(0))));
        // Packer's index since 1.7.4 (#11008): the position of a value in a list. 1.6.6 had cty's element-by-key index.
        CoreFunction.named("index")
                .param("list", Type.DYNAMIC)
                .param("value", Type.DYNAMIC)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> indexOf(args.get(0), args.get(1)));
        CoreFunction.named("length")
                .param(Parameter.of("value", Type.DYNAMIC).allowingDynamicType().allowingUnknown())
                .returnType(args -> {
                    Type t = args.get(0).type();
                    if (t.equals(Type.STRING) || t.isDynamic() || t.isCollection() || t.isStructural()) {
                        return Type.NUMBER;
                    }
                    throw new FunctionException("argument must be a string, a collection type, or a structural type");
                })
                .impl(all, (args, ret) -> length(args.get(0)));
        CoreFunction.named("range")
                .varParam(Parameter.of("params", Type.NUMBER))
                .returns(Type.list(Type.NUMBER))
                .impl(all, (args, ret) -> range(args));
        CoreFunction.named("reverse")
                .param("list", Type.DYNAMIC)
                .returnType(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof TupleType tt) {
                        List<Type> types = new ArrayList<>(tt.elements());
                        Collections.reverse(types);
                        return Type.tuple(types);
                    }
                    if (t.isList() || t.isSet()) {
                        return Type.list(t.elementType());
                    }
                    throw new FunctionException(0, "can only reverse list or tuple values, not " + t.friendlyName());
                })
                .impl(all, (args, ret) -> {
                    List<Value> out = new ArrayList<>(args.get(0).elements());
                    Collections.reverse(out);
                    if (ret.isTuple()) {
                        return Value.tuple(out);
                    }
                    return out.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(out);
                });
        CoreFunction.named("slice")
                .param("list", Type.DYNAMIC)
                .param("start_index", Type.NUMBER)
                .param("end_index", Type.NUMBER)
                .returnType(CollectionFunctions::sliceType)
                .impl(all, (args, ret) -> {
                    if (ret.isDynamic()) {
                        return Value.DYNAMIC_UNKNOWN;
                    }
                    int[] idx = sliceIndexes(args);
                    List<Value> out = args.get(0).elements().subList(idx[0], idx[1]);
                    if (ret.isTuple()) {
                        return Value.tuple(out);
                    }
                    return out.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(out);
                });
        CoreFunction.named("sort")
                .param("list", Type.list(Type.STRING))
                .returns(Type.list(Type.STRING))
                .impl(all, (args, ret) -> sort(args.get(0)));
        CoreFunction.named("alltrue")
                .param("list", Type.list(Type.BOOL))
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> {
                    for (Value v : args.get(0).elements()) {
                        if (!v.isKnown()) {
                            return Value.unknown(Type.BOOL);
                        }
                        if (v.isNull() || !v.asBool()) {
                            return Value.FALSE;
                        }
                    }
                    return Value.TRUE;
                });
        CoreFunction.named("anytrue")
                .param("list", Type.list(Type.BOOL))
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> {
                    boolean unknown = false;
                    for (Value v : args.get(0).elements()) {
                        if (!v.isKnown()) {
                            unknown = true;
                        } else if (!v.isNull() && v.asBool()) {
                            return Value.TRUE;
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.FALSE;
                });
    }

    private static void registerMaps(Map<String, Function> all) {
        CoreFunction.named("coalesce")
                .varParam(Parameter.of("vals", Type.DYNAMIC).allowingUnknown().allowingDynamicType().allowingNull())
                .returnType(args -> Convert.unifyUnsafe(args.stream().map(Value::type).toList())
                        .orElseThrow(() -> new FunctionException("all arguments must have the same type")))
                .impl(all, (args, ret) -> {
                    for (Value a : args) {
                        Value v = Convert.convert(a, ret);
                        if (!v.isKnown()) {
                            return Value.unknown(ret);
                        }
                        if (v.isNull() || ret.equals(Type.STRING) && v.asString().isEmpty()) {
                            continue;
                        }
                        return v;
                    }
                    throw new FunctionException("no non-null, non-empty-string arguments");
                });
        CoreFunction.named("keys")
                .param(Parameter.of("inputMap", Type.DYNAMIC).allowingUnknown())
                .returnType(args -> {
                    Type t = args.get(0).type();
                    if (t.isMap()) {
                        return Type.list(Type.STRING);
                    }
                    if (t instanceof ObjectType ot) {
                        return Type.tuple(Collections.nCopies(ot.attributes().size(), Type.STRING));
                    }
                    throw new FunctionException(0, "must have map or object type");
                })
                .impl(all, (args, ret) -> {
                    Value m = args.get(0);
                    if (m.type() instanceof ObjectType ot) {
                        return Value.tuple(ot.attributes().keySet().stream().map(Value::string).toList());
                    }
                    if (!m.isKnown()) {
                        return Value.unknown(ret);
                    }
                    List<Value> keys = m.entries().keySet().stream().map(Value::string).toList();
                    return keys.isEmpty() ? Value.emptyList(Type.STRING) : Value.list(keys);
                });
        CoreFunction.named("lookup")
                .param("inputMap", Type.DYNAMIC)
                .param("key", Type.STRING)
                .param("default", Type.DYNAMIC)
                .returnType(CollectionFunctions::lookupType)
                .impl(all, (args, ret) -> {
                    Value m = args.get(0);
                    String key = args.get(1).asString();
                    if (!m.isWhollyKnown()) {
                        return Value.unknown(ret);
                    }
                    if (m.entries().containsKey(key)) {
                        return m.entries().get(key);
                    }
                    try {
                        return Convert.convert(args.get(2), ret);
                    } catch (ConversionException e) {
                        throw new FunctionException(e.getMessage());
                    }
                });
        CoreFunction.named("merge")
                .varParam(Parameter.of("maps", Type.DYNAMIC).allowingDynamicType().allowingNull())
                .returnType(CollectionFunctions::mergeType)
                .impl(all, CollectionFunctions::merge);
        CoreFunction.named("values")
                .param("values", Type.DYNAMIC)
                .returnType(args -> {
                    Type t = args.get(0).type();
                    if (t.isMap()) {
                        return Type.list(t.elementType());
                    }
                    if (t instanceof ObjectType ot) {
                        return Type.tuple(List.copyOf(ot.attributes().values()));
                    }
                    throw new FunctionException("values() requires a map as the first argument");
                })
                .impl(all, (args, ret) -> {
                    List<Value> vals = List.copyOf(args.get(0).entries().values());
                    if (ret.isTuple()) {
                        return Value.tuple(vals);
                    }
                    return vals.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(vals);
                });
        CoreFunction.named("zipmap")
                .param("keys", Type.list(Type.STRING))
                .param("values", Type.DYNAMIC)
                .returnType(CollectionFunctions::zipmapType)
                .impl(all, (args, ret) -> zipmap(args.get(0), args.get(1), ret));
    }

    private static void registerSets(Map<String, Function> all) {
        Parameter first = Parameter.of("first_set", Type.set(Type.DYNAMIC)).allowingDynamicType();
        Parameter others = Parameter.of("other_sets", Type.set(Type.DYNAMIC)).allowingDynamicType();
        CoreFunction.named("setunion").param(first).varParam(others)
                .returnType(CollectionFunctions::setOperationType)
                .impl(all, (args, ret) -> setOperation(args, ret, true));
        CoreFunction.named("setintersection").param(first).varParam(others)
                .returnType(CollectionFunctions::setOperationType)
                .impl(all, (args, ret) -> setOperation(args, ret, false));
        CoreFunction.named("setproduct")
                .varParam(Parameter.of("sets", Type.DYNAMIC))
                .returnType(CollectionFunctions::setProductType)
                .impl(all, CollectionFunctions::setProduct);
    }

    private static boolean isTrue(Value b) {
        return b.isKnown() && b.asBool();
    }

    private static Value chunklist(Value list, Value sizeValue) throws FunctionException {
        if (!list.isKnown()) {
            return Value.unknown(Type.list(list.type()));
        }
        if (list.length() == 0) {
            return Value.emptyList(list.type());
        }
        long size = CoreArgs.goIntOrFail(sizeValue, "invalid index: ");
        if (size < 0) {
            throw new FunctionException("the size argument must be positive");
        }
        List<Value> elements = list.elements();
        if (size == 0) {
            return Value.list(List.of(list));
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i += (int) Math.min(size, Integer.MAX_VALUE)) {
            out.add(Value.list(elements.subList(i, (int) Math.min(elements.size(), i + size))));
        }
        return Value.list(out);
    }

    private static Type coalescelistType(List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            throw new FunctionException("at least one argument is required");
        }
        for (Value a : args) {
            if (!a.isKnown()) {
                return Type.DYNAMIC;
            }
            if (!a.type().isList() && !a.type().isTuple()) {
                throw new FunctionException("coalescelist arguments must be lists or tuples");
            }
        }
        Type firstType = args.get(0).type();
        return args.stream().allMatch(a -> a.type().equals(firstType)) ? firstType : Type.DYNAMIC;
    }

    private static Type concatType(List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            throw new FunctionException("at least one argument is required");
        }
        if (args.stream().allMatch(a -> a.type().isList())) {
            Optional<Type> common = Convert.unifyUnsafe(args.stream().map(Value::type).toList());
            if (common.isPresent()) {
                return common.get();
            }
        }
        List<Type> types = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            Type t = a.type();
            if (t instanceof TupleType tt) {
                types.addAll(tt.elements());
            } else if (t.isList()) {
                if (!a.isKnown()) {
                    return Type.DYNAMIC;
                }
                types.addAll(Collections.nCopies(a.length(), t.elementType()));
            } else {
                throw new FunctionException(i, "all arguments must be lists or tuples; got " + t.friendlyName());
            }
        }
        return Type.tuple(types);
    }

    private static Value concat(List<Value> args, Type ret) throws FunctionException {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Value seq = args.get(i);
            if (ret.isList()) {
                try {
                    seq = Convert.convert(seq, ret);
                } catch (ConversionException e) {
                    throw new FunctionException(i, e.getMessage());
                }
            }
            out.addAll(seq.elements());
        }
        if (ret.isList()) {
            return out.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(out);
        }
        return Value.tuple(out);
    }

    private static Value contains(Value list, Value value) throws FunctionException {
        Type t = list.type();
        if (!t.isList() && !t.isTuple() && !t.isSet()) {
            throw new FunctionException("argument must be list, tuple, or set");
        }
        if (list.length() == 0) {
            return Value.FALSE;
        }
        boolean unknown = false;
        for (Value e : list.elements()) {
            Value eq = value.equal(e);
            if (!eq.isKnown()) {
                unknown = true;
            } else if (eq.asBool()) {
                return Value.TRUE;
            }
        }
        return unknown ? Value.unknown(Type.BOOL) : Value.FALSE;
    }

    private static Type elementType(List<Value> args) throws FunctionException {
        Type t = args.get(0).type();
        if (t.isList()) {
            return t.elementType();
        }
        if (t instanceof TupleType tt) {
            if (!args.get(1).isKnown()) {
                return Type.DYNAMIC;
            }
            long index = CoreArgs.goIntOrFail(args.get(1), "invalid index: ");
            if (tt.elements().isEmpty()) {
                throw new FunctionException("cannot use element function with an empty list");
            }
            return tt.elements().get(wrapIndex(index, tt.elements().size()));
        }
        throw new FunctionException("cannot read elements from " + t.friendlyName());
    }

    /**
     * cty's index % length. Go's remainder keeps the sign, so packer 1.6.6 panics on element(l, -2) for a longer
     * list; we report it instead.
     */
    private static int wrapIndex(long index, int length) throws FunctionException {
        long i = index % length;
        if (i < 0) {
            throw new FunctionException("cannot use element function with a negative index");
        }
        return (int) i;
    }

    private static List<Value> flatten(Value list) {
        EvaluationCancelled.check();
        List<Value> out = new ArrayList<>();
        for (Value v : list.elements()) {
            Type t = v.type();
            if ((t.isList() || t.isSet() || t.isTuple()) && !v.isNull()) {
                out.addAll(flatten(v));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static Value indexOf(Value list, Value value) throws FunctionException {
        if (!(list.type().isList() || list.type().isTuple())) {
            throw new FunctionException("argument must be a list or tuple");
        }
        if (list.length() == 0) {
            throw new FunctionException("cannot search an empty list");
        }
        List<Value> elements = list.elements();
        for (int i = 0; i < elements.size(); i++) {
            Value eq = elements.get(i).equal(value);
            if (!eq.isKnown()) {
                return Value.unknown(Type.NUMBER);
            }
            if (eq.asBool()) {
                return Value.number(i);
            }
        }
        throw new FunctionException("item not found");
    }

    private static Value length(Value v) {
        Type t = v.type();
        if (t.isDynamic()) {
            return Value.unknown(Type.NUMBER);
        }
        if (t instanceof TupleType tt) {
            return Value.number(tt.elements().size());
        }
        if (t instanceof ObjectType ot) {
            return Value.number(ot.attributes().size());
        }
        if (!v.isKnown()) {
            return Value.unknown(Type.NUMBER);
        }
        if (t.equals(Type.STRING)) {
            return Value.number(StringFunctions.graphemes(v.asString()).size());
        }
        return Value.number(v.length());
    }

    private static Value range(List<Value> args) throws FunctionException {
        Value start;
        Value end;
        Value step;
        switch (args.size()) {
            case 1 -> {
                start = Value.ZERO;
                end = args.get(0);
                step = Value.number(less(end, Value.ZERO) ? -1 : 1);
            }
            case 2 -> {
                start = args.get(0);
                end = args.get(1);
                step = Value.number(less(end, start) ? -1 : 1);
            }
            case 3 -> {
                start = args.get(0);
                end = args.get(1);
                step = args.get(2);
            }
            default -> throw new FunctionException("must have one, two, or three arguments");
        }
        // cty's "step must not be zero" check compares pointers and never fires: a zero step runs into the limit.
        boolean down = less(step, Value.ZERO);
        if (down ? less(start, end) : less(end, start)) {
            throw new FunctionException(1, down ? "end must be less than start when step is negative"
                    : "end must be greater than start when step is positive");
        }
        List<Value> out = new ArrayList<>();
        for (Value n = start; down ? less(end, n) : less(n, end); n = Operator.ADD.apply(n, step)) {
            if (out.size() >= 1024) {
                throw new FunctionException("more than 1024 values were generated; either decrease the difference "
                        + "between start and end or use a smaller step");
            }
            out.add(n);
        }
        return out.isEmpty() ? Value.emptyList(Type.NUMBER) : Value.list(out);
    }

    private static boolean less(Value a, Value b) {
        return Operator.LESS_THAN.apply(a, b).asBool();
    }

    private static Type sliceType(List<Value> args) throws FunctionException {
        Type t = args.get(0).type();
        if (t.isSet()) {
            throw new FunctionException(0, "cannot slice a set, because its elements do not have indices; explicitly "
                    + "convert to a list if the ordering of the result is not important");
        }
        if (!t.isList() && !t.isTuple()) {
            throw new FunctionException(0, "must be a list or tuple value");
        }
        int[] idx = sliceIndexes(args);
        if (t.isList()) {
            return t;
        }
        if (idx == null) {
            return Type.DYNAMIC;
        }
        return Type.tuple(((TupleType) t).elements().subList(idx[0], idx[1]));
    }

    /** cty's sliceIndexes: the checked [start, end), or null when either index is unknown. */
    private static int[] sliceIndexes(List<Value> args) throws FunctionException {
        Value list = args.get(0);
        Integer length = list.type() instanceof TupleType tt ? Integer.valueOf(tt.elements().size())
                : list.isKnown() ? Integer.valueOf(list.length()) : null;
        Long start = null;
        Long end = null;
        if (args.get(1).isKnown()) {
            start = CoreArgs.goIntOrArgError(args.get(1), 1, "invalid start index: ");
            if (start < 0) {
                throw new FunctionException(1, "start index must not be less than zero");
            }
            if (length != null && start > length) {
                throw new FunctionException(1, "start index must not be greater than the length of the list");
            }
        }
        if (args.get(2).isKnown()) {
            end = CoreArgs.goIntOrArgError(args.get(2), 2, "invalid end index: ");
            if (end < 0) {
                throw new FunctionException(2, "end index must not be less than zero");
            }
            if (length != null && end > length) {
                throw new FunctionException(2, "end index must not be greater than the length of the list");
            }
        }
        if (start == null || end == null) {
            return null;
        }
        if (start > end) {
            throw new FunctionException(1, "start index must not be greater than end index");
        }
        return new int[] {start.intValue(), end.intValue()};
    }

    private static Value sort(Value list) throws FunctionException {
        if (!list.isWhollyKnown()) {
            return Value.unknown(Type.list(Type.STRING));
        }
        if (list.length() == 0) {
            return list;
        }
        List<String> strings = new ArrayList<>();
        List<Value> elements = list.elements();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).isNull()) {
                throw new FunctionException("given list element " + i + " is null; a null string cannot be sorted");
            }
            strings.add(elements.get(i).asString());
        }
        strings.sort(StringFunctions::compareCodePoints);
        return Value.list(strings.stream().map(Value::string).toList());
    }

    private static Type lookupType(List<Value> args) throws FunctionException {
        Type t = args.get(0).type();
        if (t instanceof ObjectType ot) {
            String key = args.get(1).asString();
            return ot.hasAttribute(key) ? ot.attributeType(key) : args.get(2).type();
        }
        if (t.isMap()) {
            try {
                Convert.convert(args.get(2), t.elementType());
            } catch (ConversionException e) {
                throw new FunctionException(2, "the default value must have the same type as the map elements");
            }
            return t.elementType();
        }
        throw new FunctionException(0, "lookup() requires a map as the first argument");
    }

    private static Type mergeType(List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            return Type.object(Map.of());
        }
        Map<String, Type> attrs = new TreeMap<>();
        Type firstType = null;
        boolean matching = true;
        boolean attrsKnown = true;
        boolean dynamic = false;
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            Type t = a.type();
            if (t.isDynamic()) {
                // The result's type is not known, but the other arguments are still checked (a null first
                // argument made packer panic on a string after it).
                dynamic = true;
                continue;
            }
            if (!t.isMap() && !t.isObject()) {
                throw new FunctionException("arguments must be maps or objects, got \"" + t.friendlyName() + "\"");
            }
            if (t instanceof ObjectType ot && !a.isNull()) {
                attrs.putAll(ot.attributes());
            } else if (t.isMap() && !a.isNull()) {
                if (a.isKnown()) {
                    a.entries().keySet().forEach(k -> attrs.put(k, t.elementType()));
                } else {
                    attrsKnown = false;
                }
            }
            if (i == 0) {
                firstType = t;
            } else if (!t.equals(firstType)) {
                matching = false;
            }
        }
        if (dynamic) {
            return Type.DYNAMIC;
        }
        if (matching) {
            return firstType;
        }
        return attrsKnown ? Type.object(attrs) : Type.DYNAMIC;
    }

    private static Value merge(List<Value> args, Type ret) {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean allNull = true;
        for (Value a : args) {
            if (a.isNull()) {
                continue;
            }
            allNull = false;
            out.putAll(a.entries());
        }
        if (allNull) {
            return Value.nullOf(ret);
        }
        if (ret.isMap()) {
            return out.isEmpty() ? Value.emptyMap(ret.elementType()) : Value.map(out);
        }
        return Value.object(out);
    }

    private static Type zipmapType(List<Value> args) throws FunctionException {
        Value keys = args.get(0);
        Type vt = args.get(1).type();
        if (vt.isList()) {
            return Type.map(vt.elementType());
        }
        if (vt instanceof TupleType tt) {
            if (!keys.isWhollyKnown()) {
                return Type.DYNAMIC;
            }
            List<Value> ks = keys.elements();
            if (ks.size() != tt.elements().size()) {
                throw new FunctionException("number of keys (" + ks.size() + ") does not match number of values ("
                        + tt.elements().size() + ")");
            }
            Map<String, Type> attrs = new TreeMap<>();
            for (int i = 0; i < ks.size(); i++) {
                if (ks.get(i).isNull()) {
                    throw new FunctionException("keys list has null value at index " + i);
                }
                attrs.put(ks.get(i).asString(), tt.elements().get(i));
            }
            return Type.object(attrs);
        }
        throw new FunctionException("values argument must be a list or tuple value");
    }

    private static Value zipmap(Value keys, Value values, Type ret) throws FunctionException {
        if (!keys.isWhollyKnown()) {
            return Value.unknown(ret);
        }
        if (keys.length() != values.length()) {
            throw new FunctionException("number of keys (" + keys.length() + ") does not match number of values ("
                    + values.length() + ")");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        List<Value> ks = keys.elements();
        for (int i = 0; i < ks.size(); i++) {
            out.put(ks.get(i).asString(), values.elements().get(i));
        }
        if (ret.isMap()) {
            return out.isEmpty() ? Value.emptyMap(ret.elementType()) : Value.map(out);
        }
        // A tuple's object type has one attribute per distinct key; a repeated key keeps its last value.
        return Value.object(out);
    }

    private static Type setOperationType(List<Value> args) throws FunctionException {
        Optional<Type> ety = Convert.unifyUnsafe(args.stream().map(a -> a.type().elementType()).toList());
        return Type.set(ety.orElseThrow(
                () -> new FunctionException("given sets must all have compatible element types")));
    }

    private static Value setOperation(List<Value> args, Type ret, boolean union) throws FunctionException {
        List<Value> result = null;
        for (int i = 0; i < args.size(); i++) {
            List<Value> elements;
            try {
                elements = Convert.convert(args.get(i), ret).elements();
            } catch (ConversionException e) {
                throw new FunctionException(i, e.getMessage());
            }
            if (result == null) {
                result = new ArrayList<>(elements);
            } else if (union) {
                result.addAll(elements);
            } else {
                List<Value> kept = new ArrayList<>();
                for (Value r : result) {
                    if (elements.stream().anyMatch(e -> isTrue(e.equal(r)))) {
                        kept.add(r);
                    }
                }
                result = kept;
            }
        }
        return result.isEmpty() ? Value.emptySet(ret.elementType()) : Value.set(result);
    }

    private static Type setProductType(List<Value> args) throws FunctionException {
        if (args.size() < 2) {
            throw new FunctionException("at least two arguments are required");
        }
        int listCount = 0;
        List<Type> etys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type t = args.get(i).type();
            if (t.isSet()) {
                etys.add(t.elementType());
            } else if (t.isList()) {
                etys.add(t.elementType());
                listCount++;
            } else if (t instanceof TupleType tt) {
                listCount++;
                if (tt.elements().isEmpty()) {
                    etys.add(Type.DYNAMIC);
                } else {
                    final int at = i;
                    etys.add(Convert.unifyUnsafe(tt.elements()).orElseThrow(
                            () -> new FunctionException(at, "all elements must be of the same type")));
                }
            } else {
                throw new FunctionException(i, "a set or a list is required");
            }
        }
        Type tuple = Type.tuple(etys);
        return listCount == args.size() ? Type.list(tuple) : Type.set(tuple);
    }

    /**
     * The most combinations {@code setproduct} makes. packer 1.6.6 allocates the whole product first and dies
     * ({@code fatal error: runtime: out of memory}) on {@code setproduct(range(1024), range(1024), range(1024))}.
     */
    static final long MAX_PRODUCT = 10_000_000L;

    private static Value setProduct(List<Value> args, Type ret) throws FunctionException {
        long size = 1;
        for (Value a : args) {
            size = Math.min(size * a.elements().size(), MAX_PRODUCT + 1);
        }
        if (size > MAX_PRODUCT) {
            throw new FunctionException("the product would have more than " + MAX_PRODUCT
                    + " elements: use fewer or smaller sets");
        }
        List<Type> etys = ((TupleType) ret.elementType()).elements();
        List<List<Value>> product = new ArrayList<>();
        product.add(List.of());
        for (int j = 0; j < args.size(); j++) {
            List<List<Value>> next = new ArrayList<>();
            for (List<Value> prefix : product) {
                EvaluationCancelled.check();
                for (Value v : args.get(j).elements()) {
                    List<Value> row = new ArrayList<>(prefix);
                    row.add(Convert.convert(v, etys.get(j)));
                    next.add(row);
                }
            }
            product = next;
        }
        List<Value> rows = product.stream().map(Value::tuple).toList();
        if (rows.isEmpty()) {
            return ret.isList() ? Value.emptyList(ret.elementType()) : Value.emptySet(ret.elementType());
        }
        return ret.isList() ? Value.list(rows) : Value.set(rows);
    }
}
