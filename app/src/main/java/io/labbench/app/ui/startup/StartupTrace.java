package io.labbench.app.ui.startup;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
        osThreads(phase);
    }

    /**
     * The JVM's own threads (JIT compilers, GC, VM thread) are not Java threads and threads that already ended
     * are gone from the MXBean: on Linux, /proc lists every thread still alive with its CPU (10 ms ticks).
     */
    private static void osThreads(String phase) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byName.merge(name, ticks * 10, Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while we read
                }
            }
        } catch (IOException unreadable) {
            return;
        }
        StringBuilder line = new StringBuilder("startup cpu " + phase + ": os threads");
        byName.forEach((name, millis) -> {
            if (millis >= LISTED_THREAD_MILLIS) {
                line.append(' ').append(name).append('=').append(millis);
            }
        });
        System.err.println(line);
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
