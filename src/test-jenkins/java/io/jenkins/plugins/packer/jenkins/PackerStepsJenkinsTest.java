package io.jenkins.plugins.packer.jenkins;

import hudson.model.Label;
import hudson.model.Result;
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
 * The steps inside a real Jenkins (the -Pjenkins build): Pipelines that write a template into an agent's workspace,
 * then validate, format and build it there.
 */
@WithJenkins
class PackerStepsJenkinsTest {

    private static final String VALID = """
            variable "greeting" {
              type    = string
              default = "hello"
            }

            source "file" "greeting" {
              content = var.greeting
              target  = "greeting.txt"
            }

            build {
              sources = ["source.file.greeting"]
            }
            """;

    private JenkinsRule j;
    private hudson.slaves.DumbSlave agent;

    @BeforeEach
    void agent(JenkinsRule j) throws Exception {
        this.j = j;
        // The steps must do their work on the agent that holds the workspace.
        agent = j.createOnlineSlave(Label.get("agent"));
    }

    @Test
    void anAgentThatComesOnlineWarmsTheEngineUp() throws Exception {
        String log = "";
        for (int i = 0; i < 300 && !log.contains("Packer Steps: warming up the Packer engine"); i++) {
            Thread.sleep(100);
            log = agent.toComputer().getLog();
        }
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("Packer Steps: warming up the Packer engine"), log);
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p" + j.jenkins.getItems().size());
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, p.scheduleBuild2(0));
    }

    private static String writeTemplate(String name, String text) {
        return "writeFile file: '" + name + "', text: '''" + text + "'''\n";
    }

    @Test
    void validTemplateValidatesOnTheAgentAndReturnsItsWarnings() throws Exception {
        WorkflowRun b = run("node('agent') {\n" + writeTemplate("t.pkr.hcl", VALID)
                + "writeFile file: 'extra.pkrvars.hcl', text: 'undeclared = \"x\"\\n'\n"
                + "def w = packerValidate template: 't.pkr.hcl', varFiles: ['extra.pkrvars.hcl'],"
                + " vars: [greeting: 'hi']\n"
                + "echo \"warnings=${w.size()} first=${w[0].summary}\"\n}", Result.SUCCESS);
        j.assertLogContains("The configuration is valid.", b);
        j.assertLogContains("warnings=1 first=Undefined variable", b);
    }

    @Test
    void invalidTemplateFailsTheStepWithEveryDiagnostic() throws Exception {
        WorkflowRun b = run("node('agent') {\n" + writeTemplate("bad.pkr.hcl", """
                source "null" "a" {
                  communicator = "none"
                  bogus        = 1
                }

                build {
                  sources = ["source.null.a"]
                }
                """) + "packerValidate 'bad.pkr.hcl'\n}", Result.FAILURE);
        j.assertLogContains("bad.pkr.hcl is not valid:", b);
        j.assertLogContains("on bad.pkr.hcl line 3", b);
        j.assertLogContains("An argument named \"bogus\" is not expected here.", b);
    }

    @Test
    void templateOutsideTheWorkspaceIsRefused() throws Exception {
        WorkflowRun b = run("node('agent') { packerValidate template: '../../secrets.pkr.hcl' }", Result.FAILURE);
        j.assertLogContains("template must stay inside the workspace", b);
    }

    @Test
    void fmtCheckFailsListingTheFilesThenFmtRewritesThem() throws Exception {
        String unformatted = "source \"null\" \"a\" {\ncommunicator=\"none\"\n}\n";
        WorkflowRun checked = run("node('agent') {\n" + writeTemplate("packer/a.pkr.hcl", unformatted)
                + "packerFmt path: 'packer', check: true\n}", Result.FAILURE);
        j.assertLogContains("1 file is not in canonical format", checked);
        j.assertLogContains("packer/a.pkr.hcl", checked);

        WorkflowRun rewritten = run("node('agent') {\n" + writeTemplate("packer/a.pkr.hcl", unformatted)
                + "def files = packerFmt path: 'packer'\n"
                + "echo \"rewrote=${files}\"\n"
                + "packerFmt path: 'packer', check: true\n}", Result.SUCCESS);
        j.assertLogContains("rewrote=[packer/a.pkr.hcl]", rewritten);
        j.assertLogContains("All Packer files under packer are in canonical format.", rewritten);
    }

    private static final String BUILD = """
            variable "greeting" {
              type = string
            }

            source "null" "one" {
              communicator = "none"
            }

            build {
              name    = "demo"
              sources = ["source.null.one"]

              provisioner "shell-local" {
                inline = ["echo ${var.greeting} from the agent"]
              }

              post-processor "manifest" {
                output = "out/packer-manifest.json"
              }
            }
            """;

    @Test
    void buildRunsOnTheAgentReturnsItsResultAndArchivesTheManifest() throws Exception {
        WorkflowRun b = run("node('agent') {\n" + writeTemplate("b.pkr.hcl", BUILD)
                + "def r = packerBuild template: 'b.pkr.hcl', vars: [greeting: 'hi']\n"
                + "echo \"status=${r.builds['demo.null.one'].status} manifest=${r.manifests[0]}"
                + " archived=${r.archived}\"\n}", Result.SUCCESS);
        j.assertLogContains("    demo.null.one: hi from the agent", b);
        j.assertLogContains("==> Builds finished. The artifacts of successful builds are:", b);
        j.assertLogContains("status=succeeded manifest=out/packer-manifest.json archived=[out/packer-manifest.json]",
                b);
        org.junit.jupiter.api.Assertions.assertTrue(
                b.getArtifactManager().root().child("out/packer-manifest.json").isFile());
    }

    @Test
    void freestyleBuilderBuildsOnTheAgentAndArchivesTheManifest() throws Exception {
        hudson.model.FreeStyleProject p = j.createFreeStyleProject();
        p.setAssignedLabel(Label.get("agent"));
        p.getBuildersList().add(new org.jvnet.hudson.test.TestBuilder() {
            @Override
            public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher,
                                   hudson.model.BuildListener listener) throws InterruptedException,
                    java.io.IOException {
                build.getWorkspace().child("b.pkr.hcl").write(BUILD, "UTF-8");
                return true;
            }
        });
        PackerBuildBuilder builder = new PackerBuildBuilder("b.pkr.hcl");
        builder.setVariables("greeting=hi");
        p.getBuildersList().add(builder);
        hudson.model.FreeStyleBuild b = j.buildAndAssertSuccess(p);
        j.assertLogContains("    demo.null.one: hi from the agent", b);
        org.junit.jupiter.api.Assertions.assertTrue(
                b.getArtifactManager().root().child("out/packer-manifest.json").isFile());
        j.assertEqualDataBoundBeans(builder, j.configRoundtrip(builder));
    }

    @Test
    void abortingABuildRunsItsCleanupsBeforeTheStepEnds() throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition("node('agent') {\n" + writeTemplate("long.pkr.hcl", """
                source "null" "long" {
                  communicator = "none"
                }

                build {
                  sources = ["source.null.long"]

                  provisioner "shell-local" {
                    inline = ["echo started", "sleep 600"]
                  }
                }
                """) + "packerBuild 'long.pkr.hcl'\n}", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("null.long: started", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("Cleanly cancelled builds after being interrupted.", b);
    }

    @Test
    void awsCredentialsReachTheBuildMaskedAndLaterStepsSeeNothingElse() throws Exception {
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance().getCredentials().add(
                new com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL, "aws-prod", "AKIAJENKINSTEST00001",
                        "jenkins-test-secret-key", "test keys"));
        WorkflowRun b = run("node('agent') {\n" + writeTemplate("k.pkr.hcl", """
                source "null" "k" {
                  communicator = "none"
                }

                build {
                  sources = ["source.null.k"]

                  provisioner "shell-local" {
                    inline = ["echo key=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY"]
                  }
                }
                """) + "packerBuild template: 'k.pkr.hcl', credentialsId: 'aws-prod'\n}", Result.SUCCESS);
        j.assertLogContains("null.k: key=AKIAJENKINSTEST00001 secret=<sensitive>", b);
        j.assertLogNotContains("jenkins-test-secret-key", b);
    }

    @Test
    void stepsRoundTripThroughTheirForms() throws Exception {
        PackerValidateStep validate = new PackerValidateStep("packer/aws.pkr.hcl");
        validate.setOnly("amazon-ebs.*");
        validate.setSyntaxOnly(true);
        validate.setVarFiles(List.of("prod.pkrvars.hcl"));
        validate.setVars(Map.of("region", "eu-west-1"));
        PackerValidateStep back = new StepConfigTester(j).configRoundTrip(validate);
        // The form edits the text fields; vars and varFiles are Pipeline-only and do not survive the form.
        PackerValidateStep expected = new PackerValidateStep("packer/aws.pkr.hcl");
        expected.setOnly("amazon-ebs.*");
        expected.setSyntaxOnly(true);
        j.assertEqualDataBoundBeans(expected, back);

        PackerBuildStep build = new PackerBuildStep("packer/");
        build.setOnly("amazon-ebs.*");
        build.setOnError("abort");
        build.setParallelBuilds(2);
        build.setForce(true);
        build.setTimestampUi(true);
        build.setArchive(false);
        j.assertEqualDataBoundBeans(build, new StepConfigTester(j).configRoundTrip(build));

        PackerFmtStep fmt = new PackerFmtStep();
        fmt.setPath("packer");
        fmt.setCheck(true);
        fmt.setRecursive(true);
        j.assertEqualDataBoundBeans(fmt, new StepConfigTester(j).configRoundTrip(fmt));
    }
}
