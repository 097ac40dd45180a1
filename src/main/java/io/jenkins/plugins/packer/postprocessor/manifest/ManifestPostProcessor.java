package io.jenkins.plugins.packer.postprocessor.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.function.EncodingJson;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest} post-processor: appends one entry per build to a JSON file ({@code packer-manifest.json}):
 * the build's name, builder type, time, files with sizes, artifact id, run id and custom data. Entries of earlier
 * runs are kept unless {@code -force} is given and the file's last run is another one. The builds of a run take
 * turns, and writers of other processes wait for the lock on the manifest itself. Unlike packer 1.6.6, the output's folder is created when missing. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/manifest">manifest</a>.
 */
public final class ManifestPostProcessor implements PostProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One build in the manifest, in Packer's field order. */
    record Entry(String name, String builderType, long buildTime, List<Map.Entry<String, Long>> files,
                 String artifactId, String runUuid, Map<String, String> customData) {}

    @Override
    public String type() {
        return "manifest";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure {
        String output = config.string("output");
        if (output.isEmpty()) {
            output = "packer-manifest.json";
        }
        List<Map.Entry<String, Long>> files = null;
        for (String f : input.files()) {
            long size;
            try {
                size = Files.size(ctx.resolve(f));
            } catch (IOException e) {
                throw new BuildFailure("Unable to get file info for " + f + ": " + e.getMessage());
            }
            String name = config.bool("strip_path") ? Path.of(f).getFileName().toString() : f;
            if (files == null) {
                files = new ArrayList<>();
            }
            files.add(Map.entry(name, size));
        }
        Map<String, String> custom = config.isSet("custom_data") ? new TreeMap<>(config.stringMap("custom_data"))
                : null;
        long time = config.bool("strip_time") ? 0 : java.time.Instant.now().getEpochSecond();
        Entry entry = new Entry(ctx.packerBuildName(), ctx.builderType(), time, files, input.id(), ctx.runUuid(),
                custom);
        Path path = ctx.resolve(output).toAbsolutePath().normalize();
        synchronized (ctx.locks().of(path)) {
            append(ctx, output, path, entry);
        }
        ctx.outputs().manifest(output);
        return new Result(input, true, true);
    }

    private static void append(BuildContext ctx, String output, Path path, Entry entry) throws BuildFailure {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
        } catch (IOException e) {
            throw new BuildFailure("Unable to create the folder of " + output + ": " + e.getMessage());
        }
        // The manifest itself is locked while it is read and rewritten: other processes (another pkrj, another
        // Jenkins build in the same folder) wait their turn, and a process killed while it held the lock leaves
        // nothing that blocks the next one. Everything goes through the locked channel: closing another one on the
        // same file would release this process's lock.
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = waitForLock(ctx.cancellation(), channel)) {
            List<JsonNode> builds = new ArrayList<>();
            String lastRun = "";
            byte[] contents = readAll(channel);
            if (contents.length > 0) {
                JsonNode root;
                try {
                    root = JSON.readTree(contents);
                } catch (IOException e) {
                    throw new BuildFailure("Unable to parse content from " + output + ": " + e.getMessage());
                }
                if (root != null && root.path("builds").isArray()) {
                    root.path("builds").forEach(builds::add);
                }
                lastRun = root == null ? "" : root.path("last_run_uuid").asText("");
            }
            if (ctx.options().force() && !ctx.runUuid().equals(lastRun)) {
                builds.clear();
            }
            StringBuilder sb = new StringBuilder("{\n  \"builds\": [");
            for (int i = 0; i < builds.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n");
                writeEntry(sb, fromJson(builds.get(i)));
            }
            sb.append(builds.isEmpty() ? "\n" : ",\n");
            writeEntry(sb, entry);
            sb.append("\n  ],\n  \"last_run_uuid\": ");
            EncodingJson.quote(ctx.runUuid(), sb);
            sb.append("\n}");
            try {
                channel.truncate(0);
                ByteBuffer out = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                long at = 0;
                while (out.hasRemaining()) {
                    at += channel.write(out, at);
                }
            } catch (IOException e) {
                throw new BuildFailure("Unable to write " + output + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new BuildFailure("Unable to open " + output + " for reading: " + e.getMessage());
        }
    }

    /** Waits for the manifest's lock as long as another process holds it (it is released when that one dies). */
    private static FileLock waitForLock(Cancellation cancellation, FileChannel channel)
            throws IOException, BuildFailure {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            try {
                cancellation.sleep(Duration.ofMillis(200));
            } catch (Cancellation.CancelledException c) {
                throw new BuildFailure(c.getMessage());
            }
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, channel.size()));
        long at = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** An entry of an earlier run, read back as Go decodes it into the manifest's struct. */
    static Entry fromJson(JsonNode n) {
        List<Map.Entry<String, Long>> files = null;
        if (n.path("files").isArray()) {
            files = new ArrayList<>();
            for (JsonNode f : n.path("files")) {
                files.add(Map.entry(f.path("name").asText(""), f.path("size").asLong(0)));
            }
        }
        Map<String, String> custom = null;
        if (n.path("custom_data").isObject()) {
            custom = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("custom_data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                custom.put(e.getKey(), e.getValue().asText(""));
            }
        }
        return new Entry(n.path("name").asText(""), n.path("builder_type").asText(""),
                n.path("build_time").asLong(0), files, n.path("artifact_id").asText(""),
                n.path("packer_run_uuid").asText(""), custom);
    }

    /** One entry as Go's {@code json.MarshalIndent(…, "", "  ")} writes it inside the builds list. */
    static void writeEntry(StringBuilder sb, Entry e) {
        String in = "      ";
        sb.append("    {\n");
        sb.append(in).append("\"name\": ");
        EncodingJson.quote(e.name(), sb);
        sb.append(",\n").append(in).append("\"builder_type\": ");
        EncodingJson.quote(e.builderType(), sb);
        if (e.buildTime() != 0) {
            sb.append(",\n").append(in).append("\"build_time\": ").append(e.buildTime());
        }
        sb.append(",\n").append(in).append("\"files\": ");
        if (e.files() == null) {
            sb.append("null");
        } else if (e.files().isEmpty()) {
            sb.append("[]");
        } else {
            sb.append("[\n");
            for (int i = 0; i < e.files().size(); i++) {
                Map.Entry<String, Long> f = e.files().get(i);
                sb.append(in).append("  {\n").append(in).append("    \"name\": ");
                EncodingJson.quote(f.getKey(), sb);
                sb.append(",\n").append(in).append("    \"size\": ").append(f.getValue()).append('\n')
                        .append(in).append("  }").append(i + 1 < e.files().size() ? ",\n" : "\n");
            }
            sb.append(in).append(']');
        }
        sb.append(",\n").append(in).append("\"artifact_id\": ");
        EncodingJson.quote(e.artifactId(), sb);
        sb.append(",\n").append(in).append("\"packer_run_uuid\": ");
        EncodingJson.quote(e.runUuid(), sb);
        sb.append(",\n").append(in).append("\"custom_data\": ");
        if (e.customData() == null) {
            sb.append("null");
        } else if (e.customData().isEmpty()) {
            sb.append("{}");
        } else {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<String, String> c : e.customData().entrySet()) {
                sb.append(in).append("  ");
                EncodingJson.quote(c.getKey(), sb);
                sb.append(": ");
                EncodingJson.quote(c.getValue(), sb);
                sb.append(++i < e.customData().size() ? ",\n" : "\n");
            }
            sb.append(in).append('}');
        }
        sb.append("\n    }");
    }
}
