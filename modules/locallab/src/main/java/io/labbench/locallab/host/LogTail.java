package io.labbench.locallab.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a daemon's log file gained after a mark (its length when the lab asked for something), for
 * waiting on a line the daemon writes once it has done it (HAProxy's "Loading success.", dnsmasq's
 * "read … names"). At most 1 MiB; empty when the file is missing or has not grown.
 */
public final class LogTail {

    private static final int MAX_BYTES = 1 << 20;

    private LogTail() {
    }

    public static String since(Path log, long mark) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            if (length <= mark) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - mark, MAX_BYTES)];
            f.seek(mark);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
