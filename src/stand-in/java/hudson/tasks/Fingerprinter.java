package hudson.tasks;

import hudson.model.Run;
import hudson.util.PackedMap;
import java.util.HashMap;
import java.util.Map;
import jenkins.model.RunAction2;

/** Mirrors jenkins-core {@code hudson.tasks.Fingerprinter}: for its run action listing the run's fingerprints. */
public class Fingerprinter {

    /** The files a run fingerprinted: path to MD5 digest. */
    public static final class FingerprintAction implements RunAction2 {

        private transient Run build;
        private PackedMap<String, String> record;

        public FingerprintAction(Run build, Map<String, String> record) {
            this.build = build;
            this.record = PackedMap.of(record);
        }

        public void add(Map<String, String> moreRecords) {
            Map<String, String> all = new HashMap<>(record);
            all.putAll(moreRecords);
            record = PackedMap.of(all);
        }

        public Map<String, String> getRecords() {
            return record;
        }

        public Run getRun() {
            return build;
        }

        @Override
        public String getIconFileName() {
            return "symbol-fingerprint";
        }

        @Override
        public String getDisplayName() {
            return "See Fingerprints";
        }

        @Override
        public String getUrlName() {
            return "fingerprints";
        }

        @Override
        public void onAttached(Run<?, ?> r) {
            build = r;
        }

        @Override
        public void onLoad(Run<?, ?> r) {
            build = r;
        }
    }
}
