package io.labbench.app.watch;

import io.labbench.watch.StudyWatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows the watch dock fed over real SSH (MINA SSHD test servers for worker1 and worker2 whose output
 * moves every refresh): the AWS-SNAT-CHAIN-0 watch, the links watch and routes side by side.
 * Run under Xvfb to look at it: {@code DISPLAY=:98 java -cp <test classpath> io.labbench.app.watch.WatchDockDemo [seconds [raw]]};
 * {@code -Dlbt.demo.width=480} shows the dock as narrow as it gets beside the terminals.
 */
public final class WatchDockDemo {

    private WatchDockDemo() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        boolean raw = args.length > 1 && args[1].equals("raw");
        Path dir = Files.createTempDirectory("lbt-watch-demo");
        String snat = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow().executedCommand();
        SshNodes nodes = new SshNodes(dir, snat, "worker1", "worker2");
        AtomicInteger snatTick = new AtomicInteger();
        AtomicInteger linkTick = new AtomicInteger();
        AtomicInteger routeTick = new AtomicInteger();
        nodes.stub("worker1", snat, () -> SyntheticOutputs.snatChain(snatTick.getAndIncrement()));
        nodes.stub("worker1", "ip -o link show", () -> SyntheticOutputs.links(linkTick.getAndIncrement()));
        nodes.stub("worker1", "ip route show", () -> SyntheticOutputs.routes("worker1", routeTick.get()));
        nodes.stub("worker2", "ip route show", () -> SyntheticOutputs.routes("worker2", routeTick.getAndIncrement()));
        Platform.startup(() -> {
            WatchDock dock = WatchDock.create(nodes.hub(), () -> List.of("worker1", "worker2"), dir.resolve("config"));
            Stage stage = new Stage();
            stage.setTitle("LabBench watch dock demo");
            stage.setScene(new Scene((javafx.scene.Parent) dock.node(), Integer.getInteger("lbt.demo.width", 1400), 900));
            stage.show();
            dock.openWatch("iptables-snat-0", "worker1");
            dock.model().openSideBySide(StudyWatches.on("routes", "worker1").orElseThrow(), "worker2");
            dock.openWatch("links", "worker1");
            dock.model().splitSelected();
            dock.model().setVertical(true);
            dock.openWatch("iptables-snat-0", "worker1");
            if (raw) {
                dock.model().openPanels().forEach(p -> p.rawModeProperty().set(true));
            }
            stage.setOnHidden(e -> {
                dock.close();
                nodes.close();
            });
        });
        if (seconds > 0) {
            Thread.sleep(seconds * 1000L);
            Platform.runLater(() -> {
                Platform.exit();
                nodes.close();
                System.exit(0);
            });
        }
    }
}
