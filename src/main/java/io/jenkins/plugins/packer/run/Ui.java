package io.jenkins.plugins.packer.run;

/**
 * What a build and its components print through, as Packer's {@code packersdk.Ui}: {@code say} for a step's news
 * ({@code ==> NAME: msg}), {@code message} for output ({@code     NAME: msg}), {@code error} for problems and remote
 * standard error. Every line passes the run's secret masker.
 */
public interface Ui {

    void say(String message);

    void message(String message);

    void error(String message);

    /**
     * Prints {@code query} and reads a line of the user's answer; fails when the run cannot ask (machine-readable
     * output or no input).
     */
    String ask(String query) throws UiException;

    /** A question that could not be asked. */
    final class UiException extends Exception {
        private static final long serialVersionUID = 1L;

        public UiException(String message) {
            super(message);
        }
    }
}
