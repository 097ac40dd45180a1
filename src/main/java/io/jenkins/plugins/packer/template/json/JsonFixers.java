package io.jenkins.plugins.packer.template.json;

import io.jenkins.plugins.packer.value.GoStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * packer 1.6.6's fixers, in its order ({@code FixerOrder}): each rewrites a decoded legacy JSON template
 * ({@link GoJson}) in place, as {@code packer fix} runs them. Each fixer decodes the part it looks at as packer's does
 * (so a builder list is copied and written back as {@code builders}, and the same template errors are found at the
 * same fixer). Where packer 1.6.6 panics on a value of an unexpected type, the fixer fails with a message saying
 * what is wrong instead. See <a href="https://developer.hashicorp.com/packer/docs/commands/fix">packer fix</a>.
 */
final class JsonFixers {

    /** One fixer, and the configuration keys it replaces by plugin type glob (which validate reports). */
    record Fixer(String name, String synopsis, Map<String, List<String>> deprecatedOptions, Fix fix) {}

    /** The rewrite of one fixer. */
    @FunctionalInterface
    interface Fix {
        void apply(Map<String, Object> template) throws FixException;
    }

    /** Why a fixer could not fix the template: the text packer prints after {@code Error fixing: }. */
    static final class FixException extends Exception {
        private static final long serialVersionUID = 1L;

        FixException(String message) {
            super(message, null, false, false);
        }
    }

    static final List<Fixer> ORDER = List.of(
            new Fixer("iso-md5", "Replaces \"iso_md5\" in builders with \"iso_checksum\"",
                    Map.of("*", List.of("iso_md5")), JsonFixers::isoMd5),
            new Fixer("createtime", "Replaces \".CreateTime\" in builder configs with \"{{timestamp}}\"",
                    Map.of(), JsonFixers::createTime),
            new Fixer("virtualbox-gaattach",
                    "Updates VirtualBox builders using \"guest_additions_attach\" to use \"guest_additions_mode\"",
                    Map.of("mitchellh.virtualbox", List.of("guest_additions_attach")),
                    JsonFixers::virtualBoxGuestAdditionsAttach),
            new Fixer("pp-vagrant-override", "Fixes provider-specific overrides for Vagrant post-processor",
                    Map.of(), JsonFixers::vagrantOverride),
            new Fixer("virtualbox-rename", "Updates \"virtualbox\" builders to \"virtualbox-iso\"", Map.of(),
                    JsonFixers::virtualBoxRename),
            new Fixer("vmware-rename", "Updates \"vmware\" builders to \"vmware-iso\"", Map.of(),
                    t -> renameType(t, "vmware", "vmware-iso")),
            new Fixer("parallels-headless", "Removes unused \"headless\" from Parallels builders",
                    Map.of("packer.parallels", List.of("headless")), JsonFixers::parallelsHeadless),
            new Fixer("parallels-deprecations", "Removes deprecated \"parallels_tools_host_path\" from Parallels "
                    + "builders and changes \"guest_os_distribution\" to \"guest_os_type\".",
                    Map.of("packer.parallels", List.of("parallels_tools_host_path", "guest_os_distribution")),
                    JsonFixers::parallelsDeprecations),
            new Fixer("sshkeypath", "Updates builders using \"ssh_key_path\" to use \"ssh_private_key_file\"",
                    Map.of("*", List.of("ssh_key_path")),
                    t -> replaceUnlessSet(t, "ssh_key_path", "ssh_private_key_file", String.class)),
            new Fixer("sshdisableagent",
                    "Updates builders using \"ssh_disable_agent\" to use \"ssh_disable_agent_forwarding\"",
                    Map.of("*", List.of("ssh_disable_agent")),
                    t -> replaceUnlessSet(t, "ssh_disable_agent", "ssh_disable_agent_forwarding", Boolean.class)),
            new Fixer("scaleway-access-key", "Updates builders using \"access_key\" to use \"organization_id\"",
                    Map.of("hashicorp.scaleway", List.of("access_key")), JsonFixers::scalewayAccessKey),
            new Fixer("manifest-filename",
                    "Updates \"manifest\" post-processor so any \"filename\" field is renamed to \"output\".",
                    Map.of("packer.post-processor.manifest", List.of("filename")), JsonFixers::manifestFilename),
            new Fixer("amazon-shutdown_behavior",
                    "Changes \"shutdown_behaviour\" to \"shutdown_behavior\" in Amazon builders.",
                    Map.of("*amazon*", List.of("shutdown_behaviour")),
                    t -> renameKey(t, b -> b.startsWith("amazon-"), "shutdown_behaviour", "shutdown_behavior")),
            new Fixer("amazon-enhanced-networking",
                    "Replaces \"enhanced_networking\" in builders with \"ena_support\"",
                    Map.of("*amazon*", List.of("enhanced_networking")), JsonFixers::amazonEnhancedNetworking),
            new Fixer("amazon-private-ip", "Replaces `\"ssh_private_ip\": true` in amazon builders with "
                    + "`\"ssh_interface\": \"private_ip\"`",
                    Map.of("*amazon*", List.of("ssh_private_ip")), JsonFixers::amazonPrivateIp),
            new Fixer("amazon-temp-sec-cidrs", "Replaces \"temporary_security_group_source_cidr\" (string) with "
                    + "\"temporary_security_group_source_cidrs\" (list of strings)",
                    Map.of("*amazon*", List.of("temporary_security_group_source_cidr")),
                    JsonFixers::amazonTemporarySecurityGroupCidrs),
            new Fixer("docker-email", "Removes \"login_email\" from the Docker builder.",
                    Map.of("packer.docker", List.of("login_email"),
                            "packer.post-processor.docker-import", List.of("login_email")),
                    JsonFixers::dockerEmail),
            new Fixer("docker-tag-tags",
                    "Updates \"docker\" post-processor so any \"tag\" field is renamed to \"tags\".",
                    Map.of("packer.post-processor.docker-tag", List.of("tag")), JsonFixers::dockerTagTags),
            new Fixer("powershell-escapes",
                    "Removes PowerShell escapes from user env vars and elevated username and password strings",
                    Map.of(), JsonFixers::powershellEscapes),
            new Fixer("vmware-compaction",
                    "Adds \"skip_compaction = true\" to \"vmware-iso\" builders with incompatible disk_type_id",
                    Map.of(), JsonFixers::vmwareCompaction),
            new Fixer("hyperv-deprecations",
                    "Removes the deprecated \"vhd_temp_path\" setting from Hyper-V ISO builder templates",
                    Map.of("MSOpenTech.hyperv", List.of("vhd_temp_path")),
                    t -> removeKey(t, "hyperv-iso"::equals, "vhd_temp_path")),
            new Fixer("hyperv-vmxc-typo", "Fixes a typo replacing \"clone_from_vmxc_path\" with "
                    + "\"clone_from_vmcx_path\" in Hyper-V VMCX builder templates",
                    Map.of("MSOpenTech.hyperv", List.of("clone_from_vmxc_path")),
                    t -> renameKey(t, "hyperv-vmcx"::equals, "clone_from_vmxc_path", "clone_from_vmcx_path")),
            new Fixer("hyperv-cpu-and-ram",
                    "Replaces \"cpu\" with \"cpus\" and \"ram_size\" with \"memory\"in Hyper-V VMCX builder "
                            + "templates",
                    Map.of("MSOpenTech.hyperv", List.of("cpu", "ram_size")), JsonFixers::hypervCpuAndRam),
            new Fixer("clean-image-name",
                    "Replaces /clean_(image|ami)_name/ in builder configs with \"clean_resource_name\"",
                    Map.of("*amazon*", List.of("clean_ami_name"), "packer.googlecompute", List.of("clean_image_name"),
                            "Azure*", List.of("clean_image_name")),
                    JsonFixers::cleanImageName),
            new Fixer("spot-price-auto-product",
                    "Removes the deprecated \"spot_price_auto_product\" setting from Amazon builder templates",
                    Map.of("*amazon*", List.of("spot_price_auto_product")),
                    t -> removeKey(t, Set.of("amazon-ebs", "amazon-ebssurrogate", "amazon-ebsvolume",
                            "amazon-instance")::contains, "spot_price_auto_product")),
            new Fixer("qemu-disk-size", "Updates \"disk_size\" from int to string in QEMU builders.", Map.of(),
                    JsonFixers::qemuDiskSize),
            new Fixer("galaxy-command",
                    "Replaces \"galaxycommand\" in ansible-local provisioner configs with \"galaxy_command\"",
                    Map.of("ansible", List.of("galaxycommand")), JsonFixers::galaxyCommand),
            new Fixer("comm-config", "Remove ssh prefixes from communicator port forwarding configuration "
                    + "(host_port_min, host_port_max, skip_nat_mapping)",
                    Map.of("*", List.of("ssh_host_port_min", "ssh_host_port_max", "ssh_skip_nat_mapping")),
                    JsonFixers::commConfig),
            new Fixer("ssh-wait-timeout", "Replaces \"ssh_wait_timeout\" with \"ssh_timeout\"",
                    Map.of("*", List.of("ssh_wait_timeout")), JsonFixers::sshWaitTimeout),
            new Fixer("vsphere-iso-net-disk", "Removes deprecated network and disk fields from \"vsphere-iso\" builder",
                    Map.of("jetbrains.vsphere", List.of("network_card", "network", "networkCard", "disk_size",
                            "disk_thin_provisioned", "disk_eagerly_scrub")),
                    JsonFixers::vsphereNetworkDisk),
            new Fixer("iso-checksum-type-and-url",
                    "Puts content of potential \"iso_checksum_url\" and \"iso_checksum_url\" in \"iso_checksum\"",
                    Map.of("*", List.of("iso_checksum_url", "iso_checksum_type")), JsonFixers::isoChecksumTypeAndUrl),
            new Fixer("qemu-host-port",
                    "Updates ssh_host_port_min and ssh_host_port_max to host_port_min and host_port_max",
                    Map.of("transcend.qemu", List.of("ssh_host_port_max", "ssh_host_port_min")),
                    JsonFixers::qemuHostPort),
            new Fixer("azure-exclude_from_latest",
                    "Changes \"exlude_from_latest\" to \"exclude_from_latest\" in Azure builders.",
                    Map.of("Azure*", List.of("exlude_from_latest")), JsonFixers::azureExcludeFromLatest),
            new Fixer("proxmox-type", "Updates the builder type proxmox to proxmox-iso", Map.of(),
                    t -> renameType(t, "proxmox", "proxmox-iso")));

    private JsonFixers() {
    }

    // ---- the fixers, in packer's order

    private static void isoMd5(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (b.get("iso_md5") instanceof String md5) {
                b.remove("iso_md5");
                b.put("iso_checksum", md5);
                b.put("iso_checksum_type", "md5");
            }
        }
        t.put("builders", builders);
    }

    /** Go's {@code \s} is ASCII space, tab, newline, form feed and carriage return. */
    private static final Pattern CREATE_TIME = Pattern.compile("\\{\\{[\\t\\n\\f\\r ]*\\.CreateTime[\\t\\n\\f\\r ]*}}");

    private static void createTime(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            for (String key : List.of("ami_name", "bundle_prefix", "snapshot_name")) {
                if (b.get(key) instanceof String s) {
                    b.put(key, CREATE_TIME.matcher(s).replaceAll("{{timestamp}}"));
                }
            }
        }
        t.put("builders", builders);
    }

    private static void virtualBoxGuestAdditionsAttach(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if ("virtualbox".equals(type(b)) && b.get("guest_additions_attach") instanceof Boolean attach) {
                b.remove("guest_additions_attach");
                b.put("guest_additions_mode", attach ? "attach" : "upload");
            }
        }
        t.put("builders", builders);
    }

    private static void vagrantOverride(Map<String, Object> t) throws FixException {
        if (t.get("post-processors") == null) {
            return;
        }
        List<Object> postProcessors = postProcessors(t, new ArrayList<>());
        for (Map<String, Object> pp : flatten(postProcessors)) {
            if (!"vagrant".equals(type(pp))) {
                continue;
            }
            Map<String, Object> overrides = new LinkedHashMap<>();
            for (String provider : List.of("aws", "digitalocean", "virtualbox", "vmware")) {
                if (pp.containsKey(provider)) {
                    overrides.put(provider, pp.remove(provider));
                }
            }
            if (!overrides.isEmpty()) {
                pp.put("override", overrides);
            }
        }
        t.put("post-processors", postProcessors);
    }

    private static void virtualBoxRename(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if ("virtualbox".equals(type(b))) {
                b.put("type", "virtualbox-iso");
            }
        }
        List<Object> provisioners = Mapstructure.weakList(Mapstructure.field(t, "Provisioners"));
        for (int i = 0; provisioners != null && i < provisioners.size(); i++) {
            Map<String, Object> p;
            try {
                p = Mapstructure.weakMap(provisioners.get(i));
            } catch (Mapstructure.DecodeException e) {
                continue;
            }
            if (p == null || !p.containsKey("override")) {
                continue;
            }
            Map<String, Object> override;
            try {
                override = Mapstructure.weakMap(p.get("override"));
            } catch (Mapstructure.DecodeException e) {
                throw new FixException(e.getMessage());
            }
            if (override != null && override.containsKey("virtualbox")) {
                override.put("virtualbox-iso", override.remove("virtualbox"));
                p.put("override", override);
                provisioners.set(i, p);
            }
        }
        if (builders != null && !builders.isEmpty()) {
            t.put("builders", builders);
        }
        if (provisioners != null && !provisioners.isEmpty()) {
            t.put("provisioners", provisioners);
        }
    }

    private static void parallelsHeadless(Map<String, Object> t) throws FixException {
        removeKey(t, JsonFixers::isParallels, "headless");
    }

    private static void parallelsDeprecations(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (isParallels(type(b))) {
                b.remove("parallels_tools_host_path");
                if (b.containsKey("guest_os_distribution")) {
                    b.put("guest_os_type", b.remove("guest_os_distribution"));
                }
            }
        }
        t.put("builders", builders);
    }

    private static boolean isParallels(String type) {
        return "parallels-iso".equals(type) || "parallels-pvm".equals(type);
    }

    private static void scalewayAccessKey(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if ("scaleway".equals(b.get("type")) && b.get("access_key") instanceof String key) {
                if (!b.containsKey("organization_id")) {
                    b.put("organization_id", key);
                }
                b.remove("access_key");
            }
        }
        t.put("builders", builders);
    }

    private static void manifestFilename(Map<String, Object> t) throws FixException {
        if (t.get("post-processors") == null) {
            return;
        }
        List<Object> postProcessors = postProcessors(t, new ArrayList<>());
        for (Map<String, Object> pp : flatten(postProcessors)) {
            if ("manifest".equals(type(pp)) && pp.get("filename") instanceof String filename) {
                pp.remove("filename");
                pp.put("output", filename);
            }
        }
        t.put("post-processors", postProcessors);
    }

    private static void amazonEnhancedNetworking(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (isAmazon(b) && b.get("enhanced_networking") instanceof Boolean ena) {
                b.remove("enhanced_networking");
                b.put("ena_support", ena);
            }
        }
        t.put("builders", builders);
    }

    private static void amazonPrivateIp(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (!isAmazon(b) || b.containsKey("ssh_interface") || !b.containsKey("ssh_private_ip")) {
                continue;
            }
            Object raw = b.get("ssh_private_ip");
            boolean privateIp;
            if (raw instanceof Boolean bool) {
                privateIp = bool;
            } else if (raw instanceof String s) {
                Boolean parsed = GoStrings.parseBool(s);
                if (parsed == null) {
                    throw new FixException("ssh_private_ip is not a boolean, strconv.ParseBool: parsing "
                            + GoStrings.quote(s) + ": invalid syntax");
                }
                privateIp = parsed;
            } else {
                // packer 1.6.6 panics here.
                throw new FixException("ssh_private_ip must be a boolean, not " + what(raw));
            }
            b.remove("ssh_private_ip");
            b.put("ssh_interface", privateIp ? "private_ip" : "public_ip");
        }
        t.put("builders", builders);
    }

    private static void amazonTemporarySecurityGroupCidrs(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (isAmazon(b) && b.get("temporary_security_group_source_cidr") instanceof String cidr) {
                b.remove("temporary_security_group_source_cidr");
                b.put("temporary_security_group_source_cidrs", new ArrayList<Object>(List.of(cidr)));
            }
        }
        t.put("builders", builders);
    }

    private static void dockerEmail(Map<String, Object> t) throws FixException {
        if (t.get("post-processors") == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> builders = Mapstructure.maps("Builders", Mapstructure.field(t, "Builders"), errors);
        List<Object> postProcessors = postProcessors(t, errors);
        for (Map<String, Object> b : nonNull(builders)) {
            b.remove("login_email");
        }
        for (Map<String, Object> pp : flatten(postProcessors)) {
            pp.remove("login_email");
        }
        t.put("builders", builders);
        t.put("post-processors", postProcessors);
    }

    private static void dockerTagTags(Map<String, Object> t) throws FixException {
        if (t.get("post-processors") == null) {
            return;
        }
        List<Object> postProcessors = postProcessors(t, new ArrayList<>());
        for (Map<String, Object> pp : flatten(postProcessors)) {
            if (!"docker-tag".equals(type(pp))) {
                continue;
            }
            Set<String> tags = new LinkedHashSet<>();
            for (String key : List.of("tag", "tags")) {
                Object raw = pp.get(key);
                if (raw instanceof String s) {
                    for (String tag : s.split(",", -1)) {
                        tags.add(GoStrings.trimSpace(tag));
                    }
                } else if (raw instanceof List<?> list) {
                    for (Object tag : list) {
                        if (!(tag instanceof String s)) {
                            // packer 1.6.6 panics here.
                            throw new FixException("docker-tag post-processor: the elements of " + key
                                    + " must be strings, not " + what(tag));
                        }
                        tags.add(s);
                    }
                }
            }
            pp.remove("tag");
            pp.put("tags", new ArrayList<Object>(tags));
        }
        t.put("post-processors", postProcessors);
    }

    private static final Map<String, String> POWERSHELL_ESCAPES = Map.of("`$", "$", "`\"", "\"", "``", "`",
            "`'", "'");

    private static void powershellEscapes(Map<String, Object> t) throws FixException {
        eachElement(t, "Provisioners", (i, p) -> {
            if (p == null || !"powershell".equals(p.get("type"))) {
                return false;
            }
            for (String key : List.of("elevated_user", "elevated_password")) {
                if (p.containsKey(key)) {
                    if (!(p.get(key) instanceof String s)) {
                        // packer 1.6.6 panics here.
                        throw new FixException("provisioner " + (i + 1) + ": " + key + " must be a string, not "
                                + what(p.get(key)));
                    }
                    p.put(key, powershellUnescape(s));
                }
            }
            if (p.containsKey("environment_vars")) {
                List<String> vars = Mapstructure.strings(p.get("environment_vars"));
                if (vars == null) {
                    return false;
                }
                List<Object> unescaped = new ArrayList<>();
                vars.forEach(v -> unescaped.add(powershellUnescape(v)));
                p.put("environment_vars", unescaped);
            }
            return true;
        });
    }

    private static String powershellUnescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '`' && i + 1 < s.length()) {
                String replacement = POWERSHELL_ESCAPES.get(s.substring(i, i + 2));
                if (replacement != null) {
                    sb.append(replacement);
                    i += 2;
                    continue;
                }
            }
            sb.append(s.charAt(i++));
        }
        return sb.toString();
    }

    private static void vmwareCompaction(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (!"vmware-iso".equals(type(b)) || !"esx5".equals(b.get("remote_type"))) {
                continue;
            }
            if (!b.containsKey("disk_type_id")) {
                // The default when this fixer was written, which compaction does not work with.
                b.put("disk_type_id", "zeroedthick");
            } else if (!(b.get("disk_type_id") instanceof String diskType) || diskType.equals("thin")) {
                continue;
            }
            if (b.containsKey("skip_compaction")) {
                if (b.get("skip_compaction") instanceof Boolean skip && !skip) {
                    b.put("skip_compaction", true);
                }
                continue;
            }
            b.put("skip_compaction", true);
        }
        t.put("builders", builders);
    }

    private static void hypervCpuAndRam(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            String type = type(b);
            if ("hyperv-vmcx".equals(type) || "hyperv-iso".equals(type)) {
                if (b.containsKey("cpu")) {
                    b.put("cpus", b.remove("cpu"));
                }
                if (b.containsKey("ram_size")) {
                    b.put("memory", b.remove("ram_size"));
                }
            }
        }
        t.put("builders", builders);
    }

    private static final Pattern CLEAN_NAME = Pattern.compile("clean_(image|ami)_name");

    private static void cleanImageName(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (int i = 0; builders != null && i < builders.size(); i++) {
            Map<String, Object> b = builders.get(i);
            if (b == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : b.entrySet()) {
                if (e.getValue() instanceof String s) {
                    e.setValue(cleanName(s));
                } else if (e.getValue() instanceof Map) {
                    Map<String, Object> nested = GoJson.asMap(e.getValue());
                    nested.replaceAll((k, v) -> v instanceof String s ? cleanName(s) : v);
                } else if (e.getKey().equals("image_labels")) {
                    // packer 1.6.6 panics here.
                    throw new FixException("builder " + (i + 1) + ": image_labels must be an object, not "
                            + what(e.getValue()));
                }
            }
        }
        t.put("builders", builders);
    }

    private static String cleanName(String s) {
        return CLEAN_NAME.matcher(s).replaceAll(Matcher.quoteReplacement("clean_resource_name"));
    }

    private static void qemuDiskSize(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if ("qemu".equals(type(b)) && b.get("disk_size") instanceof Double size) {
                b.put("disk_size", goInt(size) + "M");
            }
        }
        t.put("builders", builders);
    }

    /**
     * Go's {@code int(f)} on amd64: the fraction dropped, and the "integer indefinite" value for what does not
     * fit in 64 bits.
     */
    private static long goInt(double d) {
        if (d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    private static void galaxyCommand(Map<String, Object> t) throws FixException {
        eachElement(t, "Provisioners", (i, p) -> p != null && "ansible-local".equals(p.get("type"))
                && renameString(p, "galaxycommand", "galaxy_command"));
    }

    private static void commConfig(Map<String, Object> t) throws FixException {
        eachElement(t, "Builders", (i, b) -> {
            if (b == null || !(b.get("type") instanceof String type)) {
                // packer 1.6.6 panics here.
                throw new FixException("builder " + (i + 1) + ": " + (b == null
                        ? "a builder must be an object, not null" : "missing 'type'"));
            }
            if (!type.startsWith("virtualbox")) {
                return false;
            }
            dropPrefixed(b, "host_port_min", Object.class);
            dropPrefixed(b, "host_port_max", Object.class);
            dropPrefixed(b, "skip_nat_mapping", Boolean.class);
            return true;
        });
    }

    /** {@code ssh_KEY} becomes {@code KEY} when its value is a {@code T}; with both, {@code ssh_KEY} goes. */
    private static void dropPrefixed(Map<String, Object> b, String key, Class<?> type) {
        String old = "ssh_" + key;
        if (b.containsKey(key)) {
            b.remove(old);
        } else if (b.containsKey(old) && type.isInstance(b.get(old))) {
            b.put(key, b.remove(old));
        }
    }

    private static void sshWaitTimeout(Map<String, Object> t) throws FixException {
        eachElement(t, "Builders", (i, b) -> b != null && renameString(b, "ssh_wait_timeout", "ssh_timeout"));
    }

    /** One element's rewrite, given its index and a copy (null for a null element); false leaves it as it was. */
    @FunctionalInterface
    private interface ElementFix {
        boolean fix(int index, Map<String, Object> element) throws FixException;
    }

    /**
     * The template's {@code Builders} or {@code Provisioners} list, decoded as the Go fixers decode it (a weak list),
     * each element that is an object or null through {@code fix} as a copy, written back when it changed; the list
     * then replaces the template's under its lower-case key when it has elements.
     */
    private static void eachElement(Map<String, Object> t, String field, ElementFix fix) throws FixException {
        List<Object> list = Mapstructure.weakList(Mapstructure.field(t, field));
        for (int i = 0; list != null && i < list.size(); i++) {
            Object raw = list.get(i);
            if (!Mapstructure.isMapOrNull(raw)) {
                continue;
            }
            Map<String, Object> copy = Mapstructure.copy(raw);
            if (fix.fix(i, copy)) {
                list.set(i, copy);
            }
        }
        if (list != null && !list.isEmpty()) {
            t.put(field.toLowerCase(java.util.Locale.ROOT), list);
        }
    }

    /**
     * {@code from} gives way to {@code to}: it goes when {@code to} is set, and is renamed when it holds a string;
     * false when it is neither.
     */
    private static boolean renameString(Map<String, Object> m, String from, String to) {
        if (m.containsKey(to)) {
            m.remove(from);
            return true;
        }
        if (m.get(from) instanceof String value) {
            m.remove(from);
            m.put(to, value);
            return true;
        }
        return false;
    }

    private static void vsphereNetworkDisk(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (int i = 0; builders != null && i < builders.size(); i++) {
            Map<String, Object> b = builders.get(i);
            if (b == null || !"vsphere-iso".equals(type(b))) {
                continue;
            }
            Map<String, Object> nic = new LinkedHashMap<>();
            moveInto(b, "network", nic, "network");
            // The camel-case spelling is from when vSphere was a third-party plugin.
            moveInto(b, "networkCard", nic, "network_card");
            moveInto(b, "network_card", nic, "network_card");
            prependTo(b, "network_adapters", nic, i);
            Map<String, Object> disk = new LinkedHashMap<>();
            for (String key : List.of("disk_size", "disk_thin_provisioned", "disk_eagerly_scrub")) {
                moveInto(b, key, disk, key);
            }
            prependTo(b, "storage", disk, i);
        }
        t.put("builders", builders);
    }

    private static void moveInto(Map<String, Object> from, String key, Map<String, Object> to, String toKey) {
        if (from.containsKey(key)) {
            to.put(toKey, from.remove(key));
        }
    }

    /** Puts a new entry before the builder's existing list, when the entry has anything in it. */
    private static void prependTo(Map<String, Object> b, String key, Map<String, Object> entry, int index)
            throws FixException {
        if (entry.isEmpty()) {
            return;
        }
        List<Object> list = new ArrayList<>();
        list.add(entry);
        if (b.containsKey(key)) {
            List<Object> existing = GoJson.asList(b.get(key));
            if (existing == null) {
                // packer 1.6.6 panics here.
                throw new FixException("builder " + (index + 1) + ": " + key + " must be a list, not "
                        + what(b.get(key)));
            }
            list.addAll(existing);
        }
        b.put(key, list);
    }

    private static void isoChecksumTypeAndUrl(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            String url = stringOrEmpty(b.remove("iso_checksum_url"));
            String type = stringOrEmpty(b.remove("iso_checksum_type"));
            String checksum = stringOrEmpty(b.get("iso_checksum"));
            if (checksum.isEmpty() && url.isEmpty()) {
                continue;
            }
            if (!url.isEmpty()) {
                checksum = "file:" + url;
            } else if (!type.isEmpty()) {
                checksum = type + ":" + checksum;
            }
            b.put("iso_checksum", checksum);
        }
        t.put("builders", builders);
    }

    private static String stringOrEmpty(Object v) {
        return v instanceof String s ? s : "";
    }

    private static void qemuHostPort(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if ("qemu".equals(type(b))) {
                moveInto(b, "ssh_host_port_min", b, "host_port_min");
                moveInto(b, "ssh_host_port_max", b, "host_port_max");
            }
        }
        t.put("builders", builders);
    }

    private static void azureExcludeFromLatest(Map<String, Object> t) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            String type = type(b);
            if (type != null && type.startsWith("azure-chroot")) {
                Map<String, Object> destination = GoJson.asMap(b.get("shared_image_destination"));
                if (destination != null && destination.containsKey("exlude_from_latest")) {
                    destination.put("exclude_from_latest", destination.remove("exlude_from_latest"));
                }
            }
        }
        t.put("builders", builders);
    }

    // ---- shapes several fixers share

    /** Builders of one type get another type. */
    private static void renameType(Map<String, Object> t, String from, String to) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (from.equals(type(b))) {
                b.put("type", to);
            }
        }
        t.put("builders", builders);
    }

    /** A key of the builders whose type matches is renamed. */
    private static void renameKey(Map<String, Object> t, Predicate<String> types, String from,
            String to) throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            String type = type(b);
            if (type != null && types.test(type) && b.containsKey(from)) {
                b.put(to, b.remove(from));
            }
        }
        t.put("builders", builders);
    }

    /** A key of the builders whose type matches is removed. */
    private static void removeKey(Map<String, Object> t, Predicate<String> types, String key)
            throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            String type = type(b);
            if (type != null && types.test(type)) {
                b.remove(key);
            }
        }
        t.put("builders", builders);
    }

    /**
     * In every builder, a key whose value is a {@code T} gives way to its new name; the new name keeps its own
     * value when it is already set.
     */
    private static void replaceUnlessSet(Map<String, Object> t, String from, String to, Class<?> type)
            throws FixException {
        List<Map<String, Object>> builders = builders(t);
        for (Map<String, Object> b : nonNull(builders)) {
            if (type.isInstance(b.get(from))) {
                if (!b.containsKey(to)) {
                    b.put(to, b.get(from));
                }
                b.remove(from);
            }
        }
        t.put("builders", builders);
    }

    /** The template's builders decoded as {@code []map[string]interface{}}: copies, for the fixer to write back. */
    private static List<Map<String, Object>> builders(Map<String, Object> t) throws FixException {
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> builders = Mapstructure.maps("Builders", Mapstructure.field(t, "Builders"), errors);
        failOn(errors);
        return builders;
    }

    private static List<Object> postProcessors(Map<String, Object> t, List<String> errors) throws FixException {
        List<Object> list = Mapstructure.list("post-processors", Mapstructure.field(t, "post-processors"), errors);
        failOn(errors);
        return list;
    }

    private static void failOn(List<String> errors) throws FixException {
        if (!errors.isEmpty()) {
            throw new FixException(GoText.decodingError(errors));
        }
    }

    /** The post-processor objects of the chains: an object, or the objects of a list; names are skipped. */
    private static List<Map<String, Object>> flatten(List<Object> postProcessors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object pp : postProcessors == null ? List.of() : postProcessors) {
            if (pp instanceof Map) {
                out.add(GoJson.asMap(pp));
            } else if (pp instanceof List<?> chain) {
                chain.stream().filter(Map.class::isInstance).forEach(e -> out.add(GoJson.asMap(e)));
            }
        }
        return out;
    }

    private static boolean isAmazon(Map<String, Object> b) {
        String type = type(b);
        return type != null && type.startsWith("amazon-");
    }

    /** What a JSON value is, for the messages where packer 1.6.6 panics. */
    private static String what(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String) {
            return "a string";
        } else if (v instanceof Double) {
            return "a number";
        } else if (v instanceof Boolean) {
            return "a boolean";
        }
        return v instanceof List ? "an array" : "an object";
    }

    /** A component's {@code type} when it is a string. */
    private static String type(Map<String, Object> component) {
        return component.get("type") instanceof String s ? s : null;
    }

    /** The builders that are objects (a null builder is a nil map, which every fixer passes over). */
    private static List<Map<String, Object>> nonNull(List<Map<String, Object>> builders) {
        if (builders == null) {
            return List.of();
        }
        return builders.stream().filter(Objects::nonNull).toList();
    }
}
