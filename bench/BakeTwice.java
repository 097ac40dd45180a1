import io.jenkins.plugins.packer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Two `build`s of the template in the folder given, one after the other in this JVM: the first pays for loading and
 * initialising the engine, the AWS SDK and the SSH library, the second does not. Prints both times and their ratio.
 */
public final class BakeTwice {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long[] ms = new long[2];
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int code = Main.run(new Main.Io(InputStream.nullInputStream(), new PrintStream(out, true,
                    StandardCharsets.UTF_8), System.getenv(), dir), "build", "-color=false", "t.pkr.hcl");
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            if (code != 0) {
                System.err.println(out.toString(StandardCharsets.UTF_8));
                throw new IllegalStateException("build " + (i + 1) + " failed with exit code " + code);
            }
        }
        System.out.printf("%-36s %7d ms%n", "one JVM: first bake (cold)", ms[0]);
        System.out.printf("%-36s %7d ms%n", "one JVM: second bake (warm)", ms[1]);
        System.out.printf("%-36s %7.2fx%n", "first / second", (double) ms[0] / ms[1]);
    }
}
