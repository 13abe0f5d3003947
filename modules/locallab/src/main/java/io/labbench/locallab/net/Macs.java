package io.labbench.locallab.net;

/** Stable, locally administered MAC addresses ({@code 0a:…}, like an ENI's) derived from a name. */
final class Macs {

    private Macs() {
    }

    static String of(String seed) {
        String h = LabTopology.sha1Hex(seed);
        return "0a:" + h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6) + ":" + h.substring(6, 8) + ":"
                + h.substring(8, 10);
    }
}
