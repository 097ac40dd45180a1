package io.jenkins.plugins.packer.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * Archives what a build made on the Jenkins run, for the step and the builder alike: the manifests ({@code archive},
 * on by default), and the artifacts' files only when asked ({@code archiveArtifacts}: they may weigh gigabytes), up
 * to a limit. Archiving comes after the images are recorded, and a failure to archive is a warning: the bake stands.
 */
final class Archiving {

    private Archiving() {
    }

    /** What to archive: the manifests, the artifacts' files, and the most the files may weigh together. */
    record Options(boolean manifests, boolean artifacts, long limitBytes) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Options of(BuildArguments a) {
            return new Options(a.isArchive(), a.isArchiveArtifacts(), a.getArchiveLimitMegabytes() * 1024L * 1024L);
        }
    }

    /**
     * The files to archive (path in the archive to path in the workspace), in the outcome's order; the files past
     * the limit are left out and named in {@code skipped}.
     */
    static Map<String, String> select(BuildOutcome outcome, Options options, List<String> skipped) {
        Map<String, String> chosen = new LinkedHashMap<>();
        if (outcome.debugLog() != null) {
            // Asked for (debugLog, PACKER_LOG): archived whatever the other options say.
            chosen.put(outcome.debugLog(), outcome.debugLog());
        }
        if (options.manifests()) {
            outcome.manifests().forEach(m -> chosen.put(m, m));
        }
        if (options.artifacts()) {
            long total = 0;
            for (Map.Entry<String, Long> f : outcome.files().entrySet()) {
                if (chosen.containsKey(f.getKey())) {
                    continue;
                }
                if (total + f.getValue() > options.limitBytes()) {
                    skipped.add(f.getKey());
                } else {
                    chosen.put(f.getKey(), f.getKey());
                    total += f.getValue();
                }
            }
        }
        return chosen;
    }

    /** Archives what {@link #select} chose (nothing without a run); returns the paths archived. */
    static List<String> archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener,
                                BuildOutcome outcome, Options options) throws InterruptedException {
        List<String> skipped = new ArrayList<>();
        Map<String, String> chosen = select(outcome, options, skipped);
        PrintStream log = listener.getLogger();
        if (!skipped.isEmpty()) {
            log.println("WARNING: not archived, past the limit of " + options.limitBytes() / (1024 * 1024)
                    + " MB (archiveLimitMegabytes): " + String.join(", ", skipped));
        }
        if (run == null || chosen.isEmpty()) {
            return List.of();
        }
        try {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), chosen);
        } catch (IOException | RuntimeException e) {
            log.println("WARNING: archiving failed, the images stand: " + e.getMessage());
            return List.of();
        }
        log.println("Archived " + String.join(", ", chosen.keySet()));
        fingerprint(run, workspace, chosen.keySet(), log, Archiving::jenkinsFingerprint);
        return new ArrayList<>(chosen.keySet());
    }

    /** Where a fingerprint is kept: Jenkins' own fingerprint records, by file name and MD5 digest. */
    interface FingerprintStore {
        void record(Run<?, ?> run, String fileName, String md5) throws IOException;
    }

    private static void jenkinsFingerprint(Run<?, ?> run, String fileName, String md5) throws IOException {
        jenkins.model.Jenkins j = jenkins.model.Jenkins.getInstanceOrNull();
        if (j != null) {
            j.getFingerprintMap().getOrCreate(run, fileName, md5);
        }
    }

    /**
     * Fingerprints the archived files as {@code archiveArtifacts fingerprint: true} does: each file's MD5 (computed on
     * the agent) recorded with the run as the file's producer, and listed in the run's fingerprints action. A file
     * that cannot be read is a warning.
     */
    static void fingerprint(Run<?, ?> run, FilePath workspace, java.util.Collection<String> paths, PrintStream log,
                            FingerprintStore store) throws InterruptedException {
        Map<String, String> record = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            try {
                String md5 = workspace.child(path).digest();
                store.record(run, path.substring(path.lastIndexOf('/') + 1), md5);
                record.put(path, md5);
            } catch (IOException | RuntimeException e) {
                log.println("WARNING: " + path + " could not be fingerprinted: " + e.getMessage());
            }
        }
        if (record.isEmpty()) {
            return;
        }
        synchronized (Archiving.class) {
            hudson.tasks.Fingerprinter.FingerprintAction existing =
                    run.getAction(hudson.tasks.Fingerprinter.FingerprintAction.class);
            if (existing != null) {
                existing.add(record);
            } else {
                run.addAction(new hudson.tasks.Fingerprinter.FingerprintAction(run, record));
            }
        }
    }
}
