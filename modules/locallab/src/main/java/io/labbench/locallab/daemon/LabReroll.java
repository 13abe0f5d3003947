package io.labbench.locallab.daemon;

import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabSettingsFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LocalLab;
import java.io.IOException;
import java.time.Duration;

/**
 * Applies new lab settings the way kOps applies an edited cluster: {@code kops rolling-update}
 * replaces every node, so pods and their IPs do not survive it. Here the daemon is stopped (every
 * namespace, link and rule goes) and started again with the new settings, which are saved first
 * only once the new lab is up, so a failed re-roll does not make the next start fail as well.
 */
public final class LabReroll {

    /** Steps of the down half; the daemon's own up steps follow. */
    private static final int DOWN_STEPS = 1;

    private LabReroll() {
    }

    /**
     * Takes the lab of {@code current} down and brings {@code next} up (same prefix and state folder),
     * reporting one progress sequence for both halves.
     *
     * @throws IOException naming the half that failed; after a failed up no lab runs
     */
    public static LabStatus reroll(LabSettings current, LabSettings next, LocalLabProgress progress, Duration timeout)
            throws IOException {
        if (!current.prefix().equals(next.prefix()) || !current.stateRoot().equals(next.stateRoot())) {
            throw new IllegalArgumentException("a re-roll keeps the lab's prefix and state folder");
        }
        progress.step(0, DOWN_STEPS + LocalLab.upSteps(next), "Taking the nodes down (" + describe(current) + ")");
        try {
            LabDaemonLauncher.stop(current, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IOException("could not take the lab down for the re-roll: " + e.getMessage()
                    + "; run `labbench lab down` and try again", e);
        }
        LabStatus status;
        try {
            status = LabDaemonLauncher.start(next, (done, total, message) ->
                    progress.step(DOWN_STEPS + done, DOWN_STEPS + total, message), timeout);
        } catch (IOException e) {
            throw new IOException("the lab did not come back with " + describe(next) + ": " + e.getMessage()
                    + ". Choose other settings, or restart LabBench to start with the saved ones", e);
        }
        LabSettingsFile.save(next);
        return status;
    }

    /** e.g. {@code t3.medium nodes, prefix delegation off} (for progress and errors); see {@link LabSettings#describe()}. */
    public static String describe(LabSettings s) {
        return s.describe();
    }
}
