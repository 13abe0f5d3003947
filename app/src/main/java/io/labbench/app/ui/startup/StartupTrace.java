package io.labbench.app.ui.startup;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Start-up phases on standard error, in milliseconds since the JVM started, when the JVM runs with
 * {@code -Dlabbench.startupTrace=true}: says where the time before the first frame goes without a
 * profiler (a profiler's own start-up cost blurs phases of a few tens of milliseconds).
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("labbench.startupTrace");
    /** Threads that used less CPU than this are left out of {@link #cpu}'s list. */
    private static final long LISTED_THREAD_MILLIS = 10;

    private StartupTrace() {
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.println("startup " + StartupProbe.millisSinceJvmStart() + " ms " + Thread.currentThread().getName() + ": " + phase);
        }
    }

    /**
     * CPU milliseconds so far of this thread, of the whole process and of each busy thread. On a loaded
     * machine these vary far less than wall-clock figures, so a change's effect shows in fewer runs.
     */
    public static void cpu(String phase) {
        if (!ON) {
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long process = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.err.println("startup cpu " + phase + ": " + Thread.currentThread().getName() + " "
                + threads.getCurrentThreadCpuTime() / 1_000_000 + " ms, process " + process / 1_000_000 + " ms");
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long millis = info == null ? 0 : threads.getThreadCpuTime(info.getThreadId()) / 1_000_000;
            if (millis >= LISTED_THREAD_MILLIS) {
                System.err.println("startup cpu " + phase + ": thread " + info.getThreadName() + " " + millis + " ms");
            }
        }
    }

    /** How many nodes the first CSS pass and layout went through, and of which kinds (most first). */
    public static void nodes(Scene scene) {
        if (!ON) {
            return;
        }
        Map<String, Integer> kinds = new HashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(scene.getRoot());
        int total = 0;
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            total++;
            kinds.merge(node.getClass().getSimpleName() + " " + node.getStyleClass(), 1, Integer::sum);
            if (node instanceof Parent parent) {
                todo.addAll(parent.getChildrenUnmodifiable());
            }
        }
        StringBuilder line = new StringBuilder("startup nodes " + total + ":");
        kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(kind -> line.append(' ').append(kind.getValue()).append(' ').append(kind.getKey()).append(';'));
        System.err.println(line);
    }
}
