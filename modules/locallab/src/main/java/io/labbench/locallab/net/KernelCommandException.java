package io.labbench.locallab.net;

import java.io.IOException;
import java.util.List;

/** A kernel command ({@code ip}, {@code iptables-restore}, …) failed; the message says which and why. */
public final class KernelCommandException extends IOException {

    private final List<String> argv;
    private final int exitCode;

    public KernelCommandException(List<String> argv, int exitCode, String detail) {
        super("'" + String.join(" ", argv) + "' failed (exit " + exitCode + "): " + detail.strip());
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
    }

    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }
}
