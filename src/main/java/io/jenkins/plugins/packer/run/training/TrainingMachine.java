package io.jenkins.plugins.packer.run.training;

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

    /**
     * Starts both servers; the SSH server's host key is an Ed25519 one when {@code ed25519} (what OpenSSH servers
     * with only that key offer), else an ECDSA one (what the SSH client picks on EC2's images, which have both).
     */
    static TrainingMachine start(Path files, boolean ed25519) throws Exception {
        // An RSA key, as EC2 makes by default (as PKCS #8, which carries what the public key needs); the EC2
        // endpoint's TLS certificate is made for it too, as AWS's endpoints have RSA certificates.
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.KeyPair rsaPair = rsa.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsaPair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        HttpServer http = https(rsaPair);
        SshServer server = SshServer.setUpDefaultServer();
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
        java.security.KeyPair hostKey = ed25519 ? org.apache.sshd.common.util.security.SecurityUtils
                .getKeyPairGenerator(org.apache.sshd.common.util.security.SecurityUtils.EDDSA).generateKeyPair()
                : generator.generateKeyPair();
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        server.setPasswordAuthenticator((user, password, session) -> true);
        server.setFileSystemFactory(new VirtualFileSystemFactory(files));
        server.setCommandFactory(new ScpCommandFactory.Builder()
                .withDelegate((channel, command) -> new Success()).build());
        server.start();
        return machine;
    }

    /**
     * The EC2 endpoint over TLS, as AWS's are, with a certificate of its own for {@code pair} (the training's template
     * skips its verification): the TLS handshake and record layer are in the start-up cache. Plain HTTP when no
     * certificate can be made here.
     */
    private static HttpServer https(java.security.KeyPair pair) throws IOException {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        javax.net.ssl.SSLContext tls;
        try {
            org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=127.0.0.1");
            long now = System.currentTimeMillis();
            java.security.cert.X509Certificate cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
                            java.math.BigInteger.ONE, new java.util.Date(now - 86_400_000L),
                            new java.util.Date(now + 86_400_000L), name, pair.getPublic())
                            .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                    .build(pair.getPrivate())));
            char[] password = "training".toCharArray();
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("training", pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
        } catch (java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | LinkageError e) {
            return HttpServer.create(any, 0);
        }
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(any, 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        return server;
    }

    String ec2Endpoint() {
        return (ec2 instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + ec2.getAddress().getPort();
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
            case "DescribeSecurityGroups" -> "<securityGroupInfo><item><groupId>sg-0</groupId><ipPermissionsEgress>"
                    + "<item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item>"
                    + "</ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress><tagSet/><vpcId>vpc-0"
                    + "</vpcId><ownerId>000000000000</ownerId><groupName>training</groupName><groupDescription>"
                    + "training</groupDescription><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22"
                    + "</fromPort><toPort>22</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item>"
                    + "</ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissions></item></securityGroupInfo>";
            case "AuthorizeSecurityGroupIngress" -> "<return>true</return><securityGroupRuleSet><item>"
                    + "<securityGroupRuleId>sgr-0</securityGroupRuleId><groupId>sg-0</groupId><isEgress>false"
                    + "</isEgress><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><cidrIpv4>"
                    + "0.0.0.0/0</cidrIpv4><tagSet/></item></securityGroupRuleSet>";
            case "RunInstances" -> "<reservationId>r-0</reservationId><ownerId>0</ownerId><groupSet/><instancesSet>"
                    + instance() + "</instancesSet>";
            case "DescribeInstances" -> "<reservationSet><item><reservationId>r-0</reservationId><instancesSet>"
                    + instance() + "</instancesSet></item></reservationSet>";
            case "StopInstances" -> stateChange("stopped");
            case "TerminateInstances" -> stateChange("terminated");
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

    /**
     * The instance as EC2 describes it, with every part an answer has (network interface, placement, metadata
     * options...), so that the start-up cache holds the SDK's classes for each.
     */
    private String instance() {
        return "<item><architecture>x86_64</architecture><blockDeviceMapping><item><deviceName>/dev/sda1"
                + "</deviceName><ebs><attachTime>2024-01-01T00:00:00.000Z</attachTime><deleteOnTermination>true"
                + "</deleteOnTermination><status>attached</status><volumeId>vol-0</volumeId></ebs></item>"
                + "</blockDeviceMapping><clientToken>training</clientToken><ebsOptimized>false</ebsOptimized>"
                + "<hypervisor>xen</hypervisor><networkInterfaceSet><item><association><ipOwnerId>000000000000"
                + "</ipOwnerId><publicDnsName>localhost</publicDnsName><publicIp>127.0.0.1</publicIp></association>"
                + "<attachment><attachTime>2024-01-01T00:00:00.000Z</attachTime><attachmentId>eni-attach-0"
                + "</attachmentId><deleteOnTermination>true</deleteOnTermination><deviceIndex>0</deviceIndex>"
                + "<status>attached</status><networkCardIndex>0</networkCardIndex></attachment><description>Primary"
                + " network interface</description><groupSet><item><groupId>sg-0</groupId><groupName>training"
                + "</groupName></item></groupSet><ipv6AddressesSet/><macAddress>02:00:00:00:00:00</macAddress>"
                + "<networkInterfaceId>eni-0</networkInterfaceId><ownerId>000000000000</ownerId><privateDnsName>"
                + "localhost</privateDnsName><privateIpAddress>127.0.0.1</privateIpAddress><privateIpAddressesSet>"
                + "<item><association><ipOwnerId>000000000000</ipOwnerId><publicDnsName>localhost</publicDnsName>"
                + "<publicIp>127.0.0.1</publicIp></association><primary>true</primary><privateIpAddress>127.0.0.1"
                + "</privateIpAddress></item></privateIpAddressesSet><sourceDestCheck>true</sourceDestCheck><status>"
                + "in-use</status><subnetId>subnet-0</subnetId><vpcId>vpc-0</vpcId><interfaceType>interface"
                + "</interfaceType></item></networkInterfaceSet><rootDeviceName>/dev/sda1</rootDeviceName>"
                + "<rootDeviceType>ebs</rootDeviceType><groupSet><item><groupId>sg-0</groupId><groupName>training"
                + "</groupName></item></groupSet><sourceDestCheck>true</sourceDestCheck><stateReason><code>"
                + "Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown</message></stateReason>"
                + "<virtualizationType>hvm</virtualizationType><hibernationOptions><configured>false</configured>"
                + "</hibernationOptions><metadataOptions><state>applied</state><httpTokens>optional</httpTokens>"
                + "<httpPutResponseHopLimit>1</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint>"
                + "<httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled"
                + "</instanceMetadataTags></metadataOptions><instanceId>i-0</instanceId><imageId>" + SOURCE_AMI
                + "</imageId><instanceState><code>" + code(instanceState) + "</code><name>" + instanceState + "</name>"
                + "</instanceState><privateDnsName>localhost</privateDnsName><dnsName>localhost</dnsName><reason/>"
                + "<amiLaunchIndex>0</amiLaunchIndex><productCodes><item><productCode>training</productCode><type>"
                + "marketplace</type></item></productCodes><instanceType>t3.micro</instanceType><launchTime>"
                + "2024-01-01T00:00:00.000Z</launchTime><placement><groupName/><tenancy>default</tenancy>"
                + "<availabilityZone>us-east-1a</availabilityZone></placement><monitoring><state>disabled</state>"
                + "</monitoring><subnetId>subnet-0</subnetId><vpcId>vpc-0</vpcId><privateIpAddress>127.0.0.1"
                + "</privateIpAddress><ipAddress>127.0.0.1</ipAddress></item>";
    }

    /** StopInstances' and TerminateInstances' answer: the instance moves to {@code state}. */
    private String stateChange(String state) {
        String previous = instanceState;
        instanceState = state;
        return "<instancesSet><item><instanceId>i-0</instanceId><currentState><code>" + code(state) + "</code><name>"
                + state + "</name></currentState><previousState><code>" + code(previous) + "</code><name>" + previous
                + "</name></previousState></item></instancesSet>";
    }

    /** EC2's code of an instance state. */
    private static int code(String state) {
        return switch (state) {
            case "stopped" -> 80;
            case "terminated" -> 48;
            default -> 16;
        };
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
