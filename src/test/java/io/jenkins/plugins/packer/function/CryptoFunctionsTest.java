package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.CoreFixtures.failure;
import static io.jenkins.plugins.packer.function.ExtOracle.assertCase;
import static io.jenkins.plugins.packer.function.ExtOracle.num;
import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoFunctionsTest {

    private static final String CIPHERTEXT = "LtIfoSNXl3WqG0IMOMQ8gAZXIEOo86Zm2qdWp9TpsbTWXJkDYCvfm5xCcHmt9dZ6oai+XLHqsZcR9Ts"
            + "GJ+bhy9H3ShIUlJb10vshXwDLLFLSNEnS0AlmtyCCymQ6GkpwLF6d6xW212Am4wqYTdQ78cc3Z4rwEVniVJRw2ZR5vN+tUn89ckZ/Nz5Z"
            + "FvdoesD3WL1gkpmK1m1yvProyScJ4XBYbU1onAsqX5J6I6xaXUSdAM3PNlA8GxWDgVIqgVBhmzgx42IsR6wL1Uwsg1/3CXOT6ZG5FZK1"
            + "9ujHm0DPEr7+r6gS83VNAc6nUg6x3mso/cvA2d5Zr+db874itFBwmw==";

    private static String key() throws IOException {
        return Files.readString(ExtOracle.EXPRESSIONS.resolve("files/rsa.pem"), StandardCharsets.UTF_8);
    }

    private static Value call(String name, Value... args) throws FunctionException {
        return ExtOracle.functions().get(name).call(List.of(args));
    }

    @Test
    void bcryptHashesWithCostTenAndTheGo2aPrefix() throws FunctionException {
        String hash = call("bcrypt", str("pw")).asString();
        assertThat(hash).hasSize(60).startsWith("$2a$10$");
        assertThat(BCrypt.verifyer().verify("pw".getBytes(StandardCharsets.UTF_8), hash.getBytes(
                StandardCharsets.US_ASCII)).verified).isTrue();
    }

    @Test
    void bcryptOracleCases() {
        // The oracle checks only length and prefix, the salt being random.
        assertThat(ExtOracle.actual("bcrypt", str("pw"))).as("fn-bcrypt-01").hasSize(61);
        assertThat(ExtOracle.actual("bcrypt", str("pw"), num(4))).as("fn-bcrypt-02").startsWith("$2a$04$");
        // A cost below Go's minimum of 4 silently becomes the default, 10.
        assertThat(ExtOracle.actual("bcrypt", str("pw"), num(3))).as("fn-bcrypt-03").startsWith("$2a$10$");
        assertCase("fn-bcrypt-04", "bcrypt", str("pw"), num(32));
        assertCase("fn-bcrypt-05", "bcrypt");
        assertCase("fn-bcrypt-06", "bcrypt", Value.tuple(List.of(str("pw"))));
    }

    /** Difference 54: a cost whose hash would hold the thread for hours is refused, not computed. */
    @Test
    void bcryptRefusesCostsThatTakeHours() {
        assertThat(ExtOracle.actual("bcrypt", str("pw"), num(31))).endsWith("failed: error occured generating"
                + " password crypto/bcrypt: cost 31 is above 20, the most pkrj computes (each step doubles the time:"
                + " 20 takes about a minute, 31 a day and a half).");
        assertThat(ExtOracle.actual("bcrypt", str("pw"), num(21))).contains("cost 21 is above 20");
    }

    @Test
    void bcryptTakesAtMostOneCost() {
        assertThat(ExtOracle.actual("bcrypt", str("a"), num(5), num(6)))
                .endsWith("failed: bcrypt() takes no more than two arguments.");
        assertThat(ExtOracle.actual("bcrypt", str("a"), Value.parseNumber("4.5")))
                .endsWith("failed: value must be a whole number, between -9223372036854775808 and "
                        + "9223372036854775807.");
    }

    @Test
    void bcryptKeepsPasswordsLongerThan72BytesLikeGo() throws FunctionException {
        String longPassword = "x".repeat(100);
        String hash = call("bcrypt", str(longPassword), num(4)).asString();
        // Only the first 72 bytes count, as in Go's and OpenBSD's bcrypt.
        assertThat(BCrypt.verifyer(BCrypt.Version.VERSION_2A, at.favre.lib.crypto.bcrypt.LongPasswordStrategies
                .none()).verify("x".repeat(72).getBytes(StandardCharsets.UTF_8), hash.getBytes(
                StandardCharsets.US_ASCII)).verified).isTrue();
    }

    @Test
    void hashOracleCases() {
        assertCase("fn-md5-01", "md5", str("hello"));
        assertCase("fn-md5-02", "md5", str(""));
        assertCase("fn-md5-03", "md5", str("日本"));
        assertCase("fn-md5-04", "md5", num(1));
        assertCase("fn-md5-05", "md5", Value.EMPTY_TUPLE);
        assertCase("fn-sha1-01", "sha1", str("hello"));
        assertCase("fn-sha1-02", "sha1", str(""));
        assertCase("fn-sha1-03", "sha1", str("ü"));
        assertCase("fn-sha1-04", "sha1", Value.EMPTY_TUPLE);
        assertCase("fn-sha256-01", "sha256", str("hello"));
        assertCase("fn-sha256-02", "sha256", str(""));
        assertCase("fn-sha256-03", "sha256", Value.TRUE);
        assertCase("fn-sha256-04", "sha256", Value.EMPTY_OBJECT);
        assertCase("fn-sha512-01", "sha512", str("hello"));
        assertCase("fn-sha512-02", "sha512", str(""));
        assertCase("fn-sha512-03", "sha512", num(42));
        assertCase("fn-sha512-04", "sha512", Value.DYNAMIC_NULL);
    }

    @Test
    void hashOfASensitiveValueIsSensitive() throws FunctionException {
        Value result = call("sha256", str("s3cr3t").mark(Mark.SENSITIVE));
        assertThat(result.hasMark(Mark.SENSITIVE)).isTrue();
        assertThat(result.unmark().asString()).hasSize(64);
    }

    @Test
    void rsadecryptOfACutOffKeySaysWhatEncodingAsn1Says() {
        // As packer 1.6.6 prints them (Go's x509 returns encoding/asn1's error for such keys).
        String[][] cases = {{"MIIB", "asn1: syntax error: truncated tag or length"},
                {"MIIBCgKCAQEA", "asn1: syntax error: data truncated"},
                {"MAMCAQA=", "asn1: syntax error: sequence truncated"}};
        for (String[] c : cases) {
            String key = "-----BEGIN RSA PRIVATE KEY-----\n" + c[0] + "\n-----END RSA PRIVATE KEY-----";
            assertThat(failure("rsadecrypt", str("YWJj"), str(key)).getMessage()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void rsadecryptOracleCases() throws IOException {
        assertCase("fn-rsadecrypt-01", "rsadecrypt", str(CIPHERTEXT), str(key()));
        assertCase("fn-rsadecrypt-02", "rsadecrypt", str("bad!"), str(key()));
        assertCase("fn-rsadecrypt-03", "rsadecrypt", str("aGVsbG8="), str("not a key"));
        assertCase("fn-rsadecrypt-04", "rsadecrypt");
        assertCase("fn-rsadecrypt-05", "rsadecrypt", str("aGVsbG8="), str(key()));
    }

    @Test
    void rsadecryptAcceptsLineBreaksInTheCiphertextAndTextAroundTheKey() throws IOException, FunctionException {
        String wrapped = CIPHERTEXT.substring(0, 64) + "\r\n" + CIPHERTEXT.substring(64);
        assertThat(call("rsadecrypt", str(wrapped), str("comment\n" + key() + "trailer\n")).asString())
                .isEqualTo("packer rsa test");
    }

    @Test
    void rsadecryptRefusesEncryptedAndPkcs8Keys() throws IOException, GeneralSecurityException {
        String encrypted = key().replaceFirst("-----\n", "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n");
        assertThatThrownBy(() -> call("rsadecrypt", str("aGVsbG8="), str(encrypted)))
                .hasMessage("failed to parse key: password protected keys are not supported. Please decrypt the key "
                        + "prior to use");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> call("rsadecrypt", str("aGVsbG8="), str(pkcs8)))
                .hasMessage("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)");
    }

    @Test
    void secretLookupsCheckTheirArgumentsAsPacker166() {
        assertCase("fn-aws_secretsmanager-01", "aws_secretsmanager", str("only-one"));
        assertCase("fn-aws_secretsmanager-02", "aws_secretsmanager", Value.tuple(List.of(str("x"))), str("k"));
        assertCase("fn-aws_secretsmanager-03", "aws_secretsmanager", Value.DYNAMIC_NULL, str("k"));
        assertCase("fn-aws_secretsmanager-04", "aws_secretsmanager", str("a"), str("b"), str("c"));
        assertCase("fn-vault-01", "vault", str("secret/data/x"), str("k"));
        assertCase("fn-vault-02", "vault");
        assertCase("fn-vault-03", "vault", Value.EMPTY_TUPLE, str("x"));
        assertCase("fn-consul_key-02", "consul_key");
        assertCase("fn-consul_key-03", "consul_key", Value.EMPTY_TUPLE);
    }

    @Test
    void secretLookupsThatPassTheirChecksReportTheServiceTheyCannotReach() {
        // Secrets Manager at a loopback port nothing listens on: the call fails with the SDK's words.
        Map<String, Function> aws = ExtOracle.functions(new FunctionContext(ExtOracle.EXPRESSIONS, null,
                Map.of("AWS_ACCESS_KEY_ID", "AKIATEST", "AWS_SECRET_ACCESS_KEY", "s", "AWS_REGION", "us-east-1",
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:9"), ExtOracle.CONTEXT.clock()));
        assertThat(ExtOracle.actual(aws, "aws_secretsmanager", str("name"), Value.nullOf(
                io.jenkins.plugins.packer.value.Type.STRING)))
                .startsWith("Error: Error in function call\n").contains("Unable to execute HTTP request");
        assertThat(ExtOracle.actual("aws_secretsmanager", str(""), str("k")))
                .endsWith("failed: At least one secret name must be provided.");
        Map<String, Function> withToken = ExtOracle.functions(new FunctionContext(ExtOracle.EXPRESSIONS, null,
                Map.of("VAULT_TOKEN", "t"), ExtOracle.CONTEXT.clock()));
        // Nothing listens on Vault's and Consul's default loopback ports here: the calls fail as Go reports it.
        assertThat(ExtOracle.actual(withToken, "vault", str("secret/x"), str("k")))
                .endsWith("failed: Error reading vault secret: Get \"https://127.0.0.1:8200/v1/secret/x\": dial tcp"
                        + " 127.0.0.1:8200: connect: connection refused.");
        assertThat(ExtOracle.actual("consul_key", str("some/key"))).as("fn-consul_key-01")
                .startsWith("Error: Error in function call\nCall to function \"consul_key\" failed: error reading "
                        + "consul key: Get \"http://127.0.0.1:8500/v1/kv/some/key\": dial tcp 127.0.0.1:8500: connect:");
    }
}
