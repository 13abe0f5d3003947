package io.labbench.locallab.daemon;

import io.labbench.locallab.settings.LabSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The process kops starts to re-roll the lab ({@code CURRENT-ARGS -- NEXT-ARGS}) or, with only the
 * current lab's arguments, to stop it ({@code kops delete cluster --yes}). Prints progress lines to
 * its log ({@code <state>/<prefix>-reroll.log}).
 */
public final class LabRerollMain {

    private LabRerollMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = Arrays.asList(args);
        int split = all.indexOf("--");
        LabSettings current = LabDaemonLauncher.parseArguments((split < 0 ? all : all.subList(0, split)).toArray(String[]::new));
        // kops's answer is on its way to kops-ec2 while this JVM starts; a moment more lets it arrive whole
        Thread.sleep(300);
        try {
            if (split < 0) {
                LabDaemonLauncher.stop(current, Duration.ofSeconds(30)).forEach(line -> System.out.println("STOPPED " + line));
            } else {
                LabSettings next = LabDaemonLauncher.parseArguments(all.subList(split + 1, all.size()).toArray(String[]::new));
                LabReroll.reroll(current, next, (done, total, message) -> {
                    System.out.println("PROGRESS " + done + "/" + total + " " + message);
                    System.out.flush();
                }, Duration.ofSeconds(180));
                System.out.println("READY");
            }
        } catch (Exception e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(1);
        }
    }
}
