package io.jenkins.plugins.packer.docker;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The files of a TLS-protected Docker daemon and its client, as {@code dockerd --tlsverify} and
 * {@code DOCKER_CERT_PATH} name them: a CA, a server certificate for 127.0.0.1, and a client certificate, all signed
 * by the CA ({@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem}, {@code cert.pem}, {@code key.pem}).
 */
public final class TlsFiles {

    private TlsFiles() {
    }

    /** Writes the CA, server and client files into {@code dir}. */
    public static void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair ca = keys();
        X509Certificate caCert = sign("CN=pkrj test CA", ca, "CN=pkrj test CA", ca, true, null, null);
        KeyPair server = keys();
        X509Certificate serverCert = sign("CN=127.0.0.1", server, "CN=pkrj test CA", ca, false,
                KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        KeyPair client = keys();
        X509Certificate clientCert = sign("CN=pkrj client", client, "CN=pkrj test CA", ca, false,
                KeyPurposeId.id_kp_clientAuth, null);
        pem(dir.resolve("ca.pem"), caCert);
        pem(dir.resolve("server-cert.pem"), serverCert);
        pem(dir.resolve("server-key.pem"), server.getPrivate());
        pem(dir.resolve("cert.pem"), clientCert);
        pem(dir.resolve("key.pem"), client.getPrivate());
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                        boolean isCa, KeyPurposeId purpose, GeneralNames names) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (purpose != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (names != null) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static void pem(Path file, Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        Files.writeString(file, w.toString());
    }
}
