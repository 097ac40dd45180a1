package io.jenkins.plugins.packer.bench;

import io.jenkins.plugins.packer.hcl.fmt.Formatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code packer fmt}'s formatter over every HCL file of the shared corpus, held in memory. Each operation formats the
 * next file in turn, so the throughput JMH reports is files per second over the corpus's real mix of sizes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FmtCorpusBenchmark {

    private List<byte[]> files;
    private int next;

    @Setup
    public void readCorpus() throws IOException {
        Path corpus = Path.of(System.getProperty("corpus.dir", "../shared/corpus")).toAbsolutePath().normalize();
        files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".hcl"))
                    .filter(p -> !p.startsWith(corpus.resolve("oracle-output"))
                            && !p.startsWith(corpus.resolve("fmt-expected")))
                    .sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                files.add(b);
                bytes += b.length;
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no HCL files under " + corpus + "; set -Dcorpus.dir");
        }
        System.err.printf("fmt corpus: %d files, %d bytes, from %s%n", files.size(), bytes, corpus);
    }

    @Benchmark
    public byte[] formatNextFile() {
        byte[] src = files.get(next);
        next = next + 1 == files.size() ? 0 : next + 1;
        return Formatter.format(src);
    }
}
