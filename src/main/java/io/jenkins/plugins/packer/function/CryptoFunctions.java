package io.jenkins.plugins.packer.function;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * The hash and crypto functions ({@code bcrypt md5 sha1 sha256 sha512 rsadecrypt}) and the secret look-ups
 * ({@code aws_secretsmanager vault consul_key}) whose arguments are checked as Packer 1.6.6 does. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/crypto/bcrypt">Packer's
 * hash and crypto functions</a>.
 */
public final class CryptoFunctions {

    private static final int BCRYPT_MIN_COST = 4;
    private static final int BCRYPT_MAX_COST = 31;
    /**
     * The highest cost computed: each step doubles the work (20 takes about a minute, 31 a day and a half) and the
     * hash cannot be interrupted, so a higher one would hold an agent's thread past any abort.
     */
    static final int BCRYPT_MOST_COMPUTED = 20;
    private static final int BCRYPT_DEFAULT_COST = 10;

    private CryptoFunctions() {
    }

    public static void register(Map<String, Function> all, FunctionContext ctx) {
        ExtFunction.addVariadic(all, "bcrypt", Type.STRING, List.of(ExtFunction.string("str")),
                ExtFunction.number("cost"), CryptoFunctions::bcrypt);
        hash(all, "md5", "MD5");
        hash(all, "sha1", "SHA-1");
        hash(all, "sha256", "SHA-256");
        hash(all, "sha512", "SHA-512");
        ExtFunction.add(all, "rsadecrypt", Type.STRING,
                List.of(ExtFunction.string("ciphertext"), ExtFunction.string("privatekey")),
                args -> Value.string(rsaDecrypt(args.get(0).asString(), args.get(1).asString())));
        ExtFunction.add(all, "aws_secretsmanager", Type.STRING,
                List.of(ExtFunction.string("name"), ExtFunction.string("key").allowingNull()),
                args -> awsSecret(ctx, args.get(0).asString(), args.get(1).isNull() ? "" : args.get(1).asString(),
                        false));
        ExtFunction.add(all, "aws_secretsmanager_raw", Type.STRING, List.of(ExtFunction.string("name")),
                args -> awsSecret(ctx, args.get(0).asString(), "", true));
        ExtFunction.add(all, "vault", Type.STRING, List.of(ExtFunction.string("path"), ExtFunction.string("key")),
                args -> Value.string(ServiceLookups.vault(ctx.env(), args.get(0).asString(),
                        args.get(1).asString())));
        ExtFunction.add(all, "consul_key", Type.STRING, List.of(ExtFunction.string("key")),
                args -> Value.string(ServiceLookups.consulKey(ctx.env(), args.get(0).asString())));
    }

    private static void hash(Map<String, Function> all, String name, String algorithm) {
        ExtFunction.add(all, name, Type.STRING, List.of(ExtFunction.string("str")), args -> {
            try {
                byte[] digest = MessageDigest.getInstance(algorithm)
                        .digest(args.get(0).asString().getBytes(StandardCharsets.UTF_8));
                return Value.string(HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides " + algorithm, e);
            }
        });
    }

    private static Value bcrypt(List<Value> args) throws FunctionException {
        long cost = BCRYPT_DEFAULT_COST;
        if (args.size() > 1) {
            try {
                cost = ExtFunction.goInt(args.get(1));
            } catch (ExtFunction.GoIntException e) {
                throw new FunctionException(e.getMessage());
            }
        }
        if (args.size() > 2) {
            throw new FunctionException("bcrypt() takes no more than two arguments");
        }
        // Go's bcrypt quietly raises a cost below the minimum to the default and refuses one above the maximum.
        if (cost < BCRYPT_MIN_COST) {
            cost = BCRYPT_DEFAULT_COST;
        }
        if (cost > BCRYPT_MAX_COST) {
            throw new FunctionException("error occured generating password crypto/bcrypt: cost " + cost
                    + " is outside allowed range (" + BCRYPT_MIN_COST + "," + BCRYPT_MAX_COST + ")");
        }
        if (cost > BCRYPT_MOST_COMPUTED) {
            throw new FunctionException("error occured generating password crypto/bcrypt: cost " + cost
                    + " is above " + BCRYPT_MOST_COMPUTED + ", the most pkrj computes (each step doubles the time: "
                    + BCRYPT_MOST_COMPUTED + " takes about a minute, " + BCRYPT_MAX_COST + " a day and a half)");
        }
        byte[] password = args.get(0).asString().getBytes(StandardCharsets.UTF_8);
        // Go's bcrypt ($2a$) keys Blowfish with the password and a NUL, of which only the first 72 bytes count; the
        // pass-through strategy gives the library that same key instead of refusing long passwords.
        byte[] hash = BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.none())
                .hash((int) cost, password);
        return Value.string(new String(hash, StandardCharsets.US_ASCII));
    }

    static String rsaDecrypt(String ciphertext, String pem) throws FunctionException {
        byte[] cipherBytes = CryptoPem.base64Std(ciphertext);
        if (cipherBytes == null) {
            throw new FunctionException("failed to decode input " + ExtFunction.goQuote(ciphertext)
                    + ": cipher text must be base64-encoded");
        }
        CryptoPem.Block block = CryptoPem.decode(pem);
        if (block == null) {
            throw new FunctionException("failed to parse key: no key found");
        }
        if ("4,ENCRYPTED".equals(block.headers().get("Proc-Type"))) {
            throw new FunctionException("failed to parse key: password protected keys are not supported. Please "
                    + "decrypt the key prior to use");
        }
        PrivateKey key = pkcs1PrivateKey(block.bytes());
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.DECRYPT_MODE, key);
            return new String(cipher.doFinal(cipherBytes), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Go reports every failure of PKCS#1 v1.5 decryption alike, so as not to help padding-oracle attacks.
            throw new FunctionException("crypto/rsa: decryption error");
        }
    }

    /**
     * encoding/asn1's error for DER whose outer tag and length are cut off ({@code truncated tag or length}) or whose
     * length runs past the end ({@code data truncated}); null when the outer element is whole.
     */
    static String outerSyntaxError(byte[] der) {
        if (der.length < 2) {
            return "asn1: syntax error: truncated tag or length";
        }
        int i = 1;
        if ((der[0] & 0x1f) == 0x1f) {
            while (i < der.length && (der[i] & 0x80) != 0) {
                i++;
            }
            i++;
            if (i >= der.length) {
                return "asn1: syntax error: truncated tag or length";
            }
        }
        int first = der[i] & 0xff;
        i++;
        long length = first;
        if ((first & 0x80) != 0) {
            int n = first & 0x7f;
            if (i + n > der.length) {
                return "asn1: syntax error: truncated tag or length";
            }
            length = 0;
            for (int k = 0; k < n; k++) {
                length = (length << 8) | (der[i + k] & 0xff);
            }
            i += n;
        }
        return i + length > der.length ? "asn1: syntax error: data truncated" : null;
    }

    /** Reads an RSA private key in PKCS#1 DER form, as Go's x509.ParsePKCS1PrivateKey does. */
    private static PrivateKey pkcs1PrivateKey(byte[] der) throws FunctionException {
        List<BigInteger> fields = CryptoDer.integerSequence(der);
        if (fields == null || fields.size() < 9) {
            if (CryptoDer.looksLikePkcs8(der)) {
                throw new FunctionException("x509: failed to parse private key (use ParsePKCS8PrivateKey instead "
                        + "for this key format)");
            }
            if (CryptoDer.looksLikeEcPrivateKey(der)) {
                throw new FunctionException("x509: failed to parse private key (use ParseECPrivateKey instead for "
                        + "this key format)");
            }
            // Go then returns encoding/asn1's own error; the two a cut-off key gives are said as it says them.
            String outer = outerSyntaxError(der);
            if (outer == null && fields != null) {
                outer = "asn1: syntax error: sequence truncated";
            }
            throw new FunctionException(outer != null ? outer : "x509: failed to parse private key");
        }
        if (fields.get(0).compareTo(BigInteger.ONE) > 0) {
            throw new FunctionException("x509: unsupported private key version");
        }
        List<BigInteger> values = new ArrayList<>(fields.subList(1, 9));
        for (BigInteger v : values) {
            if (v.signum() <= 0) {
                throw new FunctionException("x509: private key contains zero or negative value");
            }
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(values.get(0),
                    values.get(1), values.get(2), values.get(3), values.get(4), values.get(5), values.get(6),
                    values.get(7)));
        } catch (GeneralSecurityException e) {
            throw new FunctionException("x509: failed to parse private key");
        }
    }

    /**
     * A secret of AWS Secrets Manager, with the credentials and region of the run's environment (its
     * {@code AWS_ACCESS_KEY_ID}…, the default profile, the instance's role; {@code AWS_REGION}): the raw string, or
     * as Packer reads it: a plain text secret as it is, a JSON object's only value or its {@code key}. The value is
     * sensitive.
     */
    private static Value awsSecret(FunctionContext ctx, String name, String key, boolean raw)
            throws FunctionException {
        if (name.isEmpty()) {
            throw new FunctionException("At least one secret name must be provided");
        }
        String text;
        try (var access = io.jenkins.plugins.packer.builder.amazon.common.AwsAccess.fromEnvironment(ctx.env());
             var sm = access.secretsManager()) {
            var r = sm.getSecretValue(b -> b.secretId(name).versionStage("AWSCURRENT"));
            if (r.secretString() == null) {
                throw new FunctionException("Secret is not string");
            }
            text = r.secretString();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new FunctionException(io.jenkins.plugins.packer.builder.amazon.common.Ec2.error(e));
        }
        return Value.string(raw ? text : secretValue(text, key)).mark(io.jenkins.plugins.packer.value.Mark.SENSITIVE);
    }

    static String secretValue(String text, String key) throws FunctionException {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            return text;
        }
        if (node == null || !node.isObject()) {
            return text;
        }
        if (key.isEmpty() && node.size() > 1) {
            throw new FunctionException("Secret has multiple values and no key was set");
        }
        com.fasterxml.jackson.databind.JsonNode v = key.isEmpty() ? (node.size() == 1 ? node.elements().next()
                : null) : node.get(key);
        if (v == null) {
            throw new FunctionException("No secret found for key \"" + key + "\"");
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}
