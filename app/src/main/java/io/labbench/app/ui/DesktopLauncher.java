package io.labbench.app.ui;

import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.ui.startup.RenderingPipeline;
import io.labbench.app.ui.startup.StartupProbe;
import io.labbench.app.ui.startup.StartupThreads;
import io.labbench.app.ui.startup.StartupTrace;
import io.labbench.app.ui.terminal.EmulatorWarmUp;
import io.labbench.app.ui.terminal.TerminalSettings;
import org.kordamp.ikonli.javafx.IkonResolver;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.ssh.TerminalReadWarmUp;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX from the command line and opens the main window. It does not go through
 * {@code Application.launch}: from the classpath the launcher insists on the module path otherwise.
 */
public final class DesktopLauncher {

    /**
     * @param startupProbe print the milliseconds to the first frame and exit
     * @param workspace    workspace name, or null for the default one
     * @param backend      {@code local}, {@code aws} or {@code shells}; null means {@code local}
     */
    public record Options(boolean startupProbe, String workspace, String backend) {
    }

    /** How long a signal's close may take: the local lab's stop waits up to 20 s for its daemon. */
    private static final java.time.Duration SIGNAL_CLOSE_PATIENCE = java.time.Duration.ofSeconds(30);

    private DesktopLauncher() {
    }

    /**
     * Opens the window. Returns at once with -1 (the window keeps the JVM alive and exits it when it
     * closes); in probe mode waits for the first frame and returns the exit code.
     */
    public static int launch(Options options) {
        StartupTrace.mark("launch");
        CountDownLatch probed = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(0);
        // The JDK's first logging set-up and its first time-zone lookup each ask every jar on the class path for a
        // service (a LoggerFinder, a ZoneRulesProvider): ~160 jars opened, 150-250 ms of CPU. Both happen before the
        // first frame (the icon library's logger, the session hub's clock), so they run first, on a thread of their
        // own beside the toolkit's start: not on the main thread, which starts the toolkit (./labbench puts JavaFX on
        // the module path, where it has no "unsupported configuration" warning to log), not on the settings thread,
        // which the JavaFX thread waits for (the classes used before the first frame fetch their loggers only when
        // they log), and not on the JavaFX thread.
        StartupThreads.supply("labbench-service-lookups", () -> {
            LogManager.getLogManager();
            return ZoneId.systemDefault().getRules();
        });
        // Files need no toolkit: read them on the other core while JavaFX starts.
        AppDirs dirs = AppDirs.fromEnvironment();
        CompletableFuture<WorkbenchSetup.Plan> plan = StartupThreads.supply("labbench-read-settings",
                () -> WorkbenchSetup.plan(dirs, options));
        RenderingPipeline.chooseBeforeToolkitStarts();
        Platform.setImplicitExit(false);
        StartupTrace.mark("toolkit starting");
        try {
            Platform.startup(() -> open(options, dirs, plan, probed, exitCode));
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(() -> open(options, dirs, plan, probed, exitCode));
        }
        StartupTrace.mark("toolkit started");
        // The toolkit is up (startup waits for it): the icon font and the terminals' font load here while
        // the JavaFX thread begins the window; it waits only if it needs one before it is loaded.
        StartupThreads.supply("labbench-load-fonts", () -> {
            IkonResolver.getInstance();
            TerminalSettings.preloadFont();
            return null;
        });
        if (!options.startupProbe()) {
            return -1;
        }
        try {
            probed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return exitCode.get();
    }

    private static void open(Options options, AppDirs dirs, CompletableFuture<WorkbenchSetup.Plan> plan,
                             CountDownLatch probed, AtomicInteger exitCode) {
        try {
            StartupTrace.mark("open");
            Stage stage = new Stage();
            WorkbenchSetup.Plan read = plan.join();
            StartupTrace.mark("settings read");
            WorkbenchSetup setup = WorkbenchSetup.create(read, stage);
            Workbench workbench = setup.workbench();
            StartupTrace.mark("window built");
            // The window (menus, terminals, status bar) goes on screen first; the lab guide and the watch
            // dock, which load a rich-text editor and the lab's steps, fill their slots one frame later.
            StartupProbe.onFirstFrame(workbench.scene(), firstFrame -> {
                StartupTrace.mark("first frame " + firstFrame + " ms");
                StartupTrace.cpu("first frame");
                StartupTrace.nodes(workbench.scene());
                // The lab file is read only now, on the other core while this thread builds the watch dock and
                // menus: its YAML parse (and the optimising compiler's work on the parser) before the first frame
                // took CPU from the toolkit's start and the window's build on two cores.
                CompletableFuture<WorkbenchParts.LabFile> lab = StartupThreads.supply("labbench-read-lab",
                        WorkbenchParts::readDefaultLab);
                WorkbenchParts.wire(setup, dirs, "aws".equals(options.backend()), lab::join);
                if (!options.startupProbe()) {
                    // After the lab guide and dock are in and the learner is reading: the first cat in a
                    // pane then meets compiled emulator code (EmulatorWarmUp says why).
                    EmulatorWarmUp.startAfter(Duration.ofSeconds(3));
                    // The transcript, channel pipe and cipher (TerminalReadWarmUp says why), once the emulator's is mostly done
                    TerminalReadWarmUp.startAfter(Duration.ofSeconds(5));
                }
                if (options.startupProbe()) {
                    StartupProbe.onFirstFrame(workbench.scene(), ready -> {
                        printProbe(firstFrame, ready);
                        try {
                            workbench.shutdown();
                        } finally {
                            // Off screen before the JVM exits: a pointer over a window still showing is
                            // picked on the JavaFX thread while exit tears the toolkit down, and JavaFX
                            // then throws (a NullPointerException from its graphics pipeline).
                            workbench.stage().hide();
                            probed.countDown();
                        }
                    });
                }
            });
            workbench.show(() -> {
                Platform.exit();
                // pty reader threads and SSH sockets must not keep a closed app alive.
                System.exit(0);
            });
            CloseOnSignal.install(workbench, SIGNAL_CLOSE_PATIENCE);
            StartupTrace.mark("shown");
        } catch (RuntimeException failure) {
            // a failed read reaches here wrapped by the future that carried it
            Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            Logger.getLogger(DesktopLauncher.class.getName()).log(Level.SEVERE, "LabBench could not open its window: " + e.getMessage(), e);
            System.err.println("LabBench could not open its window: " + e.getMessage());
            exitCode.set(1);
            probed.countDown();
            if (!options.startupProbe()) {
                System.exit(1);
            }
        }
    }

    /** Both figures for people, then the first-frame milliseconds alone on the last line for scripts. */
    private static void printProbe(long firstFrameMillis, long readyMillis) {
        System.out.println("first frame " + firstFrameMillis + " ms; lab guide and watch dock shown " + readyMillis + " ms");
        System.out.println(firstFrameMillis);
        System.out.flush();
    }

    /** A new settings store in the user's (or the test's) config folder. */
    static UiSettingsStore settingsStore(AppDirs dirs) {
        return new UiSettingsStore(dirs.settingsFile());
    }
}
