package io.jenkins.plugins.packer.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What the start-up training's build talks to, on 127.0.0.1 and for its length only: an EC2 endpoint that answers the
 * calls of an amazon-ebs bake with the least each answer needs, and an SSH server that takes any key, receives
 * uploads into a temporary folder and runs every command as a success. A bake against them loads and profiles what a
 * real one does (the AWS SDK's requests and answers, an SSH session, its commands and uploads), so that the start-up
 * cache holds it.
 */
final class TrainingMachine implements AutoCloseable {

    static final String SOURCE_AMI = "ami-0123456789abcdef0";
    private static final String XMLNS = " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final String IMAGE = "ami-0fedcba9876543210";

    private final HttpServer ec2;
    private final SshServer ssh;
    /** The temporary key pair's private key, as CreateKeyPair gives it (PKCS #8 PEM). */
    private final String keyMaterial;
    private volatile String instanceState = "running";

    private TrainingMachine(HttpServer ec2, SshServer ssh, String keyMaterial) {
        this.ec2 = ec2;
        this.ssh = ssh;
        this.keyMaterial = keyMaterial;
    }

    static TrainingMachine start(Path files) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SshServer server = SshServer.setUpDefaultServer();
        // An RSA key, as EC2 makes by default (as PKCS #8, which carries what the public key needs).
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        TrainingMachine machine = new TrainingMachine(http, server, pem);
        http.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            byte[] answer = machine.answer(form(body)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        http.start();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
        server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        server.setPasswordAuthenticator((user, password, session) -> true);
        server.setFileSystemFactory(new VirtualFileSystemFactory(files));
        server.setCommandFactory(new ScpCommandFactory.Builder()
                .withDelegate((channel, command) -> new Success()).build());
        server.start();
        return machine;
    }

    String ec2Endpoint() {
        return "http://127.0.0.1:" + ec2.getAddress().getPort();
    }

    int sshPort() {
        return ssh.getPort();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    /** The answer to one EC2 call: each action's required fields, the instance's state as the bake moves it. */
    private String answer(Map<String, String> call) {
        String action = call.getOrDefault("Action", "");
        String inner = switch (action) {
            // By id, or by the source filter's name pattern; the AMI name the bake makes is still free.
            case "DescribeImages" -> call.containsKey("ImageId.1") ? "<imagesSet>" + image(call.get("ImageId.1"))
                    + "</imagesSet>" : call.getOrDefault("Filter.1.Value.1", "").endsWith("*")
                    ? "<imagesSet>" + image(SOURCE_AMI) + "</imagesSet>" : "<imagesSet/>";
            case "CreateKeyPair" -> "<keyName>" + call.get("KeyName") + "</keyName><keyFingerprint>00</keyFingerprint>"
                    + "<keyMaterial>" + keyMaterial + "</keyMaterial><keyPairId>key-0</keyPairId>";
            case "CreateSecurityGroup" -> "<return>true</return><groupId>sg-0</groupId>";
            case "DescribeSecurityGroups" -> "<securityGroupInfo><item><groupId>sg-0</groupId><groupName>training"
                    + "</groupName></item></securityGroupInfo>";
            case "RunInstances" -> "<reservationId>r-0</reservationId><ownerId>0</ownerId><instancesSet>"
                    + instance() + "</instancesSet>";
            case "DescribeInstances" -> "<reservationSet><item><reservationId>r-0</reservationId><instancesSet>"
                    + instance() + "</instancesSet></item></reservationSet>";
            case "StopInstances" -> {
                instanceState = "stopped";
                yield "<instancesSet/>";
            }
            case "TerminateInstances" -> {
                instanceState = "terminated";
                yield "<instancesSet/>";
            }
            case "CreateImage" -> "<imageId>" + IMAGE + "</imageId>";
            default -> "<return>true</return>";
        };
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response" + XMLNS
                + "><requestId>00000000-0000-0000-0000-000000000000</requestId>" + inner + "</" + action
                + "Response>";
    }

    private static String image(String id) {
        return "<item><imageId>" + id + "</imageId><imageState>available</imageState><name>training</name>"
                + "<imageOwnerId>000000000000</imageOwnerId><creationDate>2024-01-01T00:00:00.000Z</creationDate>"
                + "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>"
                + "<rootDeviceName>/dev/sda1</rootDeviceName><virtualizationType>hvm</virtualizationType>"
                + "<blockDeviceMapping><item><deviceName>/dev/sda1</deviceName><ebs><snapshotId>snap-0"
                + "</snapshotId><volumeSize>8</volumeSize><deleteOnTermination>true</deleteOnTermination>"
                + "<volumeType>gp2</volumeType></ebs></item></blockDeviceMapping></item>";
    }

    private String instance() {
        return "<item><instanceId>i-0</instanceId><imageId>" + SOURCE_AMI + "</imageId><instanceState><code>16"
                + "</code><name>" + instanceState + "</name></instanceState><privateIpAddress>127.0.0.1"
                + "</privateIpAddress><ipAddress>127.0.0.1</ipAddress><instanceType>t3.micro</instanceType>"
                + "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><blockDeviceMapping>"
                + "<item><deviceName>/dev/sda1</deviceName><ebs><volumeId>vol-0</volumeId><status>attached"
                + "</status></ebs></item></blockDeviceMapping></item>";
    }

    @Override
    public void close() throws IOException {
        ec2.stop(0);
        ssh.stop(true);
    }

    /** A command that ends at once with exit status 0. */
    private static final class Success implements Command {
        private ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            // Nothing is read.
        }

        @Override
        public void setOutputStream(OutputStream out) {
            // Nothing is written.
        }

        @Override
        public void setErrorStream(OutputStream err) {
            // Nothing is written.
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
            // Nothing runs.
        }
    }
}
