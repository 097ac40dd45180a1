package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code uuidv4} and {@code uuidv5}, with the namespaces and UUID parsing of Go's github.com/google/uuid. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/uuid/uuidv5">uuidv5</a>.
 */
public final class UuidFunctions {

    private static final Map<String, String> NAMESPACES = Map.of(
            "dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "url", "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
            "oid", "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
            "x500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8");

    private static final int[] HEX_PAIRS = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

    private UuidFunctions() {
    }

    public static void register(Map<String, Function> all) {
        ExtFunction.add(all, "uuidv4", Type.STRING, List.of(), args -> Value.string(UUID.randomUUID().toString()));
        ExtFunction.add(all, "uuidv5", Type.STRING,
                List.of(ExtFunction.string("namespace"), ExtFunction.string("name")),
                args -> Value.string(uuidv5(args.get(0).asString(), args.get(1).asString())));
    }

    static String uuidv5(String namespace, String name) throws FunctionException {
        byte[] ns;
        try {
            ns = parse(NAMESPACES.getOrDefault(namespace, namespace));
        } catch (IllegalArgumentException e) {
            throw new FunctionException("uuidv5() doesn't support namespace " + namespace + " (" + e.getMessage()
                    + ")");
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        sha1.update(ns);
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Google's uuid.Parse: the plain, braced, URN and undashed forms, with its error messages. */
    private static byte[] parse(String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        byte[] uuid = new byte[16];
        int off = 0;
        switch (s.length) {
            case 36 -> off = 0;
            case 45 -> {
                String prefix = new String(s, 0, 9, StandardCharsets.UTF_8);
                if (!prefix.equalsIgnoreCase("urn:uuid:")) {
                    throw new IllegalArgumentException("invalid urn prefix: " + ExtFunction.goQuote(prefix));
                }
                off = 9;
            }
            case 38 -> off = 1;
            case 32 -> {
                for (int i = 0; i < 16; i++) {
                    uuid[i] = hexByte(s, i * 2);
                }
                return uuid;
            }
            default -> throw new IllegalArgumentException("invalid UUID length: " + s.length);
        }
        if (s[off + 8] != '-' || s[off + 13] != '-' || s[off + 18] != '-' || s[off + 23] != '-') {
            throw new IllegalArgumentException("invalid UUID format");
        }
        for (int i = 0; i < 16; i++) {
            uuid[i] = hexByte(s, off + HEX_PAIRS[i]);
        }
        return uuid;
    }

    private static byte hexByte(byte[] s, int at) {
        int hi = Character.digit(s[at], 16);
        int lo = Character.digit(s[at + 1], 16);
        if (s[at] < 0 || s[at + 1] < 0 || hi < 0 || lo < 0) {
            throw new IllegalArgumentException("invalid UUID format");
        }
        return (byte) (hi << 4 | lo);
    }
}
