package io.labbench.locallab;

/** Progress of {@code up}/{@code down} for the app's progress bar and the command line. */
@FunctionalInterface
public interface LocalLabProgress {

    /** @param done steps finished, out of {@code total}; {@code message} says what runs now */
    void step(int done, int total, String message);

    static LocalLabProgress none() {
        return (done, total, message) -> { };
    }
}
