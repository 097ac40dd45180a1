package io.jenkins.plugins.packer.provisioner.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The puppet-masterless provisioner against a real sshd whose machine (this one) has Debian's puppet 7: modules,
 * facts and hiera data reaching the catalog, exit status 2 as success, a failing catalog, ignored exit codes, a
 * cancellation and secrets. Commands run without sudo ({@code prevent_sudo}): the test machine has none.
 */
class PuppetMasterlessProvisionerTest {

    @TempDir
    static Path shared;

    static OpenSshServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        AnsibleTestBed.assumeInstalled("puppet");
        server = OpenSshServer.prepare(shared.resolve("sshd")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String template(String provisioner) {
        return AnsibleTestBed.keySource(server, "") + AnsibleTestBed.buildBlock(provisioner);
    }

    @Test
    void modulesFactsAndHieraReachTheCatalogAndChangesCountAsSuccess() throws Exception {
        Path out = work.resolve("made.txt");
        Files.createDirectories(work.resolve("modules/greet/manifests"));
        Files.writeString(work.resolve("modules/greet/manifests/init.pp"), """
                class greet(String $greeting = lookup('greeting')) {
                  file { '%s':
                    content => "${greeting}, ${facts['role']} on ${facts['packer_builder_type']}\\n",
                  }
                }
                """.formatted(out));
        Files.writeString(work.resolve("site.pp"), "include greet\n");
        Path staging = work.resolve("staging");
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("data/common.yaml"), "greeting: hello from hiera\n");
        Files.writeString(work.resolve("hiera.yaml"), """
                ---
                version: 5
                defaults:
                  datadir: %s
                  data_hash: yaml_data
                hierarchy:
                  - name: common
                    path: common.yaml
                """.formatted(work.resolve("data")));
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, template("""
                  provisioner "puppet-masterless" {
                    manifest_file           = "site.pp"
                    module_paths            = ["modules"]
                    hiera_config_path       = "hiera.yaml"
                    facter                  = { role = "web" }
                    prevent_sudo            = true
                    staging_directory       = "%s"
                    clean_staging_directory = true
                  }
                """.formatted(staging)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(out).hasContent("hello from hiera, web on null");
        assertThat(b.output()).contains("""
                ==> null.s: Provisioning with Puppet...
                    null.s: Creating Puppet staging directory...
                    null.s: Creating directory: %1$s
                    null.s: Uploading hiera configuration...
                    null.s: Uploading local modules from: modules
                    null.s: Creating directory: %1$s/module-0
                    null.s: Uploading manifests...
                    null.s: Creating directory: %1$s/manifests
                    null.s: Uploading manifest file from: site.pp
                    null.s: Running Puppet: cd %1$s && FACTER_packer_build_name='s' FACTER_packer_builder_type='null' \
                FACTER_role='web' puppet apply --detailed-exitcodes --modulepath='%1$s/module-0' \
                --hiera_config='%1$s/hiera.yaml' %1$s/manifests/site.pp
                """.formatted(staging)).contains("Notice: Applied catalog in ");
        assertThat(staging).doesNotExist();
    }

    @Test
    void aFailingCatalogFailsUnlessExitCodesAreIgnored() throws Exception {
        Files.writeString(work.resolve("fail.pp"), "fail('the catalog says no')\n");
        AnsibleTestBed.Built failed = AnsibleTestBed.build(work, template("""
                  provisioner "puppet-masterless" {
                    manifest_file = "fail.pp"
                    prevent_sudo  = true
                  }
                """));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("the catalog says no")
                .contains("--> null.s: Puppet exited with a non-zero exit status: 1\n");
        AnsibleTestBed.Built ignored = AnsibleTestBed.build(work, template("""
                  provisioner "puppet-masterless" {
                    manifest_file     = "fail.pp"
                    prevent_sudo      = true
                    ignore_exit_codes = true
                  }
                """));
        assertThat(ignored.result().exitCode()).as(ignored.output()).isZero();
    }

    @Test
    void cancellingStopsPuppetOnTheMachine() throws Exception {
        // OpenSSH delivers the "signal" to the session's processes when the login is not root.
        AnsibleTestBed.assumePasswordUser();
        String unique = "6" + (System.nanoTime() % 100000) + ".5";
        Files.writeString(work.resolve("sleep.pp"), "exec { 'wait': command => '/bin/sleep %s' }\n".formatted(unique));
        String source = AnsibleTestBed.passwordSource(server.port);
        Cancellation cancellation = new Cancellation();
        CollectedOutput out = new CollectedOutput();
        AnsibleTestBed.Built[] built = new AnsibleTestBed.Built[1];
        Path staging = work.resolve("staging-cancel");
        Thread t = new Thread(() -> built[0] = AnsibleTestBed.build(work, source + AnsibleTestBed.buildBlock("""
                  provisioner "puppet-masterless" {
                    manifest_file     = "sleep.pp"
                    prevent_sudo      = true
                    staging_directory = "%s"
                  }
                """.formatted(staging)), Map.of(), cancellation, out));
        work.toFile().setWritable(true, false);
        work.toFile().setExecutable(true, false);
        t.start();
        boolean sleeping = false;
        for (int i = 0; i < 600 && !sleeping; i++) {
            sleeping = AnsibleTestBed.pgrep("^/bin/sleep " + unique + "$") == 0;
            Thread.sleep(100);
        }
        assertThat(sleeping).as(out.text()).isTrue();
        cancellation.cancel();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(built[0].result().cancelled()).isTrue();
        int status = 0;
        for (int i = 0; i < 100 && status != 1; i++) {
            status = AnsibleTestBed.pgrep("^/bin/sleep " + unique + "$");
            Thread.sleep(100);
        }
        assertThat(status).as("pgrep of the remote sleep (1: none)").isEqualTo(1);
    }

    @Test
    void secretFactsAreMasked() throws Exception {
        Files.writeString(work.resolve("show.pp"), "notice(\"token is ${facts['token']}\")\n");
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, """
                variable "token" {
                  type      = string
                  default   = "pupp3t-Secret-4410"
                  sensitive = true
                }
                """ + template("""
                  provisioner "puppet-masterless" {
                    manifest_file = "show.pp"
                    prevent_sudo  = true
                    facter        = { token = var.token }
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).doesNotContain("pupp3t-Secret-4410").contains("FACTER_token='<sensitive>'")
                .contains("token is <sensitive>");
    }

    @Test
    void prepareChecksTheFilesAndFolders() throws Exception {
        Files.writeString(work.resolve("not-a-dir"), "");
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, template("""
                  provisioner "puppet-masterless" {
                    manifest_file     = "missing.pp"
                    module_paths      = ["not-a-dir", "gone"]
                    hiera_config_path = "."
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("hiera_config_path must point to a file")
                .contains("manifest_file is invalid: stat missing.pp: no such file or directory")
                .contains("module_path[0] must point to a directory")
                .contains("module_path[1] is invalid: stat gone: no such file or directory");
    }
}
