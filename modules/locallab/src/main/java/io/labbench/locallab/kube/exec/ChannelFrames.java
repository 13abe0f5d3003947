package io.labbench.locallab.kube.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Kubernetes WebSocket channel protocol ({@code v4.channel.k8s.io}, {@code v5.channel.k8s.io}):
 * each binary message starts with its channel — 0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize,
 * 255 (v5) close-of-a-channel.
 */
public final class ChannelFrames {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int STATUS = 3;
    public static final int RESIZE = 4;
    public static final int CLOSE = 255;

    private ChannelFrames() {
    }

    public static byte[] frame(int channel, byte[] data, int length) {
        byte[] out = new byte[length + 1];
        out[0] = (byte) channel;
        System.arraycopy(data, 0, out, 1, length);
        return out;
    }

    public static byte[] frame(int channel, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return frame(channel, data, data.length);
    }

    public static int channel(byte[] message) {
        return message.length == 0 ? -1 : message[0] & 0xff;
    }

    public static byte[] payload(byte[] message) {
        return message.length <= 1 ? new byte[0] : Arrays.copyOfRange(message, 1, message.length);
    }

    /** The status kubectl turns into its own exit code. */
    public static String exitStatus(int exitCode, java.util.List<String> command) {
        if (exitCode == 0) {
            return "{\"metadata\":{},\"status\":\"Success\"}";
        }
        String cmd = String.join(" ", command).replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command [" + cmd + "], exit code " + exitCode + "\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + exitCode + "\"}]}}";
    }

    /** A failure to start the command, as the container runtime reports it. */
    public static String startFailure(String message) {
        String m = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + m + "\",\"reason\":\"InternalError\","
                + "\"details\":{\"causes\":[{\"message\":\"" + m + "\"}]},\"code\":500}";
    }
}
