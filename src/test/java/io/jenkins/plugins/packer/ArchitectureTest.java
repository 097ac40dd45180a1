package io.jenkins.plugins.packer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.packer.architecture.EngineClassUsingJenkins;
import org.junit.jupiter.api.Test;

/**
 * The parts of the one source tree and what each may use (docs: DESIGN, "Layout"): the engine and the command line
 * never reach a Jenkins type, so they run outside Jenkins and the plugin stays a thin adapter; the engine knows
 * neither the command line nor the Jenkins integration.
 */
class ArchitectureTest {

    private static final String ROOT = "io.jenkins.plugins.packer";
    private static final String JENKINS_INTEGRATION = ROOT + ".jenkins..";
    private static final String CLI = ROOT + ".cli..";
    /** Jenkins core and its plugins, Stapler and remoting: the packages of the stand-in and of the real Jenkins. */
    private static final String[] JENKINS_TYPES =
            {"hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule ENGINE_WITHOUT_JENKINS = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackages(JENKINS_INTEGRATION, CLI)
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_TYPES)
            .because("the engine runs in pkrj and on agents without Jenkins classes");

    static final ArchRule CLI_WITHOUT_JENKINS = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_TYPES)
            .orShould().dependOnClassesThat().resideInAPackage(JENKINS_INTEGRATION)
            .because("pkrj.jar ships without Jenkins");

    static final ArchRule ENGINE_WITHOUT_FRONT_ENDS = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackages(JENKINS_INTEGRATION, CLI)
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_INTEGRATION, CLI, "picocli..")
            .because("the command line and the plugin are front ends over the engine, not parts of it");

    static final ArchRule PLUGIN_WITHOUT_CLI = noClasses()
            .that().resideInAPackage(JENKINS_INTEGRATION)
            .should().dependOnClassesThat().resideInAnyPackage(CLI, "picocli..")
            .because("the .hpi leaves the command line out");

    @Test
    void theEngineUsesNoJenkinsType() {
        ENGINE_WITHOUT_JENKINS.check(MAIN);
    }

    @Test
    void theCommandLineUsesNoJenkinsType() {
        CLI_WITHOUT_JENKINS.check(MAIN);
    }

    @Test
    void theEngineKnowsNeitherFrontEnd() {
        ENGINE_WITHOUT_FRONT_ENDS.check(MAIN);
    }

    @Test
    void thePluginDoesNotUseTheCommandLine() {
        PLUGIN_WITHOUT_CLI.check(MAIN);
    }

    @Test
    void theRulesSeeEveryPart() {
        assertThat(MAIN.containPackage(ROOT + ".hcl")).isTrue();
        assertThat(MAIN.containPackage(ROOT + ".builder.amazon.ebs")).isTrue();
        assertThat(MAIN.containPackage(ROOT + ".cli")).isTrue();
        assertThat(MAIN.containPackage(ROOT + ".jenkins")).isTrue();
    }

    @Test
    void anEngineClassThatUsesAJenkinsTypeBreaksTheRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(EngineClassUsingJenkins.class);

        assertThatThrownBy(() -> ENGINE_WITHOUT_JENKINS.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(EngineClassUsingJenkins.class.getName())
                .hasMessageContaining("hudson.model.TaskListener");
    }
}
