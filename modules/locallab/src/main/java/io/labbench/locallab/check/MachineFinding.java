package io.labbench.locallab.check;

/**
 * One thing the machine lacks, and how to fix it.
 *
 * @param blocking whether the lab cannot start without it (optional tools only limit some lab steps)
 */
public record MachineFinding(String what, String fix, boolean blocking) {

    @Override
    public String toString() {
        return (blocking ? "missing: " : "optional: ") + what + " -> " + fix;
    }
}
