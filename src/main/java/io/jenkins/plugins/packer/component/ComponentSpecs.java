package io.jenkins.plugins.packer.component;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The configuration specs of the components we ship, by kind and type name as templates write them
 * ({@code source "amazon-ebs" ...}, {@code provisioner "shell"}, {@code data "amazon-ami" ...}). Each spec is read
 * once, on its first lookup, and never changes afterwards.
 */
public final class ComponentSpecs {

    private static final Map<String, ConfigSpec> BUILDERS = load("builder",
            "amazon-ebs", "amazon-ebssurrogate", "amazon-ebsvolume", "amazon-instance", "amazon-chroot", "null", "file", "docker");
    private static final Map<String, ConfigSpec> PROVISIONERS = load("provisioner",
            "shell", "file", "shell-local", "breakpoint", "ansible", "ansible-local", "puppet-masterless", "salt-masterless");
    private static final Map<String, ConfigSpec> POST_PROCESSORS = load("post-processor",
            "manifest", "checksum", "compress", "shell-local", "artifice", "docker-import", "docker-push", "docker-save",
            "docker-tag", "vagrant");
    private static final Map<String, ConfigSpec> DATA_SOURCES = load("data",
            "amazon-ami", "amazon-parameterstore", "amazon-secretsmanager", "null");

    /**
     * The provisioners and post-processors packer 1.6.6 bundles (its command/plugin.go), ours or not: inspect lists
     * a build that uses one we do not ship, as packer does, and drops a build that names a type packer does not know.
     */
    public static final Set<String> PACKER_PROVISIONERS = Set.of("ansible", "ansible-local", "azure-dtlartifact",
            "breakpoint", "chef-client", "chef-solo", "converge", "file", "inspec", "powershell", "puppet-masterless",
            "puppet-server", "salt-masterless", "shell", "shell-local", "sleep", "windows-restart", "windows-shell");
    public static final Set<String> PACKER_POST_PROCESSORS = Set.of("alicloud-import", "amazon-import", "artifice",
            "checksum", "compress", "digitalocean-import", "docker-import", "docker-push", "docker-save", "docker-tag",
            "exoscale-import", "googlecompute-export", "googlecompute-import", "manifest", "shell-local",
            "ucloud-import", "vagrant", "vagrant-cloud", "vsphere", "vsphere-template", "yandex-export",
            "yandex-import");

    private ComponentSpecs() {
    }

    /** The spec of a builder type, or null when we do not ship it. */
    public static ConfigSpec builder(String type) {
        return lookup(BUILDERS, type);
    }

    /** The spec of a provisioner type, or null when we do not ship it. */
    public static ConfigSpec provisioner(String type) {
        return lookup(PROVISIONERS, type);
    }

    /** The spec of a post-processor type, or null when we do not ship it. */
    public static ConfigSpec postProcessor(String type) {
        return lookup(POST_PROCESSORS, type);
    }

    /** The spec of a data source type, or null when we do not ship it. */
    public static ConfigSpec dataSource(String type) {
        return lookup(DATA_SOURCES, type);
    }

    /** The builder types we ship, sorted (error messages list them). */
    public static Set<String> builders() {
        return names(BUILDERS);
    }

    /** The provisioner types we ship, sorted. */
    public static Set<String> provisioners() {
        return names(PROVISIONERS);
    }

    /** The post-processor types we ship, sorted. */
    public static Set<String> postProcessors() {
        return names(POST_PROCESSORS);
    }

    /** The data source types we ship, sorted. */
    public static Set<String> dataSources() {
        return names(DATA_SOURCES);
    }

    private static ConfigSpec lookup(Map<String, ConfigSpec> specs, String type) {
        return type == null ? null : specs.get(type);
    }

    private static SortedSet<String> names(Map<String, ConfigSpec> specs) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(specs.keySet()));
    }

    /**
     * The specs of {@code kind}, each read on its first lookup: a run reads only the specs of the components its
     * templates use.
     */
    private static Map<String, ConfigSpec> load(String kind, String... types) {
        return new Lazy(kind, types);
    }

    /** A map of every type name of a kind to its spec, read when first asked for and kept. */
    private static final class Lazy extends java.util.AbstractMap<String, ConfigSpec> {
        private final String kind;
        private final java.util.concurrent.ConcurrentHashMap<String, ConfigSpec> read =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final Set<String> names;

        Lazy(String kind, String... types) {
            this.kind = kind;
            this.names = Set.of(types);
        }

        @Override
        public ConfigSpec get(Object type) {
            if (!(type instanceof String t) || !names.contains(t)) {
                return null;
            }
            return read.computeIfAbsent(t, n -> ConfigSpec.load(kind, n));
        }

        @Override
        public boolean containsKey(Object type) {
            return names.contains(type);
        }

        @Override
        public Set<String> keySet() {
            return names;
        }

        @Override
        public Set<Entry<String, ConfigSpec>> entrySet() {
            Set<Entry<String, ConfigSpec>> out = new java.util.LinkedHashSet<>();
            for (String n : new TreeSet<>(names)) {
                out.add(Map.entry(n, get(n)));
            }
            return out;
        }
    }
}
