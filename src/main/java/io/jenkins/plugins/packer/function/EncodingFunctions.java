package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The encoding functions ({@code base64decode base64encode csvdecode jsondecode jsonencode urlencode yamldecode
 * yamlencode}, Packer's {@code base64gzip textencodebase64 textdecodebase64}) and {@code convert}. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/encoding/jsonencode">Packer's
 * encoding functions</a>.
 */
public final class EncodingFunctions {

    private EncodingFunctions() {
    }

    public static void register(Map<String, Function> all) {
        CoreFunction.named("base64encode").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(Base64.getEncoder()
                        .encodeToString(args.get(0).asString().getBytes(StandardCharsets.UTF_8))));
        CoreFunction.named("base64decode").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> base64Decode(args.get(0).asString()));
        CoreFunction.named("base64gzip").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(Base64.getEncoder().encodeToString(gzip(args.get(0).asString()))));
        CoreFunction.named("urlencode").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(queryEscape(args.get(0).asString())));
        CoreFunction.named("jsonencode")
                .param(Parameter.of("val", Type.DYNAMIC).allowingDynamicType())
                .returns(Type.STRING)
                .impl(all, (args, ret) -> args.get(0).isWhollyKnown()
                        ? Value.string(EncodingJson.marshal(args.get(0))) : Value.unknown(Type.STRING));
        // cty computes the decoded value's type first; decoding once gives both, so the type rule decodes too.
        CoreFunction.named("jsondecode")
                .param("str", Type.STRING)
                .returnType(args -> args.get(0).isKnown() ? EncodingJson.decode(args.get(0).asString()).type()
                        : Type.DYNAMIC)
                .impl(all, (args, ret) -> EncodingJson.decode(args.get(0).asString()));
        CoreFunction.named("csvdecode")
                .param("str", Type.STRING)
                .returnType(args -> args.get(0).isKnown() ? csvDecode(args.get(0).asString()).type()
                        : Type.DYNAMIC)
                .impl(all, (args, ret) -> csvDecode(args.get(0).asString()));
        CoreFunction.named("yamldecode")
                .param("src", Type.STRING)
                .returnType(args -> args.get(0).isKnown() ? EncodingYaml.decode(args.get(0).asString()).type()
                        : Type.DYNAMIC)
                .impl(all, (args, ret) -> EncodingYaml.decode(args.get(0).asString()));
        CoreFunction.named("yamlencode")
                .param(Parameter.of("value", Type.DYNAMIC).allowingNull().allowingDynamicType())
                .returns(Type.STRING)
                .impl(all, (args, ret) -> args.get(0).isWhollyKnown()
                        ? Value.string(EncodingYaml.encode(args.get(0))) : Value.unknown(Type.STRING));
        CoreFunction.named("textencodebase64")
                .param("string", Type.STRING)
                .param("encoding", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> textEncode(args.get(0).asString(), args.get(1).asString()));
        CoreFunction.named("textdecodebase64")
                .param("source", Type.STRING)
                .param("encoding", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> textDecode(args.get(0).asString(), args.get(1).asString()));
        all.put("convert", new ConvertFunction());
    }

    private static Value base64Decode(String s) throws FunctionException {
        byte[] bytes;
        try {
            // Go's StdEncoding: padding required, no line breaks or other characters.
            if (s.length() % 4 != 0 || !s.matches("[A-Za-z0-9+/]*={0,2}")) {
                throw new IllegalArgumentException(s);
            }
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new FunctionException("failed to decode base64 data '" + s + "'");
        }
        String text = utf8(bytes);
        if (text == null) {
            throw new FunctionException("the result of decoding the the provided string is not valid UTF-8");
        }
        return Value.string(text);
    }

    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] gzip(String s) throws FunctionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FunctionException("failed to write gzip raw data: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** Go's url.QueryEscape: unreserved characters stay, space becomes '+', every other byte %XX. */
    public static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** cty's csvdecode: a list of objects keyed by the header row, every field a string. */
    private static Value csvDecode(String text) throws FunctionException {
        List<List<String>> records = EncodingCsv.readAll(text);
        if (records.isEmpty()) {
            throw new FunctionException("missing header line");
        }
        List<String> headers = records.get(0);
        Map<String, Type> attrs = new LinkedHashMap<>();
        for (String h : headers) {
            if (attrs.put(h, Type.STRING) != null) {
                throw new FunctionException("duplicate column name " + StringFunctions.goQuote(h));
            }
        }
        List<Value> rows = records.subList(1, records.size()).stream().map(r -> {
            Map<String, Value> row = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                row.put(headers.get(i), Value.string(r.get(i)));
            }
            return Value.object(row);
        }).toList();
        return rows.isEmpty() ? Value.emptyList(Type.object(attrs)) : Value.list(rows);
    }

    /** The charset an IANA name or alias stands for, as Go's ianaindex finds it, or null. */
    private static Charset ianaCharset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static Value textEncode(String s, String encoding) throws FunctionException {
        Charset cs = ianaCharset(encoding);
        if (cs == null || !cs.canEncode()) {
            throw new FunctionException(1, StringFunctions.goQuote(encoding) + " is not a supported IANA encoding name or alias");
        }
        try {
            ByteBuffer bytes = cs.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return Value.string(Base64.getEncoder().encodeToString(out));
        } catch (CharacterCodingException e) {
            throw new FunctionException(0, "the given string contains characters that cannot be represented in "
                    + cs.name());
        }
    }

    private static Value textDecode(String source, String encoding) throws FunctionException {
        Charset cs = ianaCharset(encoding);
        if (cs == null) {
            throw new FunctionException(1, StringFunctions.goQuote(encoding) + " is not a supported IANA encoding name or alias");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(source);
        } catch (IllegalArgumentException e) {
            throw new FunctionException(0, "the given value is has an invalid base64 symbol at offset "
                    + firstBadBase64(source));
        }
        try {
            String text = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\uFFFD') >= 0) {
                throw new CharacterCodingException();
            }
            return Value.string(text);
        } catch (CharacterCodingException e) {
            throw new FunctionException(0, "the given string contains symbols that are not defined for " + cs.name());
        }
    }

    private static int firstBadBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * HCL's {@code convert(value, type)} (typeexpr.ConvertFunc). Its second argument is a type expression, not a value:
     * the evaluator must not evaluate it but decode it as a type constraint (the syntax of a variable's {@code type},
     * reporting "Invalid type specification" itself) and call {@link #convert(Value, Type)}. {@link #call} alone
     * cannot be used, as no value carries a type.
     */
    public static final class ConvertFunction extends Function {

        public ConvertFunction() {
            super("convert", List.of(
                    Parameter.of("value", Type.DYNAMIC).allowingNull().allowingDynamicType(),
                    Parameter.of("type", Type.DYNAMIC)), null);
        }

        /** The index of the parameter that takes a type expression. */
        public static final int TYPE_ARGUMENT = 1;

        /** Converts the value to the type the evaluator decoded from the second argument. */
        public Value convert(Value value, Type type) throws FunctionException {
            Value plain = value.unmarkDeep();
            try {
                return Convert.convert(plain, type).withMarks(value.deepMarks());
            } catch (ConversionException e) {
                throw new FunctionException(0, e.getMessage());
            }
        }

        @Override
        protected Value impl(List<Value> args, Type returnType) throws FunctionException {
            throw new FunctionException(TYPE_ARGUMENT, "a type expression is required, such as string or list(number)");
        }
    }
}
