package io.jenkins.plugins.packer.bench;

import io.jenkins.plugins.packer.communicator.ssh.SshCommunicator;
import io.jenkins.plugins.packer.communicator.ssh.SshSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The upload of the file provisioner in a warm JVM, as a Jenkins agent runs it: one SSH connection, then the same
 * file uploaded again and again (scp or sftp); prints the median milliseconds of the measured uploads.
 *
 * <p>Arguments: host port user keyFile localFile remotePath scp|sftp warmups runs
 */
public final class SshUploadBench {

    private SshUploadBench() {
    }

    public static void main(String[] args) throws Exception {
        SshSettings s = new SshSettings(args[0], Integer.parseInt(args[1]), args[2], "", args[3],
                Duration.ofMinutes(1), 1, false, Duration.ofSeconds(5), args[6].equals("sftp"), Duration.ZERO, null);
        Path local = Path.of(args[4]);
        long size = Files.size(local);
        int warmups = Integer.parseInt(args[7]);
        int runs = Integer.parseInt(args[8]);
        long[] ms = new long[runs];
        try (SshCommunicator comm = SshCommunicator.connect(s, Duration.ofMinutes(1), Path.of("."))) {
            for (int i = 0; i < warmups + runs; i++) {
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(local)) {
                    comm.upload(args[5], in, size, 0644);
                }
                if (i >= warmups) {
                    ms[i - warmups] = (System.nanoTime() - start) / 1_000_000;
                }
            }
        }
        Arrays.sort(ms);
        System.out.println(ms[runs / 2]);
    }
}
