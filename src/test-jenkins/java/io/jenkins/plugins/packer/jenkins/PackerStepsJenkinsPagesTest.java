package io.jenkins.plugins.packer.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a real Jenkins shows and keeps of the steps' work: fingerprints of the archived manifests, the job page's latest
 * images, console notes, Jenkins' proxy in the build's environment, and the form twins of vars and varFiles.
 */
@WithJenkins
class PackerStepsJenkinsPagesTest {

    private JenkinsRule j;

    @BeforeEach
    void agent(JenkinsRule j) throws Exception {
        this.j = j;
        j.createOnlineSlave(Label.get("agent"));
    }

    private WorkflowRun run(WorkflowJob p, String script, Result expected) throws Exception {
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, p.scheduleBuild2(0));
    }

    private static String template(String inline) {
        return "writeFile file: 't.pkr.hcl', text: '''\n"
                + "source \"null\" \"n\" {\n  communicator = \"none\"\n}\n\n"
                + "build {\n  sources = [\"source.null.n\"]\n\n"
                + "  provisioner \"shell-local\" {\n    inline = [\"" + inline + "\"]\n  }\n\n"
                + "  post-processor \"manifest\" {}\n}\n'''\n";
    }

    @Test
    void theArchivedManifestIsFingerprinted() throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "fingerprints");
        WorkflowRun b = run(p, "node('agent') {\n" + template("echo hi") + "packerBuild 't.pkr.hcl'\n}",
                Result.SUCCESS);
        hudson.tasks.Fingerprinter.FingerprintAction fingerprints =
                b.getAction(hudson.tasks.Fingerprinter.FingerprintAction.class);
        assertNotNull(fingerprints);
        String md5 = fingerprints.getRecords().get("packer-manifest.json");
        assertNotNull(md5);
        assertNotNull(j.jenkins.getFingerprintMap().get(md5));
    }

    @Test
    void theJobPageShowsTheLastSuccessfulRunsImages() throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "latest");
        WorkflowRun b = run(p, "node('agent') {\n" + template("echo hi") + "packerBuild 't.pkr.hcl'\n}",
                Result.SUCCESS);
        Map<String, Object> artifact = new LinkedHashMap<>(Map.of("amis",
                new LinkedHashMap<>(Map.of("eu-west-1", "ami-0123456789abcdef0"))));
        Map<String, Object> build = new LinkedHashMap<>(Map.of("artifacts", new java.util.ArrayList<>(List.of(artifact))));
        Map<String, Object> result = new LinkedHashMap<>(Map.of("builds", new LinkedHashMap<>(Map.of("amazon-ebs.x",
                build))));
        PackerImagesAction.record(b, new BuildOutcome(0, false, result, List.of(), new LinkedHashMap<>(), null));
        PackerImagesAction.LatestImages latest = p.getAction(PackerImagesAction.LatestImages.class);
        assertNotNull(latest);
        assertEquals("ami-0123456789abcdef0", latest.getImages().get(0).getId());
        JenkinsRule.WebClient wc = j.createWebClient();
        assertTrue(wc.getPage(p).asNormalizedText().contains("Latest images made by Packer"));
    }

    @Test
    void aFailedBuildsLinesAreMarkedInTheConsole() throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "marked");
        WorkflowRun b = run(p, "node('agent') {\n" + template("exit 3") + "packerBuild 't.pkr.hcl'\n}",
                Result.FAILURE);
        j.assertLogContains("Build 'null.n' errored after", b);
        StringWriter html = new StringWriter();
        b.getLogText().writeHtmlTo(0, html);
        assertTrue(html.toString().contains("class=\"packer-error\""), html.toString());
    }

    @Test
    void jenkinsProxyReachesTheBuildWhenTheStepNamesNone() throws Exception {
        j.jenkins.setProxy(new hudson.ProxyConfiguration("proxy.example", 3128));
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "proxy");
        WorkflowRun b = run(p, "node('agent') {\n" + template("echo proxy=$HTTPS_PROXY")
                + "packerBuild 't.pkr.hcl'\n}", Result.SUCCESS);
        j.assertLogContains("null.n: proxy=http://proxy.example:3128", b);
    }

    @Test
    void variablesAndVariableFilesRoundTripThroughTheForm() throws Exception {
        PackerBuildStep build = new PackerBuildStep("packer/");
        build.setVariables("version=1.2\nregion=eu-west-1");
        build.setVariableFiles("prod.pkrvars.hcl");
        j.assertEqualDataBoundBeans(build, new StepConfigTester(j).configRoundTrip(build));
        PackerValidateStep validate = new PackerValidateStep("packer/");
        validate.setVariables("version=1.2");
        j.assertEqualDataBoundBeans(validate, new StepConfigTester(j).configRoundTrip(validate));
    }
}
