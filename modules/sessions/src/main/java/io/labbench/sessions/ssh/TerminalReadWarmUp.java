package io.labbench.sessions.ssh;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.ConnectionStatus;
import io.labbench.sessions.Subscription;
import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellEnd;
import io.labbench.sessions.terminal.ShellOpener;
import io.labbench.sessions.transcript.TranscriptRecorder;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs what a terminal pane's output goes through before it reaches the emulator, over made-up shell output,
 * so that the learner's first flood of output (the first {@code cat} of a big file) meets compiled code:
 * AES-GCM decryption of SSH-sized packets as JSch does it (the JDK's GHASH and counter mode reach the CPU's AES
 * and carry-less multiply instructions only from compiled callers), {@link SshShellConnector}'s
 * {@link ChannelOutputPipe} and UTF-8 reader, and a real {@link TerminalSession} with its
 * {@link TranscriptRecorder}: the hand-off to the writer thread, escape stripping, the trigger-word scan, the
 * masking of every kind of secret the rules know, line stamps.
 *
 * <p>Why: the app's emulator warm-up feeds only the emulator, and a pane's first 20 MB {@code cat} ran at 9-10
 * MB/s against 40-50 for the later ones (SshCatIntoTerminalBenchmark's cold round): the transcript, the pipe and
 * the cipher were still in the interpreter. It stops once three megabytes in a row go through in under
 * {@link #WARM_CPU_NANOS_PER_MB} of this thread's CPU, and at {@link #MAX_MEGABYTES} whatever happens.
 *
 * <p>Nothing of it leaves memory or reaches a learner's files: the recorder has no file, the session no
 * connection (its shell is a pipe this class fills), the secrets in the stream are made up, and everything is
 * dropped at the end.
 */
public final class TerminalReadWarmUp {

    private static final Logger LOG = Logger.getLogger(TerminalReadWarmUp.class.getName());

    /**
     * A megabyte in under 25 ms of this thread's CPU (decrypting, piping, decoding, handing over) is compiled
     * code: cold, the first megabyte takes 150-300 ms.
     */
    static final long WARM_CPU_NANOS_PER_MB = 25_000_000L;
    static final int MAX_MEGABYTES = 16;
    /** About what sshd puts in one packet: one read of the pty. */
    private static final int PACKET_BYTES = 4096;
    /** What JediTermFX's data stream asks the connector for at a time. */
    private static final int READ_CHARS = 1024;

    private TerminalReadWarmUp() {
    }

    /**
     * Starts the warm-up on a low-priority daemon thread after {@code delay}; returns at once. {@code
     * -Dlabbench.terminal-read-warm-up=off} leaves it out (for measuring what it costs or saves).
     */
    public static void startAfter(Duration delay) {
        if ("off".equals(System.getProperty("labbench.terminal-read-warm-up"))) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                Result result = run();
                LOG.fine(() -> "terminal read warm-up: " + result);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // A warm-up that fails costs only speed: the panes run the same code and report their own errors.
                LOG.log(Level.INFO, "the terminal read path's warm-up stopped early", e);
            }
        }, "labbench-terminal-read-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * What a warm-up did: megabytes fed, whether it ended because they went through at compiled speed, the lines the
     * recorder kept (it got the whole stream), and this thread's CPU milliseconds (the recorder's writer thread aside).
     */
    public record Result(int megabytes, boolean reachedCompiledSpeed, int recentLines, long cpuMillis) {
    }

    /** Runs the warm-up on the calling thread. */
    public static Result run() throws IOException, GeneralSecurityException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        long cpuAtStart = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        PacketStream packets = PacketStream.of(shellOutput(1_000_000));
        ChannelOutputPipe pipe = new ChannelOutputPipe(SshShellConnector.PIPE_CAPACITY);
        OutputStream channelSide = pipe.sink();
        PipeShell shell = new PipeShell(new InputStreamReader(pipe.source(), StandardCharsets.UTF_8));
        TranscriptRecorder recorder = TranscriptRecorder.inMemory();
        TerminalSession session = new TerminalSession("warm-up", new OneShellOpener(shell), recorder, new TermSize(120, 40));
        char[] read = new char[READ_CHARS];
        byte[] plain = new byte[PACKET_BYTES + 16];
        int warmInARow = 0;
        int fed = 0;
        boolean warm = false;
        try {
            while (fed < MAX_MEGABYTES && !warm) {
                long started = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                for (int packet = 0; packet < packets.count(); packet++) {
                    // JSch's session thread: decrypt a packet, put its data in the channel's pipe
                    int length = packets.decrypt(packet, plain);
                    channelSide.write(plain, 0, length);
                    // the pane's reader thread: read what is there, as the emulator's data stream does
                    // (the first read starts the session's shell: until then it is not ready)
                    boolean first = fed == 0 && packet == 0;
                    while (first || session.ready()) {
                        first = false;
                        if (session.read(read, 0, read.length) < 0) {
                            throw new IOException("the warm-up's shell ended early");
                        }
                    }
                }
                fed++;
                long spent = (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - started;
                warmInARow = spent < WARM_CPU_NANOS_PER_MB ? warmInARow + 1 : 0;
                warm = warmInARow == 3;
            }
            // waits for the writer thread to have stripped and masked every line handed over
            int lines = recorder.recentLines(50).size();
            long cpu = (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - cpuAtStart;
            return new Result(fed, warm, lines, cpu / 1_000_000);
        } finally {
            session.close();
            channelSide.close();
        }
    }

    /**
     * The packets of one megabyte of output as an SSH server sends them, encrypted once with AES-128-GCM (JSch's
     * first choice); {@link #decrypt} opens one as JSch's {@code AES128GCM} does: the packet length as associated
     * data, a 16-byte tag, the nonce's counter moving on by one per packet.
     */
    private record PacketStream(Cipher cipher, SecretKeySpec key, byte[][] sealed, int[] lengths) {

        private static final int TAG_BITS = 128;

        /** Packets end at a line's end, so no UTF-8 character is split between two (the reader then never waits). */
        static PacketStream of(byte[] output) throws GeneralSecurityException {
            SecretKeySpec key = new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, "AES");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            List<byte[]> sealed = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            for (int from = 0; from < output.length; ) {
                int end = Math.min(from + PACKET_BYTES, output.length);
                while (end < output.length && output[end - 1] != '\n') {
                    end--;
                }
                int length = end - from;
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(sealed.size())));
                cipher.updateAAD(lengthHeader(length));
                sealed.add(cipher.doFinal(output, from, length));
                lengths.add(length);
                from = end;
            }
            return new PacketStream(Cipher.getInstance("AES/GCM/NoPadding"), key, sealed.toArray(byte[][]::new),
                    lengths.stream().mapToInt(Integer::intValue).toArray());
        }

        int count() {
            return sealed.length;
        }

        int decrypt(int packet, byte[] into) throws GeneralSecurityException {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(packet)));
            cipher.updateAAD(lengthHeader(lengths[packet]));
            return cipher.doFinal(sealed[packet], 0, sealed[packet].length, into, 0);
        }

        private static byte[] nonce(int counter) {
            return ByteBuffer.allocate(12).putInt(0x5741524d).putLong(counter).array();
        }

        private static byte[] lengthHeader(int length) {
            return ByteBuffer.allocate(4).putInt(length).array();
        }
    }

    /** Gives the session its one shell, then reports the endpoint closed. */
    private static final class OneShellOpener implements ShellOpener {
        private ShellConnector shell;

        OneShellOpener(ShellConnector shell) {
            this.shell = shell;
        }

        @Override
        public String endpointName() {
            return "warm-up";
        }

        @Override
        public synchronized Optional<ShellConnector> open(TermSize size, BooleanSupplier cancelled) {
            Optional<ShellConnector> once = Optional.ofNullable(shell);
            shell = null;
            return once;
        }

        @Override
        public Subscription onConnectionStatus(Consumer<ConnectionStatus> listener) {
            return () -> { };
        }

        @Override
        public void reconnectNow() {
        }
    }

    /** {@link SshShellConnector}'s read side without a channel: the pipe's bytes decoded as UTF-8. */
    private static final class PipeShell implements ShellConnector {
        private final InputStreamReader reader;

        PipeShell(InputStreamReader reader) {
            this.reader = reader;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return reader.read(buffer, offset, length);
        }

        @Override
        public boolean ready() throws IOException {
            return reader.ready();
        }

        @Override
        public void write(byte[] bytes) {
            // nothing is typed into the warm-up
        }

        @Override
        public void write(String text) {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void resize(TermSize size) {
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public String getName() {
            return "warm-up";
        }

        @Override
        public void close() {
            // the pipe and its reader are dropped with the warm-up
        }

        @Override
        public ShellEnd end() {
            return new ShellEnd.Exited(0, "the warm-up ended");
        }
    }

    /**
     * Whole lines of what a lab terminal shows, UTF-8: coloured prompts, the base64 lines of a big file being
     * {@code cat}ed (most of the stream, as in a flood), routes and iptables rules, a progress line redrawn in
     * place, and, one line in twenty or so, each kind of secret the masker knows (made-up values) so that its
     * slow path and every rule's pattern are compiled too: AWS keys in a credentials CSV, an export and
     * {@code aws configure}'s bare answer, a session token, GitHub and bearer tokens, an Authorization header, a
     * JWT, a kubeconfig's client key, passwords in several forms, a URL's password, a private key block.
     */
    static byte[] shellOutput(int size) {
        String esc = "\u001b";
        String prompt = esc + "[1;32mroot@kops-ec2" + esc + "[0m:" + esc + "[1;34m~" + esc + "[0m# ";
        String[] plain = {
            "TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuIFRoaXMgaXMgYSB3YXJtLXVwIGxpbmUgb2YgYmFzZTY0IHRleHQ\r\n",
            "d2FybS11cCBsaW5lIHR3bzogdGhlIGNhdCBvZiBhIGJpZyBmaWxlIGxvb2tzIGxpa2UgdGhpcyBpbiBhIHBhbmU\r\n",
            "    0     0 KUBE-SEP-3JZ2RVCEXTVNYWSM  all  --  *      *       0.0.0.0/0            0.0.0.0/0\r\n",
            "172.30.64.0/19 dev ens5 proto kernel scope link src 172.30.66.29\r\n",
            esc + "[2K\r" + esc + "[33mDownloading " + esc + "[0m 57%\r\n",
            "3: eni7c1a2b3d4e5@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP\r\n",
            esc + "[7m pod/netshoot-pod-7c9f " + esc + "[27m  1/1  " + esc + "[32mRunning" + esc + "[0m   0   4m\r\n",
            "NAME  READY  STATUS  — ünïcode ✓ 상태\r\n",
        };
        String[] secrets = {
            "AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n",
            prompt + "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYWARMUPKEY\r\n",
            prompt + "aws configure get aws_secret_access_key\r\n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\r\n",
            "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLEwarmUpToken0123456789\r\n",
            "GITHUB_TOKEN ghp_WarmUp0123456789abcdefghijklmnopqrstuv\r\n",
            "Authorization: Bearer d2FybS11cC1iZWFyZXItdG9rZW4\r\n",
            "Authorization: Basic d2FybTp1cA==\r\n",
            "token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3YXJtLXVwIn0.d2FybS11cC1zaWduYXR1cmU\r\n",
            "kubeadm join --token=abcdef.0123456789abcdef0123\r\n",
            "    client-key-data: LS0tLS1CRUdJTiBXQVJNLVVQIEtFWS0tLS0t\r\n",
            "db_password: \"warm-up-secret\"\r\n",
            prompt + "mysql -u root -pWarmUpSecret labdb\r\n",
            prompt + "sshpass -p warm-up-secret ssh ubuntu@node\r\n",
            prompt + "curl -u admin:warm-up-secret https://localhost/\r\n",
            "remote: https://learner:warm-up-secret@git.example.com/lab.git\r\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\r\n"
                    + "-----END OPENSSH PRIVATE KEY-----\r\n",
        };
        StringBuilder out = new StringBuilder(size + 200);
        for (int i = 0; out.length() < size; i++) {
            if (i % 20 == 19) {
                out.append(secrets[(i / 20) % secrets.length]);
            } else if (i % 25 == 0) {
                out.append(prompt).append("cat big.txt\r\n");
            } else {
                out.append(plain[i % plain.length]);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
