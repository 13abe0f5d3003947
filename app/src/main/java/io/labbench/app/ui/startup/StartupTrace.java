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

    /**
     * CPU milliseconds so far of this thread and of the whole process. On a loaded machine these vary far
     * less than wall-clock figures, so a change's effect shows in fewer runs.
     */
    public static void cpu(String phase) {
        if (ON) {
            long thread = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            long process = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            System.err.println("startup cpu " + phase + ": " + Thread.currentThread().getName() + " " + thread
                    + " ms, process " + process + " ms");
        }
    }
}
