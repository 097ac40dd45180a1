package io.jenkins.plugins.packer.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of a {@code docker run} command line (what the docker builder's {@code run_command} holds, after the
 * options the builder adds), read into the container the Engine API creates. It knows the options a build container
 * uses; any other is refused with its name, so that nothing a template asks for is silently dropped.
 *
 * @param image      the image the container runs
 * @param command    the command after the image (the entrypoint's arguments)
 * @param entrypoint {@code --entrypoint}, split as the docker command line does (one word), or null
 */
public record RunCommand(String image, List<String> command, String entrypoint, boolean interactive, boolean tty,
                         String network, List<String> volumes, List<String> env, String user, String workdir,
                         String name, Map<String, String> labels, String hostname, List<String> capAdd,
                         List<String> capDrop, List<String> devices, Map<String, String> tmpfs, boolean privileged,
                         String runtime, String platform, List<String> extraHosts, List<String> securityOpts,
                         List<String> dns, boolean init, boolean readOnly, String ipc, String pid, List<String> groups,
                         boolean autoRemove) {

    /** An argument list docker would not run, or that asks for what we do not do. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    private static final Set<String> FLAGS = Set.of("-d", "--detach", "-i", "--interactive", "-t", "--tty",
            "--privileged", "--init", "--read-only", "--rm");
    private static final Map<String, String> SHORT_VALUES = Map.of("-v", "--volume", "-e", "--env", "-u", "--user",
            "-w", "--workdir", "-l", "--label", "-h", "--hostname");
    private static final Set<String> VALUES = Set.of("--entrypoint", "--network", "--net", "--volume", "--env",
            "--user", "--workdir", "--name", "--label", "--hostname", "--cap-add", "--cap-drop", "--device", "--tmpfs",
            "--runtime", "--platform", "--add-host", "--security-opt", "--dns", "--ipc", "--pid", "--group-add");

    /** Reads {@code args} (without the leading {@code run}). */
    public static RunCommand parse(List<String> args) throws Invalid {
        Builder b = new Builder();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!a.startsWith("--") && a.length() > 2) {
                // -dit, -v/a:/b, -e=X=Y
                String first = a.substring(0, 2);
                if (SHORT_VALUES.containsKey(first)) {
                    name = first;
                    value = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
                } else {
                    for (int k = 1; k < a.length(); k++) {
                        String f = "-" + a.charAt(k);
                        if (!FLAGS.contains(f)) {
                            throw new Invalid(unknown(a));
                        }
                        b.flag(f);
                    }
                    i++;
                    continue;
                }
            }
            if (SHORT_VALUES.containsKey(name)) {
                name = SHORT_VALUES.get(name);
            }
            if (FLAGS.contains(name)) {
                if (value != null && !value.equals("true")) {
                    if (!value.equals("false")) {
                        throw new Invalid("invalid argument \"" + value + "\" for \"" + name + "\" flag");
                    }
                } else {
                    b.flag(name);
                }
                i++;
                continue;
            }
            if (!VALUES.contains(name)) {
                throw new Invalid(unknown(name));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new Invalid("flag needs an argument: " + name);
                }
                value = args.get(++i);
            }
            b.value(name, value);
            i++;
        }
        if (i >= args.size()) {
            throw new Invalid("\"docker run\" requires at least 1 argument: the image to run");
        }
        b.image = args.get(i);
        b.command.addAll(args.subList(i + 1, args.size()));
        return b.build();
    }

    private static String unknown(String flag) {
        Set<String> known = new TreeSet<>(FLAGS);
        known.addAll(VALUES);
        SHORT_VALUES.forEach((s, l) -> known.add(s));
        return "the docker run option " + flag + " is not supported in run_command; supported: "
                + String.join(", ", known);
    }

    /** Sets up {@code create} (made for {@link #image}) to make this container. */
    public CreateContainerCmd applyTo(CreateContainerCmd create) throws Invalid {
        HostConfig host = HostConfig.newHostConfig();
        List<Bind> binds = new ArrayList<>();
        for (String v : volumes) {
            try {
                binds.add(Bind.parse(v));
            } catch (IllegalArgumentException e) {
                throw new Invalid("invalid volume specification: '" + v + "'");
            }
        }
        host.withBinds(binds).withPrivileged(privileged).withInit(init ? Boolean.TRUE : null)
                .withReadonlyRootfs(readOnly).withAutoRemove(autoRemove);
        if (network != null) {
            host.withNetworkMode(network);
        }
        if (!capAdd.isEmpty()) {
            host.withCapAdd(capabilities(capAdd));
        }
        if (!capDrop.isEmpty()) {
            host.withCapDrop(capabilities(capDrop));
        }
        if (!devices.isEmpty()) {
            List<Device> ds = new ArrayList<>();
            for (String d : devices) {
                try {
                    ds.add(Device.parse(d));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("invalid device: " + d);
                }
            }
            host.withDevices(ds);
        }
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        if (runtime != null) {
            host.withRuntime(runtime);
        }
        if (!extraHosts.isEmpty()) {
            host.withExtraHosts(extraHosts.toArray(String[]::new));
        }
        if (!securityOpts.isEmpty()) {
            host.withSecurityOpts(securityOpts);
        }
        if (!dns.isEmpty()) {
            host.withDns(dns);
        }
        if (ipc != null) {
            host.withIpcMode(ipc);
        }
        if (pid != null) {
            host.withPidMode(pid);
        }
        if (!groups.isEmpty()) {
            host.withGroupAdd(groups);
        }
        create.withHostConfig(host).withStdinOpen(interactive).withTty(tty).withAttachStdin(false)
                .withAttachStdout(false).withAttachStderr(false);
        if (entrypoint != null) {
            create.withEntrypoint(entrypoint.isEmpty() ? List.of("") : List.of(entrypoint));
        }
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        if (!env.isEmpty()) {
            create.withEnv(env);
        }
        if (user != null) {
            create.withUser(user);
        }
        if (workdir != null) {
            create.withWorkingDir(workdir);
        }
        if (name != null) {
            create.withName(name);
        }
        if (!labels.isEmpty()) {
            create.withLabels(labels);
        }
        if (hostname != null) {
            create.withHostName(hostname);
        }
        if (platform != null) {
            create.withPlatform(platform);
        }
        return create;
    }

    private static Capability[] capabilities(List<String> names) throws Invalid {
        List<Capability> out = new ArrayList<>();
        for (String n : names) {
            String c = n.toUpperCase(java.util.Locale.ROOT);
            if (c.startsWith("CAP_")) {
                c = c.substring(4);
            }
            try {
                out.add(Capability.valueOf(c));
            } catch (IllegalArgumentException e) {
                throw new Invalid("unknown capability: \"" + n + "\"");
            }
        }
        return out.toArray(Capability[]::new);
    }

    private static final class Builder {
        String image;
        final List<String> command = new ArrayList<>();
        String entrypoint;
        boolean interactive;
        boolean tty;
        String network;
        final List<String> volumes = new ArrayList<>();
        final List<String> env = new ArrayList<>();
        String user;
        String workdir;
        String name;
        final Map<String, String> labels = new LinkedHashMap<>();
        String hostname;
        final List<String> capAdd = new ArrayList<>();
        final List<String> capDrop = new ArrayList<>();
        final List<String> devices = new ArrayList<>();
        final Map<String, String> tmpfs = new LinkedHashMap<>();
        boolean privileged;
        String runtime;
        String platform;
        final List<String> extraHosts = new ArrayList<>();
        final List<String> securityOpts = new ArrayList<>();
        final List<String> dns = new ArrayList<>();
        boolean init;
        boolean readOnly;
        String ipc;
        String pid;
        final List<String> groups = new ArrayList<>();
        boolean autoRemove;

        void flag(String f) {
            switch (f) {
                case "-i", "--interactive" -> interactive = true;
                case "-t", "--tty" -> tty = true;
                case "--privileged" -> privileged = true;
                case "--init" -> init = true;
                case "--read-only" -> readOnly = true;
                case "--rm" -> autoRemove = true;
                default -> {
                    // -d: the container always starts detached
                }
            }
        }

        void value(String name, String v) {
            switch (name) {
                case "--entrypoint" -> entrypoint = v;
                case "--network", "--net" -> network = v;
                case "--volume" -> volumes.add(v);
                case "--env" -> env.add(v);
                case "--user" -> user = v;
                case "--workdir" -> workdir = v;
                case "--name" -> this.name = v;
                case "--label" -> {
                    int eq = v.indexOf('=');
                    labels.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
                }
                case "--hostname" -> hostname = v;
                case "--cap-add" -> capAdd.add(v);
                case "--cap-drop" -> capDrop.add(v);
                case "--device" -> devices.add(v);
                case "--tmpfs" -> {
                    int colon = v.indexOf(':');
                    tmpfs.put(colon < 0 ? v : v.substring(0, colon), colon < 0 ? "" : v.substring(colon + 1));
                }
                case "--runtime" -> runtime = v;
                case "--platform" -> platform = v;
                case "--add-host" -> extraHosts.add(v);
                case "--security-opt" -> securityOpts.add(v);
                case "--dns" -> dns.add(v);
                case "--ipc" -> ipc = v;
                case "--pid" -> pid = v;
                case "--group-add" -> groups.add(v);
                default -> throw new IllegalStateException(name);
            }
        }

        RunCommand build() {
            return new RunCommand(image, List.copyOf(command), entrypoint, interactive, tty, network,
                    List.copyOf(volumes), List.copyOf(env), user, workdir, name, Map.copyOf(labels), hostname,
                    List.copyOf(capAdd), List.copyOf(capDrop), List.copyOf(devices), Map.copyOf(tmpfs), privileged,
                    runtime, platform, List.copyOf(extraHosts), List.copyOf(securityOpts), List.copyOf(dns), init,
                    readOnly, ipc, pid, List.copyOf(groups), autoRemove);
        }
    }
}
