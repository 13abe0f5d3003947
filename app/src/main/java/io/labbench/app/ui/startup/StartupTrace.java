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
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                long millis = info == null ? 0 : threads.getThreadCpuTime(info.getThreadId()) / 1_000_000;
                if (millis >= 10) {
                    System.err.println("startup cpu " + phase + ": thread " + info.getThreadName() + " " + millis + " ms");
                }
            }
        }
    }

    /** How many nodes the first CSS pass and layout went through, and of which kinds (most first). */
    public static void nodes(javafx.scene.Scene scene) {
        if (!ON) {
            return;
        }
        java.util.Map<String, Integer> kinds = new java.util.HashMap<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(java.util.List.of(scene.getRoot()));
        int total = 0;
        while (!todo.isEmpty()) {
            javafx.scene.Node node = todo.pop();
            total++;
            kinds.merge(node.getClass().getSimpleName() + " " + node.getStyleClass(), 1, Integer::sum);
            if (node instanceof javafx.scene.Parent parent) {
                todo.addAll(parent.getChildrenUnmodifiable());
            }
        }
        StringBuilder line = new StringBuilder("startup nodes " + total + ":");
        kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(kind -> line.append(' ').append(kind.getValue()).append(' ').append(kind.getKey()).append(';'));
        System.err.println(line);
    }
}
