package io.labbench.app.ui.startup;

/**
 * Start-up phases on standard error, in milliseconds since the JVM started, when the JVM runs with
 * {@code -Dlabbench.startupTrace=true}: says where the time before the first frame goes without a
 * profiler (a profiler's own start-up cost blurs phases of a few tens of milliseconds).
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("labbench.startupTrace");

    private StartupTrace() {
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.println("startup " + StartupProbe.millisSinceJvmStart() + " ms " + Thread.currentThread().getName() + ": " + phase);
        }
    }
}
