package io.labbench.app.aws;

import io.labbench.aws.cost.CostGuard;
import io.labbench.aws.cost.RunningResource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the exit warning says while the cost guard's last check found something running: quitting
 * LabBench does not stop AWS from billing, so the learner decides knowingly.
 */
public record ExitWarning(String headline, List<String> details) {

    /** The learner's answer; only {@link #QUIT_ANYWAY} lets the window close. */
    public enum Choice { QUIT_ANYWAY, KEEP_RUNNING, OPEN_COST_GUARD }

    public ExitWarning {
        details = List.copyOf(details);
    }

    /** Empty when nothing is known to run (nothing to warn about). */
    public static Optional<ExitWarning> of(List<RunningResource> running) {
        if (running.isEmpty()) {
            return Optional.empty();
        }
        String headline = String.format(Locale.ROOT, "%d %s still %s in AWS, costing about $%.3f/hour.",
                running.size(), running.size() == 1 ? "resource" : "resources", running.size() == 1 ? "runs" : "run",
                CostGuard.hourlyTotal(running));
        List<String> details = running.stream().map(r -> String.format(Locale.ROOT, "%s %s (%s)%s",
                r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.id(), r.detail(),
                r.usdPerHour() > 0 ? String.format(Locale.ROOT, " — $%.4f/hour", r.usdPerHour()) : "")).toList();
        return Optional.of(new ExitWarning(headline, details));
    }

    /** The body under the headline: what runs, and what quitting means. */
    public String text() {
        return String.join("\n", details) + "\n\nQuitting LabBench does not stop them: AWS bills until they are deleted "
                + "(Cost guard › Delete cluster, then Delete stack).";
    }
}
