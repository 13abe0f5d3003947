package io.labbench.sessions.bench;

import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.testing.Benchmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code cat} of a 20 MB text file through the SSH terminal connector (a JSch shell channel with a
 * pty on the shared connection, read as the terminal widget reads it, transcript recording on),
 * against the OpenSSH client on the same server in the same run: {@code ssh -tt} typing the same cat into
 * the server's shell (the same pty path; the goal's reference, ours / OpenSSH ≥ 0.5) and
 * {@code ssh -p PORT 127.0.0.1 cat FILE > /dev/null} (exec channel, no pty). The server is Debian's sshd
 * when it can run here ({@link io.labbench.sessions.testing.OpenSshServer}), else the in-JVM MINA server,
 * whose pty path caps every client at a few MB/s. Untimed warm-up rounds come first, and
 * {@code ./run-benchmarks} runs it with {@code app/jvm.options} (its JIT thresholds, e.g. how soon SSH's AES-GCM is
 * compiled), as the app, whose panes read through this connector, runs.
 */
public final class SshCatThroughputBenchmark {

    private static final int FILE_BYTES = 20 * 1024 * 1024;

    /** {@code [rounds] [warm-up rounds]}: measured rounds (3 by default) after untimed ones (1 by default). */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (BenchBed bed = BenchBed.preferringOpenSsh()) {
            System.out.println("server: " + bed.serverName() + "; load " + Files.readString(Path.of("/proc/loadavg")).strip());
            Path file = bed.dir().resolve("twenty-mb.txt");
            Benchmarks.writeBase64Lines(file, FILE_BYTES);
            Path script = bed.dir().resolve("shell-input.txt");
            Files.writeString(script, "stty -echo; cat " + file + "; exit\n");
            bed.timeOpenSsh("cat " + file);
            bed.timeOpenSshShell(script);
            long[] ours = new long[rounds];
            long[] openssh = new long[rounds];
            long[] opensshPty = new long[rounds];
            long[] exec = new long[rounds];
            TerminalSession terminal = bed.hub().openTerminal(BenchBed.NODE, 120, 40);
            MarkerReader reader = new MarkerReader(terminal);
            // Typed at once: the session holds it until the shell has printed its prompt (TerminalSession).
            terminal.write("stty -echo; echo warm-$((1+1))\r");
            reader.awaitMarker("warm-2");
            // Untimed cats first, as SshCatIntoTerminalBenchmark does: the measured rounds compare steady states, not
            // the JIT compiling the transcript, the pipe and the cipher during the first 20 MB (a third of the speed).
            for (int warmUp = 0; warmUp < warmUps; warmUp++) {
                long before = reader.chars;
                long started = System.nanoTime();
                terminal.write("cat " + file + "; echo warm-$((" + warmUp + "+3000))\r");
                reader.awaitMarker("warm-" + (warmUp + 3000));
                System.out.printf(Locale.ROOT, "warm-up round %d: %.1f MB/s (%d chars)%n", warmUp + 1,
                        FILE_BYTES / 1e6 / ((System.nanoTime() - started) / 1e9), reader.chars - before);
            }
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                long before = reader.chars;
                terminal.write("cat " + file + "; echo done-$((" + round + "+1000))\r");
                reader.awaitMarker("done-" + (round + 1000));
                ours[round] = System.nanoTime() - started;
                if (reader.chars - before < FILE_BYTES) {
                    throw new IllegalStateException("only " + (reader.chars - before) + " chars arrived");
                }
                openssh[round] = bed.timeOpenSsh("cat " + file);
                opensshPty[round] = bed.timeOpenSshShell(script);
                long execStarted = System.nanoTime();
                int execBytes = bed.hub().runner(BenchBed.NODE).orElseThrow().run("cat " + file, java.time.Duration.ofMinutes(2)).stdout().length();
                exec[round] = System.nanoTime() - execStarted;
                if (execBytes != FILE_BYTES) {
                    throw new IllegalStateException("exec returned " + execBytes + " bytes");
                }
            }
            terminal.close();
            double oursMbps = FILE_BYTES / 1e6 / (Benchmarks.median(ours) / 1e9);
            double opensshMbps = FILE_BYTES / 1e6 / (Benchmarks.median(openssh) / 1e9);
            double ptyMbps = FILE_BYTES / 1e6 / (Benchmarks.median(opensshPty) / 1e9);
            System.out.printf("cat 20 MB over SSH from %s, median of %d: LabBench terminal connector %.1f MB/s (%.0f ms),"
                    + " OpenSSH ssh -tt (the same pty path) %.1f MB/s, ratio %.2f (goal >= 0.5); OpenSSH ssh cat (exec, no pty)"
                    + " %.1f MB/s, ratio %.2f%n", bed.serverName(), rounds, oursMbps, Benchmarks.median(ours) / 1e6, ptyMbps,
                    oursMbps / ptyMbps, opensshMbps, oursMbps / opensshMbps);
            // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
            String server = bed.mina.isPresent() ? "MINA server" : "sshd";
            System.out.printf(Locale.ROOT, "BENCH\tcat 20 MB over SSH, terminal connector (ref: OpenSSH ssh -tt, same %s)\t%.1f\tMB/s\t%.1f\t>=0.5x%n",
                    server, oursMbps, ptyMbps);
            System.out.printf(Locale.ROOT, "BENCH\tcat 20 MB over SSH, terminal connector (ref: OpenSSH ssh cat, exec, same %s)\t%.1f\tMB/s\t%.1f\t>=0.5x%n",
                    server, oursMbps, opensshMbps);
            double execMbps = FILE_BYTES / 1e6 / (Benchmarks.median(exec) / 1e9);
            System.out.printf("for comparison, the same cat through the shared connection's exec channel (no pty): %.1f MB/s,"
                    + " ratio to OpenSSH %.2f%n", execMbps, execMbps / opensshMbps);
        }
    }

    /**
     * Reads like the widget's reader thread, keeping only a count and the last {@link #TAIL} characters of the
     * whole output to spot markers. (It once kept the last 64 characters of each read: with a stock ~/.bashrc the
     * marker's line, the bracketed-paste switch and the coloured prompt with its title came to 71 characters in
     * one read, the marker fell before the kept part, and the benchmark waited for it for ever.)
     */
    private static final class MarkerReader {
        private static final int TAIL = 4096;
        private final StringBuilder tail = new StringBuilder();
        private volatile long chars;
        private final TerminalSession terminal;

        MarkerReader(TerminalSession terminal) {
            this.terminal = terminal;
        }

        void awaitMarker(String marker) throws IOException {
            char[] buffer = new char[32768];
            while (true) {
                int n = terminal.read(buffer, 0, buffer.length);
                if (n < 0) {
                    throw new IOException("terminal ended before " + marker);
                }
                chars += n;
                int kept = Math.min(n, TAIL);
                tail.append(buffer, n - kept, kept);
                if (tail.length() > 2 * TAIL) {
                    tail.delete(0, tail.length() - TAIL);
                }
                int at = tail.indexOf(marker);
                if (at >= 0) {
                    tail.delete(0, at + marker.length());
                    return;
                }
            }
        }
    }
}
