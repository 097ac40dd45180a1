package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The images on the run's page, and in the environment of later steps for the steps that asked (exportEnv). */
class PackerImagesActionTest {

    private static BuildOutcome outcome(String build, String region, String ami) {
        LinkedHashMap<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("amis", new LinkedHashMap<>(Map.of(region, ami)));
        LinkedHashMap<String, Object> b = new LinkedHashMap<>();
        b.put("artifacts", new java.util.ArrayList<>(List.of(artifact)));
        LinkedHashMap<String, Object> builds = new LinkedHashMap<>();
        builds.put(build, b);
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("builds", builds);
        return new BuildOutcome(0, false, result, List.of(), new LinkedHashMap<>(), null);
    }

    @Test
    void onlyTheImagesOfTheStepsThatAskedAreExported() {
        hudson.model.Run<?, ?> run = new PackerBuildAmazonTest.RecordingRun();
        PackerImagesAction.record(run, outcome("amazon-ebs.web", "us-east-1", "ami-0web"), true);
        PackerImagesAction.record(run, outcome("amazon-ebs.db", "eu-west-1", "ami-00db"), false);

        EnvVars env = new EnvVars();
        run.getAction(PackerImagesAction.class).buildEnvironment(run, env);

        assertThat(env).containsExactly(Map.entry("PACKER_ARTIFACT_AMAZON_EBS_WEB_US_EAST_1", "ami-0web"));
        assertThat(run.getAction(PackerImagesAction.class).getImages()).extracting(Object::toString)
                .containsExactly("amazon-ebs.web us-east-1:ami-0web", "amazon-ebs.db eu-west-1:ami-00db");
    }

    /** Jenkins' LastBuildActionFactory puts a last successful run's project actions on its job's page. */
    @Test
    void theJobsPageShowsTheLastSuccessfulRunsImagesLinkedToTheEc2Console() {
        hudson.model.Run<?, ?> run = new PackerBuildAmazonTest.RecordingRun();
        PackerImagesAction.record(run, outcome("amazon-ebs.web", "eu-west-1", "ami-0123456789abcdef0"));
        jenkins.tasks.SimpleBuildStep.LastBuildAction last = run.getAction(PackerImagesAction.class);

        assertThat(last.getProjectActions()).singleElement().isInstanceOfSatisfying(
                PackerImagesAction.LatestImages.class, latest -> {
                    assertThat(latest.getRun()).isSameAs(run);
                    assertThat(latest.getUrlName()).as("no link of its own in the side panel").isNull();
                    assertThat(latest.getImages()).singleElement().extracting(PackerImagesAction.Image::getConsoleUrl)
                            .isEqualTo("https://console.aws.amazon.com/ec2/home?region=eu-west-1"
                                    + "#ImageDetails:imageId=ami-0123456789abcdef0");
                });
        assertThat(new PackerImagesAction.Image("b", "cn-north-1", "ami-1").getConsoleUrl())
                .startsWith("https://console.amazonaws.cn/ec2/home?region=cn-north-1#");
        assertThat(new PackerImagesAction.Image("b", "us-gov-west-1", "ami-1").getConsoleUrl())
                .startsWith("https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1#");
        assertThat(new PackerImagesAction.Image("docker.x", "", "sha256:1").getConsoleUrl()).isNull();
        assertThat(new PackerImagesAction.Image("b", "x\"onmouseover=1", "ami-1").getConsoleUrl()).isNull();
    }

    @Test
    void theRunsRestApiShowsEachImagesBuildRegionAndId() throws Exception {
        // What stapler's export model reads to build /api/json: exported beans and their exported getters.
        assertThat(PackerImagesAction.class.isAnnotationPresent(org.kohsuke.stapler.export.ExportedBean.class))
                .isTrue();
        assertThat(PackerImagesAction.class.getMethod("getImages")
                .isAnnotationPresent(org.kohsuke.stapler.export.Exported.class)).isTrue();
        Class<?> image = PackerImagesAction.Image.class;
        assertThat(image.isAnnotationPresent(org.kohsuke.stapler.export.ExportedBean.class)).isTrue();
        for (String getter : List.of("getBuild", "getRegion", "getId")) {
            assertThat(image.getMethod(getter).isAnnotationPresent(org.kohsuke.stapler.export.Exported.class))
                    .as(getter).isTrue();
        }
    }
}
