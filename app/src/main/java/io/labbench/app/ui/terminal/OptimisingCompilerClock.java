package io.labbench.app.ui.terminal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of this JVM's optimising-compiler threads ("C2 CompilerThreadN"), read from {@code /proc/self/task}:
 * it stops growing when the compiler has nothing queued. The JVM's own compilation-time figure grows only when a
 * compilation ends, so a long one in progress looks like an idle compiler there.
 */
final class OptimisingCompilerClock {

    private static final Path TASKS = Path.of("/proc/self/task");

    private OptimisingCompilerClock() {
    }

    /**
     * User and system clock ticks of the C2 compiler threads summed, or 0 where {@code /proc} is not there (then the
     * compiler always looks idle).
     */
    static long ticks() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ticks += compilerTicks(task);
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or a format this does not know: the warm-up goes by its own speed alone.
            return 0;
        }
        return ticks;
    }

    /** How many of this JVM's threads are C2 compiler threads by their name (0 where there is no {@code /proc}). */
    static int threads() {
        int threads = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                threads += isCompiler(task) ? 1 : 0;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return threads;
    }

    private static boolean isCompiler(Path task) {
        try {
            return Files.readString(task.resolve("comm")).startsWith("C2 Compiler");
        } catch (IOException e) {
            return false;
        }
    }

    /** The task's utime + stime if it is a C2 compiler thread, else 0; a task that has ended counts 0. */
    private static long compilerTicks(Path task) {
        if (!isCompiler(task)) {
            return 0;
        }
        try {
            String stat = Files.readString(task.resolve("stat"));
            // After "pid (comm) ": state is field 3, utime and stime fields 14 and 15 (proc(5)).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }
}
