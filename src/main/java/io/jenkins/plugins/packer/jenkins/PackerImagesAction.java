package io.jenkins.plugins.packer.jenkins;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * The images a run's Packer builds made, on the run's page: for each build, the artifact ids and, for AMIs, each
 * region's image id, linked to the EC2 console. Every {@code packerBuild} of the run adds its own. The job's page
 * shows those of its last successful run ({@link LatestImages}).
 */
@org.kohsuke.stapler.export.ExportedBean
public final class PackerImagesAction implements RunAction2, hudson.model.EnvironmentContributingAction,
        jenkins.tasks.SimpleBuildStep.LastBuildAction {

    /**
     * One image a build made: the build's name, the region (empty when not an AMI), the id, and whether its step
     * asked for it in the environment of later steps ({@code exportEnv}).
     */
    @org.kohsuke.stapler.export.ExportedBean(defaultVisibility = 2)
    public static final class Image {
        private final String build;
        private final String region;
        private final String id;
        private final boolean exported;

        public Image(String build, String region, String id) {
            this(build, region, id, false);
        }

        Image(String build, String region, String id, boolean exported) {
            this.build = build;
            this.region = region;
            this.id = id;
            this.exported = exported;
        }

        Image exported(boolean export) {
            return new Image(build, region, id, export);
        }

        @org.kohsuke.stapler.export.Exported
        public String getBuild() {
            return build;
        }

        @org.kohsuke.stapler.export.Exported
        public String getRegion() {
            return region;
        }

        @org.kohsuke.stapler.export.Exported
        public String getId() {
            return id;
        }

        /** The image's page in the EC2 console of its region (its partition's console); null when not an AMI. */
        public String getConsoleUrl() {
            return consoleUrl(region, id);
        }

        @Override
        public String toString() {
            return build + " " + (region.isEmpty() ? "" : region + ":") + id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Image i && i.build.equals(build) && i.region.equals(region) && i.id.equals(id);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(build, region, id);
        }
    }

    private final List<Image> images;
    private transient Run<?, ?> run;

    PackerImagesAction(List<Image> images) {
        this.images = new ArrayList<>(images);
    }

    /**
     * The images of the steps that asked for it ({@code exportEnv}), each as {@code PACKER_ARTIFACT_<BUILD>_<REGION>}
     * (upper case, other characters as {@code _}): {@code PACKER_ARTIFACT_AMAZON_EBS_BASE_US_EAST_1=ami-…}.
     */
    @Override
    public void buildEnvironment(Run<?, ?> r, hudson.EnvVars env) {
        for (Image i : images) {
            if (i.exported) {
                env.put(variable(i), i.getId());
            }
        }
    }

    static String variable(Image i) {
        String name = i.getBuild() + (i.getRegion().isEmpty() ? "" : "_" + i.getRegion());
        return "PACKER_ARTIFACT_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The images, in the REST API of the run ({@code …/api/json?tree=actions[images[build,region,id]]}). */
    @org.kohsuke.stapler.export.Exported(inline = true)
    public List<Image> getImages() {
        return List.copyOf(images);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "package.png";
    }

    @Override
    public String getDisplayName() {
        return Texts.get("PackerImagesAction.DisplayName");
    }

    @Override
    public String getUrlName() {
        return "packer-images";
    }

    /** The page of AMI {@code id} in the EC2 console of {@code region} (its partition's console); null otherwise. */
    static String consoleUrl(String region, String id) {
        if (region.isEmpty() || !id.startsWith("ami-") || !region.matches("[a-z0-9-]+")) {
            return null;
        }
        String console = region.startsWith("cn-") ? "https://console.amazonaws.cn"
                : region.startsWith("us-gov-") ? "https://console.amazonaws-us-gov.com"
                : "https://console.aws.amazon.com";
        return console + "/ec2/home?region=" + region + "#ImageDetails:imageId=" + id;
    }

    /** The job's page shows the images of this run while it is the job's last successful one. */
    @Override
    public java.util.Collection<? extends hudson.model.Action> getProjectActions() {
        return List.of(new LatestImages(this));
    }

    /** The images of a job's last successful run, on the job's page ({@code jobMain.jelly}). */
    public static final class LatestImages implements hudson.model.Action {
        private final PackerImagesAction of;

        LatestImages(PackerImagesAction of) {
            this.of = of;
        }

        public List<Image> getImages() {
            return of.getImages();
        }

        /** The run that made them. */
        public Run<?, ?> getRun() {
            return of.getRun();
        }

        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return Texts.get("PackerImagesAction.LatestImages.DisplayName");
        }

        @Override
        public String getUrlName() {
            return null;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /**
     * The AMIs of a build outcome, per region, and its Docker images (by id, name and tag), once each (a
     * post-processor that passes the builder's artifact on lists it again).
     */
    @SuppressWarnings("unchecked")
    static List<Image> images(BuildOutcome outcome) {
        List<Image> out = new ArrayList<>();
        Object builds = outcome.result().get("builds");
        if (!(builds instanceof Map<?, ?> byName)) {
            return out;
        }
        byName.forEach((name, value) -> {
            Object artifacts = ((Map<String, Object>) value).get("artifacts");
            if (!(artifacts instanceof List<?> list)) {
                return;
            }
            for (Object a : list) {
                Map<String, Object> artifact = (Map<String, Object>) a;
                Object amis = artifact.get("amis");
                if (amis instanceof Map<?, ?> byRegion) {
                    byRegion.forEach((region, id) -> {
                        Image image = new Image(name.toString(), region.toString(), id.toString());
                        if (!out.contains(image)) {
                            out.add(image);
                        }
                    });
                }
                Object docker = artifact.get("dockerImage");
                if (docker != null) {
                    List<Object> names = new ArrayList<>();
                    names.add(docker);
                    if (artifact.get("dockerTags") instanceof List<?> tags) {
                        names.addAll(tags);
                    }
                    for (Object n : names) {
                        Image image = new Image(name.toString(), "", n.toString());
                        if (!out.contains(image)) {
                            out.add(image);
                        }
                    }
                }
            }
        });
        return out;
    }

    /** Records the AMIs of {@code outcome} on the run, after those of its earlier Packer builds. */
    static void record(Run<?, ?> run, BuildOutcome outcome) {
        record(run, outcome, false);
    }

    /** The same; {@code export} puts them in the environment of later steps. */
    static void record(Run<?, ?> run, BuildOutcome outcome, boolean export) {
        List<Image> found = images(outcome);
        if (run == null || found.isEmpty()) {
            return;
        }
        // Builds of a parallel block end at the same time: each adds its images to what the others recorded.
        synchronized (PackerImagesAction.class) {
            PackerImagesAction existing = run.getAction(PackerImagesAction.class);
            List<Image> all = new ArrayList<>(existing == null ? List.of() : existing.images);
            found.forEach(i -> all.add(i.exported(export)));
            PackerImagesAction action = new PackerImagesAction(all);
            run.addOrReplaceAction(action);
            action.onAttached(run);
        }
    }
}
