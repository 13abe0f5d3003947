package io.labbench.locallab.nlb;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What HAProxy's runtime API says of each server's health checks ({@code show stat} over its socket). */
final class HaproxyStats {

    /**
     * @param status      {@code UP}, {@code DOWN}, {@code UP 1/3}, {@code NOLB}, …
     * @param checkStatus {@code INI} before the first check, {@code L4OK} after a good one, {@code L4CON}/{@code L4TOUT} after a bad one
     */
    record ServerCheck(String status, String checkStatus) {
        /** HAProxy marks a check in progress with {@code "* "} before the last result ({@code * L4OK}). */
        ServerCheck {
            checkStatus = checkStatus.startsWith("* ") ? checkStatus.substring(2) : checkStatus;
        }

        boolean passed() {
            return checkStatus.startsWith("L4OK") || checkStatus.startsWith("L6OK") || checkStatus.startsWith("L7OK");
        }

        boolean down() {
            return status.startsWith("DOWN");
        }

        /**
         * Whether HAProxy would send to this server: UP, including {@code UP 1/2} (its last check failed, but
         * fewer times in a row than the fall threshold asks), once a check has passed. One failed check must
         * not take a healthy target out of service: a check that misses its timeout on a loaded machine
         * would otherwise leave no target in service and fail open to the nodes without a pod, whose
         * kube-proxy drops the connection ({@code externalTrafficPolicy: Local}), and a client's SYN
         * retransmits stay pinned there by conntrack. Before the first check ({@code INI}) nothing passed yet.
         */
        boolean inService() {
            return status.startsWith("UP") && !checkStatus.isEmpty() && !checkStatus.startsWith("INI");
        }
    }

    private HaproxyStats() {
    }

    /** Server name → check, merged over backends (a target sits in one backend per zone without cross-zone). */
    static Map<String, ServerCheck> read(Path socket) throws IOException {
        return parse(showStat(socket));
    }

    /** The CSV HAProxy answers {@code show stat} with on its runtime API socket. */
    static String showStat(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            StringBuilder text = new StringBuilder();
            while (channel.read(buffer) > 0) {
                buffer.flip();
                text.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
            }
            return text.toString();
        }
    }

    static Map<String, ServerCheck> parse(String csv) {
        Map<String, ServerCheck> checks = new LinkedHashMap<>();
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return checks;
        }
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        int check = header.indexOf("check_status");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length <= Math.max(name, Math.max(status, check)) || f[name].equals("FRONTEND") || f[name].equals("BACKEND")) {
                continue;
            }
            ServerCheck c = new ServerCheck(f[status], f[check]);
            checks.merge(f[name], c, (a, b) -> a.inService() || (a.passed() && !b.inService()) ? a : b);
        }
        return checks;
    }
}
