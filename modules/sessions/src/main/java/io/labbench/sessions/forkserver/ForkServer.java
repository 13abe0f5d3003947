package io.labbench.sessions.forkserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The shared part of a fork server ({@code fork-server.pl}: frames, spare children, stdin feeding, reaping)
 * and the frames the JVM sends it. A runner's own script follows the shared part in one Perl program and
 * defines {@code run_command($payload)}, writes its ready line and calls {@code serve()}; the script's head
 * describes the frames (an exit is reported as a shell's {@code $?}: 128 + N for signal N).
 */
public final class ForkServer {

    /** A frame's head: type (1 byte), id (uint32 big-endian), payload length (uint32 big-endian). */
    public static final int HEAD_LENGTH = 9;

    private static final String SHARED_PART = readResource(ForkServer.class, "fork-server.pl");

    private ForkServer() {
    }

    /**
     * One Perl program: the shared part, then {@code ownScript} (a resource next to {@code owner}, read from
     * its jar).
     *
     * @throws IllegalStateException when the resource is missing from the jar (a broken build)
     */
    public static String program(Class<?> owner, String ownScript) {
        return SHARED_PART + "\n# ---- " + ownScript + " ----\n" + readResource(owner, ownScript);
    }

    /** A frame of {@code type} for command {@code id} carrying {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] frame(char type, int id, byte[] data, int offset, int length) {
        byte[] frame = new byte[HEAD_LENGTH + length];
        frame[0] = (byte) type;
        putInt(frame, 1, id);
        putInt(frame, 5, length);
        System.arraycopy(data, offset, frame, HEAD_LENGTH, length);
        return frame;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static String readResource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing next to " + owner.getName() + " in its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " next to " + owner.getName(), e);
        }
    }
}
