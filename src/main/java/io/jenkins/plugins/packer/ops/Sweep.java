package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonSweeper;
import io.jenkins.plugins.packer.docker.DockerSweeper;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import io.jenkins.plugins.packer.run.journal.RunJournals;
import io.jenkins.plugins.packer.run.journal.RunJournals.Leftover;
import io.jenkins.plugins.packer.run.journal.RunJournals.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code sweep}: removes what dead runs left behind. It reads the journals of the state directory and searches each
 * region they name (and those asked for) for resources carrying the run tag, then removes them in dependency order.
 * A run whose process still holds its journal's lock is left alone, and so is every resource without the run tag or
 * that a build delivered. Runs found only by their tag (no journal here: their process cannot be checked) are
 * swept only when {@code olderThan} is given and they are older.
 */
public final class Sweep {

    /**
     * What to sweep: the state directory, the environment (AWS credentials and endpoints), whether only to say what
     * would be removed, the minimum age of a run (null: any age, and no run without a journal), one run or all
     * (null), regions to search besides the journals' own, the clock, and where the lines go.
     */
    public record Request(Path stateDir, Map<String, String> env, boolean dryRun, Duration olderThan, String runId,
                          List<String> regions, Clock clock, Consumer<String> out) {}

    private static final Map<String, String[]> WORDS = Map.of(
            Ec2.INSTANCE_KIND, new String[] {"Terminating", "terminate", "instance"},
            Ec2.LAUNCH_TEMPLATE_KIND, new String[] {"Deleting", "delete", "launch template"},
            Ec2.KEY_PAIR_KIND, new String[] {"Deleting", "delete", "key pair"},
            Ec2.SECURITY_GROUP_KIND, new String[] {"Deleting", "delete", "security group"},
            Ec2.INSTANCE_PROFILE_KIND, new String[] {"Deleting", "delete", "instance profile"},
            Ec2.ROLE_KIND, new String[] {"Deleting", "delete", "role"},
            Ec2.IMAGE_KIND, new String[] {"Deregistering", "deregister", "AMI"},
            Ec2.SNAPSHOT_KIND, new String[] {"Deleting", "delete", "snapshot"},
            Ec2.VOLUME_KIND, new String[] {"Deleting", "delete", "volume"},
            DockerSweeper.CONTAINER_KIND, new String[] {"Removing", "remove", "docker container"});

    private Sweep() {
    }

    /** Sweeps; returns the exit code: 0 when everything found was removed (or would be), else 1. */
    public static int run(Request req) throws IOException {
        Consumer<String> say = line -> req.out().accept("==> sweep: " + line);
        Instant now = req.clock().instant();
        Instant cutoff = req.olderThan() == null ? null : now.minus(req.olderThan());
        Map<String, Run> journaled = new HashMap<>();
        Map<String, Run> swept = new LinkedHashMap<>();
        for (Run run : RunJournals.read(req.stateDir())) {
            journaled.put(run.runId(), run);
            if (req.runId() != null && !req.runId().equals(run.runId())) {
                continue;
            }
            if (run.alive()) {
                say.accept("Run " + run.runId() + " is still running: left alone.");
            } else if (cutoff != null && run.started().isAfter(cutoff)) {
                say.accept("Run " + run.runId() + " started " + run.started() + ", after " + cutoff + ": left alone.");
            } else {
                swept.put(run.runId(), run);
            }
        }
        Map<String, Leftover> found = new LinkedHashMap<>();
        Set<String> searches = new LinkedHashSet<>();
        for (Run run : swept.values()) {
            run.leftovers().stream().filter(l -> AmazonSweeper.handles(l.kind()) || DockerSweeper.handles(l.kind()))
                    .forEach(l -> found.put(RunJournals.key(l.kind(), l.region(), l.id()), l));
            // A container whose create call never answered is found by the name the journal gave it first.
            run.unresolved().stream().filter(u -> DockerSweeper.handles(u.kind()) && !u.name().isEmpty())
                    .forEach(u -> found.putIfAbsent(RunJournals.key(u.kind(), u.region(), u.name()),
                            new Leftover(run.runId(), u.kind(), u.region(), u.name(), u.endpoint())));
            // AWS is also searched for what the runs tagged: a create call whose answer never came made a
            // resource that only its tag finds.
            run.leftovers().stream().filter(l -> AmazonSweeper.handles(l.kind()))
                    .forEach(l -> searches.add(l.region() + " " + l.endpoint()));
            run.unresolved().stream().filter(u -> AmazonSweeper.handles(u.kind()))
                    .forEach(u -> searches.add(u.region() + " " + u.endpoint()));
        }
        req.regions().forEach(r -> searches.add(r + " "));
        int errors = 0;
        try (AmazonSweeper aws = new AmazonSweeper(req.env()); DockerSweeper docker = new DockerSweeper(req.env())) {
            Map<String, List<AmazonSweeper.Tagged>> untracked = new LinkedHashMap<>();
            for (String search : searches) {
                int space = search.indexOf(' ');
                String region = search.substring(0, space);
                String endpoint = search.substring(space + 1);
                List<AmazonSweeper.Tagged> tagged;
                try {
                    tagged = aws.findTagged(region, endpoint, req.runId());
                } catch (software.amazon.awssdk.core.exception.SdkException e) {
                    say.accept("Error searching " + region + " for resources with the tag " + ResourceJournal.RUN_TAG
                            + ": " + e.getMessage());
                    errors++;
                    continue;
                }
                for (AmazonSweeper.Tagged t : tagged) {
                    Leftover l = t.resource();
                    Run run = journaled.get(l.runId());
                    if (run == null) {
                        untracked.computeIfAbsent(l.runId(), k -> new ArrayList<>()).add(t);
                    } else if (swept.containsKey(l.runId())
                            && !run.kept().contains(RunJournals.key(l.kind(), l.region(), l.id()))) {
                        found.putIfAbsent(RunJournals.key(l.kind(), l.region(), l.id()), l);
                    }
                }
            }
            for (Map.Entry<String, List<AmazonSweeper.Tagged>> e : untracked.entrySet()) {
                Instant oldest = e.getValue().stream().map(AmazonSweeper.Tagged::created)
                        .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
                if (cutoff != null && oldest != null && oldest.isBefore(cutoff)) {
                    e.getValue().forEach(t -> found.putIfAbsent(
                            RunJournals.key(t.resource().kind(), t.resource().region(), t.resource().id()),
                            t.resource()));
                } else {
                    say.accept("Run " + e.getKey() + " has no journal here: its " + e.getValue().size()
                            + " resource(s) are left alone" + (cutoff == null ? " (give -older-than to sweep runs"
                            + " without a journal)." : " (younger than " + cutoff + ")."));
                }
            }
            errors += remove(req, aws, docker, found, swept, say);
        }
        return errors == 0 ? 0 : 1;
    }

    /** Removes what was found, kind by kind, and writes it to the runs' journals; returns the number of errors. */
    private static int remove(Request req, AmazonSweeper aws, DockerSweeper docker, Map<String, Leftover> found,
                              Map<String, Run> swept, Consumer<String> say) throws IOException {
        if (found.isEmpty()) {
            say.accept("Nothing to sweep.");
            swept.values().forEach(run -> forget(req, run));
            return 0;
        }
        Map<String, ResourceJournal> journals = new HashMap<>();
        Set<String> failedRuns = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        int errors = 0;
        int removed = 0;
        // An AMI's snapshots go with it: read them while the AMI is still there.
        for (Leftover image : List.copyOf(found.values())) {
            if (!image.kind().equals(Ec2.IMAGE_KIND)) {
                continue;
            }
            Run run = swept.get(image.runId());
            for (String snap : aws.snapshotsOf(image)) {
                String key = RunJournals.key(Ec2.SNAPSHOT_KIND, image.region(), snap);
                if (run == null || !run.kept().contains(key)) {
                    found.putIfAbsent(key, new Leftover(image.runId(), Ec2.SNAPSHOT_KIND, image.region(), snap,
                            image.endpoint()));
                }
            }
        }
        try {
            for (Leftover l : AmazonSweeper.inRemovalOrder(new ArrayList<>(found.values()))) {
                String[] words = WORDS.get(l.kind());
                String what = words[2] + " " + l.id() + " in " + l.region() + " (run " + l.runId() + ")";
                runs.add(l.runId());
                if (req.dryRun()) {
                    say.accept("Would " + words[1] + " " + what);
                    continue;
                }
                say.accept(words[0] + " " + what + "...");
                String error = DockerSweeper.handles(l.kind()) ? docker.remove(l, line -> say.accept(what + ": " + line))
                        : aws.remove(l, line -> say.accept(what + ": " + line));
                if (error != null) {
                    say.accept("Error: cannot " + words[1] + " " + what + ": " + error);
                    failedRuns.add(l.runId());
                    errors++;
                    continue;
                }
                removed++;
                ResourceJournal journal = journal(req, swept.get(l.runId()), journals);
                if (journal != null) {
                    journal.removed(l.kind(), l.region(), l.id());
                }
            }
        } finally {
            for (ResourceJournal j : journals.values()) {
                j.close();
            }
        }
        if (req.dryRun()) {
            say.accept("Would remove " + found.size() + " resource(s) of " + runs.size() + " run(s).");
            return errors;
        }
        for (Run run : swept.values()) {
            if (!failedRuns.contains(run.runId())) {
                forget(req, run);
            }
        }
        say.accept("Removed " + removed + " resource(s) of " + runs.size() + " run(s)"
                + (errors == 0 ? "." : "; " + errors + " could not be removed."));
        return errors;
    }

    private static ResourceJournal journal(Request req, Run run, Map<String, ResourceJournal> open)
            throws IOException {
        if (run == null) {
            return null;
        }
        ResourceJournal j = open.get(run.runId());
        if (j == null) {
            j = ResourceJournal.takeOver(run.dir(), run.runId(), req.clock());
            open.put(run.runId(), j);
        }
        return j;
    }

    /** A run swept clean: its journal has nothing left to say. */
    private static void forget(Request req, Run run) {
        if (req.dryRun()) {
            return;
        }
        ResourceJournal.delete(run.dir());
    }
}
