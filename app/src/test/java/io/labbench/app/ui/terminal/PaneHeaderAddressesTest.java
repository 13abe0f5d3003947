package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A node pane's header at the width a 1920 px window gives each of the four panes (about 375 px), headless
 * with the app's theme and style sheet: the VPC and public IP show in full, whatever else gives way, and
 * worker1 and worker2 stay told apart.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PaneHeaderAddressesTest extends FxRobot {

    private static Stage stage;
    private static final java.util.List<io.labbench.sessions.local.LocalPtyConnector> SHELLS = new java.util.ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        if (stage != null) {
            FxToolkit.setupFixture(() -> stage.close());
        }
        for (io.labbench.sessions.local.LocalPtyConnector shell : SHELLS) {
            shell.close();
        }
    }

    /** The text a label shows now (its skin's text node: ellipsised when it does not fit). */
    private static String shown(Node header, String selector) {
        Label label = (Label) header.lookup(selector);
        return ((Text) label.lookup(".text")).getText();
    }

    private Node header(String name, String addresses, double width) throws Exception {
        TerminalPaneViewModel model = new TerminalPaneViewModel(name);
        model.addressesProperty().set(addresses);
        model.targetProperty().set("ubuntu@ip-" + addresses.substring(0, addresses.indexOf(' ')).replace('.', '-'));
        // a pane shows a running terminal (a plain bash here), as in the window
        io.labbench.sessions.local.LocalPtyConnector shell = io.labbench.sessions.local.LocalPtyConnector.start(
                new io.labbench.sessions.LocalShellEndpoint("local", java.util.List.of("bash", "--norc", "--noprofile"),
                        java.util.Map.of("PS1", "$ "), java.util.Optional.empty()),
                new com.techsenger.jeditermfx.core.util.TermSize(80, 24));
        SHELLS.add(shell);
        FxToolkit.setupFixture(() -> {
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            LabTerminalWidget widget = new LabTerminalWidget(80, 24, new TerminalSettings(13, false));
            widget.setTtyConnector(shell);
            widget.start();
            TerminalPaneView pane = new TerminalPaneView(model, widget, new TerminalAreaViewModel(), () -> { }, () -> false);
            Scene scene = new Scene(pane, width, 200);
            scene.getStylesheets().add(getClass().getResource("/io/labbench/app/ui/labbench.css").toExternalForm());
            if (stage == null) {
                stage = new Stage();
            }
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return stage.getScene().getRoot().lookup(".pane-header");
    }

    @Test
    void theLongestAddressesOfTheLabShowWholeAtAQuarterOfA1920PxWindowAndTheNameKeepsItsDigit() throws Exception {
        for (String worker : java.util.List.of("worker1", "worker2")) {
            Node header = header(worker, "172.30.189.212 / 198.51.100.212", 375);
            assertThat(shown(header, "#pane-addresses-" + worker)).isEqualTo("172.30.189.212 / 198.51.100.212");
            assertThat(shown(header, ".pane-name")).as("what tells the two workers apart").endsWith(worker.substring(worker.length() - 1));
        }
    }

    @Test
    void aNarrowerPaneStillShowsTheAddressesWholeAndShortensTheRest() throws Exception {
        Node header = header("kops-ec2", "172.30.32.10 / 198.51.100.10", 320);
        assertThat(shown(header, "#pane-addresses-kops-ec2")).isEqualTo("172.30.32.10 / 198.51.100.10");
        assertThat(shown(header, ".pane-name")).as("the name gives way").isNotEqualTo("kops-ec2");
    }
}
