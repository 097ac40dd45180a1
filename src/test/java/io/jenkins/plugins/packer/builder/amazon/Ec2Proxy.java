package io.jenkins.plugins.packer.builder.amazon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of moto that counts EC2 calls by action and injects faults: a rule answers
 * the Nth call of an action (and the calls after it, {@code times} in all) with an EC2 error of its own instead of
 * passing the call on.
 */
public final class Ec2Proxy implements AutoCloseable {

    /** An error EC2 answers with, {@code times} in a row from the {@code nth} call of {@code action} on. */
    public record Fault(String action, int nth, int times, int status, String code, String message) {

        /** A burst of throttling: EC2's {@code RequestLimitExceeded}, status 503. */
        public static Fault throttling(String action, int times) {
            return new Fault(action, 1, times, 503, "RequestLimitExceeded", "Request limit exceeded.");
        }

        /** A refusal the SDK does not retry. */
        public static Fault error(String action) {
            return new Fault(action, 1, 1, 400, "UnauthorizedOperation",
                    "You are not authorized to perform this operation.");
        }
    }

    private final HttpServer server;
    private final String target;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
    private final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    private final Map<String, String> standIns = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.BinaryOperator<String>> rewrites = new ConcurrentHashMap<>();
    private volatile java.util.function.Function<String, Fault> signatureCheck = key -> null;

    public Ec2Proxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets the counts and faults. */
    public void reset() {
        calls.clear();
        faults.clear();
        hooks.clear();
        lastRequest.clear();
        standIns.clear();
        rewrites.clear();
        signatureCheck = key -> null;
        injected.set(0);
    }

    /**
     * Answers {@code action} with {@code result} (the elements inside EC2's {@code <ActionResponse>}) instead of
     * passing it on: for the calls moto does not implement, whose requests the tests then read with
     * {@link #lastRequest}.
     */
    public void standIn(String action, String result) {
        standIns.put(action, result);
    }

    /** Passes moto's answers to {@code action} through {@code rewrite}, given the decoded request and the answer. */
    public void rewrite(String action, java.util.function.BinaryOperator<String> rewrite) {
        rewrites.put(action, rewrite);
    }

    /**
     * Checks the access key id each call is signed with (SigV4's {@code Credential=KEY/…}): a fault it returns is
     * the answer instead of moto's, as AWS answers keys it no longer takes.
     */
    public void checkSignatures(java.util.function.Function<String, Fault> check) {
        signatureCheck = check;
    }

    /** The access key id of a SigV4 {@code Authorization} header, or empty. */
    static String accessKeyOf(String authorization) {
        int at = authorization == null ? -1 : authorization.indexOf("Credential=");
        if (at < 0) {
            return "";
        }
        int end = authorization.indexOf('/', at);
        return end < 0 ? "" : authorization.substring(at + "Credential=".length(), end);
    }

    public void inject(Fault f) {
        faults.add(f);
    }

    /** Runs {@code hook} when the first call of {@code action} arrives, before it is answered. */
    public void onFirstCall(String action, Runnable hook) {
        hooks.put(action, hook);
    }

    /** The faults answered so far. */
    public int injected() {
        return injected.get();
    }

    /** The form of the last call of {@code action}, decoded ({@code Action=CopyImage&Encrypted=true&…}). */
    public String lastRequest(String action) {
        return lastRequest.getOrDefault(action, "");
    }

    /** Calls by action, sorted. */
    public Map<String, Integer> calls() {
        Map<String, Integer> m = new TreeMap<>();
        calls.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String action = action(new String(body, StandardCharsets.UTF_8), ex.getRequestURI().getRawQuery());
            int n = calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
            lastRequest.put(action, URLDecoder.decode(new String(body, StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            Runnable hook = n == 1 ? hooks.remove(action) : null;
            if (hook != null) {
                hook.run();
            }
            Fault refused = signatureCheck.apply(accessKeyOf(ex.getRequestHeaders().getFirst("Authorization")));
            for (Fault f : refused == null ? faults : List.of(refused)) {
                if (f == refused || f.action().equals(action) && n >= f.nth() && n < f.nth() + f.times()) {
                    injected.incrementAndGet();
                    byte[] err = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                            + f.code() + "</Code><Message>" + f.message() + "</Message></Error></Errors>"
                            + "<RequestID>injected-" + n + "</RequestID></Response>")
                            .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/xml");
                    ex.sendResponseHeaders(f.status(), err.length);
                    ex.getResponseBody().write(err);
                    return;
                }
            }
            String standIn = standIns.get(action);
            if (standIn != null) {
                byte[] answer = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action
                        + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>stand-in-" + n
                        + "</requestId>" + standIn + "</" + action + "Response>").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/xml");
                ex.sendResponseHeaders(200, answer.length);
                ex.getResponseBody().write(answer);
                return;
            }
            forward(ex, body, rewrites.get(action));
        }
    }

    private void forward(HttpExchange ex, byte[] body, java.util.function.BinaryOperator<String> rewrite)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(target + ex.getRequestURI()).toURL().openConnection();
        c.setRequestMethod(ex.getRequestMethod());
        c.setConnectTimeout(5_000);
        c.setReadTimeout(60_000);
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Length")) {
                vs.forEach(v -> c.addRequestProperty(k, v));
            }
        });
        if (body.length > 0) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] answer = in == null ? new byte[0] : in.readAllBytes();
        if (rewrite != null && status == 200) {
            answer = rewrite.apply(URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                    new String(answer, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        String type = c.getContentType();
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            ex.getResponseBody().write(answer);
        }
    }

    static String action(String form, String query) {
        for (String text : new String[] {form, query == null ? "" : query}) {
            for (String pair : text.split("&")) {
                if (pair.startsWith("Action=")) {
                    return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        return "(none)";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
