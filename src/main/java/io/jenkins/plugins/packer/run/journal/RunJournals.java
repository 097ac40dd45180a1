package io.jenkins.plugins.packer.run.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The journals of a state directory read back: per run, when it started, whether it lives and what it left. */
public final class RunJournals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJournals() {
    }

    /** A resource a run made that no cleanup removed and no build kept. */
    public record Leftover(String runId, String kind, String region, String id, String endpoint) {}

    /** A create call whose outcome the journal does not know (the run died during it): searched for by tag. */
    public record Unresolved(String runId, String kind, String region, String name, String endpoint) {}

    /**
     * A run's journal: its folder, when it started, whether its process still holds the lock, what it left, what it
     * may have made, and the resources it delivered ("kind region id").
     */
    public record Run(String runId, Path dir, Instant started, boolean alive, List<Leftover> leftovers,
                      List<Unresolved> unresolved, Set<String> kept) {}

    /** Every run with a journal under {@code stateDir}, oldest first. */
    public static List<Run> read(Path stateDir) throws IOException {
        Path runs = stateDir.resolve("runs");
        List<Run> found = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve(ResourceJournal.FILE))) {
                    found.add(readRun(dir));
                }
            }
        }
        found.sort((a, b) -> a.started().compareTo(b.started()));
        return found;
    }

    /** One run's journal. A last line the run did not finish writing is left out. */
    static Run readRun(Path dir) throws IOException {
        String runId = dir.getFileName().toString();
        Instant started = null;
        Map<Long, JsonNode> intents = new HashMap<>();
        Map<String, Leftover> leftovers = new LinkedHashMap<>();
        Set<String> kept = new HashSet<>();
        for (String text : Files.readAllLines(dir.resolve(ResourceJournal.FILE), StandardCharsets.UTF_8)) {
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (line == null || !line.isObject()) {
                continue;
            }
            String event = line.path("event").asText();
            switch (event) {
                case "run" -> {
                    if (started == null) {
                        started = Instant.parse(line.path("time").asText());
                    }
                }
                case "intent" -> intents.put(line.path("seq").asLong(), line);
                case "failed" -> intents.remove(line.path("seq").asLong());
                case "created" -> {
                    JsonNode intent = intents.remove(line.path("seq").asLong());
                    if (intent != null) {
                        Leftover l = new Leftover(runId, intent.path("kind").asText(), intent.path("region").asText(),
                                line.path("id").asText(), intent.path("endpoint").asText());
                        leftovers.put(key(l.kind(), l.region(), l.id()), l);
                    }
                }
                case "removed", "kept" -> {
                    String key = key(line.path("kind").asText(), line.path("region").asText(),
                            line.path("id").asText());
                    leftovers.remove(key);
                    if (event.equals("kept")) {
                        kept.add(key);
                    }
                }
                default -> {
                }
            }
        }
        List<Unresolved> unresolved = intents.values().stream()
                .map(i -> new Unresolved(runId, i.path("kind").asText(), i.path("region").asText(),
                        i.path("name").asText(), i.path("endpoint").asText())).toList();
        return new Run(runId, dir, started == null ? Instant.EPOCH : started, ResourceJournal.isAlive(dir),
                List.copyOf(leftovers.values()), unresolved, kept);
    }

    /** How a resource is named in {@link Run#kept()}. */
    public static String key(String kind, String region, String id) {
        return kind + " " + region + " " + id;
    }
}
