package io.labbench.locallab.daemon;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.parts.UpTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process that keeps a local lab alive: builds it, prints {@code PROGRESS d/t +Nms message} lines
 * and then each part's {@code TIMING start end name} for the launcher, and takes the lab down on SIGTERM (or any normal JVM exit). The arguments are
 * {@link LabDaemonLauncher#arguments(LabSettings)}.
 */
public final class LabDaemon {

    /** Set while this JVM is a lab's daemon: kops in kops-ec2 may then re-roll the lab from outside it. */
    public static final String DAEMON_PROPERTY = "labbench.lab.daemon";

    private LabDaemon() {
    }

    /** What MINA's {@code SNTRUP761.isSupported} loads first; nothing when BouncyCastle is missing. */
    private static void openBouncyCastle() {
        try {
            Class.forName("org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters", true, LabDaemon.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // MINA then offers no sntrup761 either; nothing to prepare
        }
    }

    /** A slow first use made on a daemon thread of its own, beside the up. */
    private static void warmUpAside(String threadName, Runnable firstUse) {
        Thread thread = new Thread(firstUse, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public static void main(String[] args) {
        long mainStart = System.currentTimeMillis();
        LabSettings settings;
        try {
            settings = LabDaemonLauncher.parseArguments(args);
        } catch (IllegalArgumentException e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(2);
            return;
        }
        // Two slow first uses, made on a side thread while up() checks the machine and removes leftovers:
        // the JSON mapper (0.1-0.3 s even from the class-data archive), needed for the first state file,
        // and java.util.logging, whose start-up looks into every jar of the class path for a logging
        // back-end (0.2 s), needed once the SSH servers and the Kubernetes API start.
        System.setProperty(DAEMON_PROPERTY, "true");
        LabStatus notYetUp = LabStatus.stopped(settings.prefix());
        warmUpAside("locallab-warm-up", () -> {
            LabStateFile.toJson(notYetUp);
            java.util.logging.Logger.getLogger(LabDaemon.class.getName());
        });
        // A third, on its own thread from the start: the SSH servers' first question (does MINA's sntrup761 key
        // exchange work, a BouncyCastle class) opens BouncyCastle's signed jar, whose verifier first parses its
        // 0.8 MB manifest and 0.8 MB signature file: 20 of 116 JFR samples of a daemon's up, on the SSH part,
        // the last of the parts that run side by side.
        warmUpAside("locallab-warm-up-bc", LabDaemon::openBouncyCastle);
        LocalLab lab = new LocalLab(settings, io.labbench.locallab.check.MachineCheck.ofThisMachine(), DetachedLabControl.forLab(settings));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                lab.down();
            } catch (IOException | RuntimeException e) {
                System.out.println("ERROR while taking the lab down: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "locallab-down"));
        try {
            lab.up((done, total, message) -> {
                // +N ms since main(): the log alone then shows where a slow start spent its time
                System.out.println("PROGRESS " + done + "/" + total + " +" + (System.currentTimeMillis() - mainStart) + "ms " + message);
                System.out.flush();
            });
            // before READY: the launcher has them all once it sees READY (`lab up --timings`)
            System.out.println(LabDaemonLauncher.timingLine(new UpTimeline.Phase(LabDaemonLauncher.DAEMON_MAIN, mainStart, mainStart)));
            lab.lastUpTimeline().ifPresent(t -> t.phases().forEach(p -> System.out.println(LabDaemonLauncher.timingLine(p))));
            System.out.println("READY");
            System.out.flush();
        } catch (Exception | LinkageError e) {
            // A missing class must end the daemon too: the Kubernetes API's threads would otherwise keep
            // a half-built lab alive while the app waits for READY.
            System.out.println("ERROR " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.out.flush();
            writeError(settings, e);
            System.exit(1);
            return;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeError(LabSettings settings, Throwable e) {
        try {
            Files.createDirectories(settings.stateRoot());
            Files.writeString(LabDaemonLauncher.errorFile(settings), String.valueOf(e.getMessage()));
        } catch (IOException ignored) {
            // the launcher still sees the ERROR line in the log
        }
    }

}
