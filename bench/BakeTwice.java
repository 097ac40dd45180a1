import io.jenkins.plugins.packer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Two `build`s of the template in the folder given, one after the other in this JVM: the first pays for loading and
 * initialising the engine, the AWS SDK and the SSH library, the second does not. Prints both times and their ratio.
 * With a second argument, `warmed`, the JVM first runs what the plugin runs on an agent that comes online
 * (io.jenkins.plugins.packer.jenkins.AgentWarmUp, which needs the plugin's classes on the class path), and prints its
 * time too: the two builds are then an agent's first and second packerBuild after its warm-up.
 */
public final class BakeTwice {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean warmed = args.length > 1 && args[1].equals("warmed");
        String label = warmed ? "one JVM, warmed up" : "one JVM";
        if (warmed) {
            long start = System.nanoTime();
            int code = io.jenkins.plugins.packer.jenkins.AgentWarmUp.run();
            if (code != 0) {
                throw new IllegalStateException("the warm-up failed with exit code " + code);
            }
            System.out.printf("%-36s %7d ms%n", label + ": the warm-up", (System.nanoTime() - start) / 1_000_000);
        }
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
        System.out.printf("%-36s %7d ms%n", label + ": first bake", ms[0]);
        System.out.printf("%-36s %7d ms%n", label + ": second bake", ms[1]);
        System.out.printf("%-36s %7.2fx%n", label + ": first / second", (double) ms[0] / ms[1]);
    }
}
