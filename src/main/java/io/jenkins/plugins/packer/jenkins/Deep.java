package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.packer.run.DeepStack;
import java.io.IOException;
import java.util.concurrent.Callable;

/** The steps' agent-side work on a deep stack ({@link DeepStack}): a template nested too deeply fails the step. */
final class Deep {

    private Deep() {
    }

    static <T> T call(Callable<T> task) throws IOException {
        try {
            return DeepStack.call(task);
        } catch (DeepStack.TooDeep e) {
            throw new AbortException("Error: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
