package io.labbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.terminal.TerminalText;
import io.labbench.sessions.AppDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real window headless (Monocle) with its lab and watch parts wired, when the lab file is missing. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WorkbenchPartsTest extends FxRobot {

    @TempDir
    Path home;
    private Workbench workbench;

    @BeforeEach
    void openWindow() throws Exception {
        System.setProperty("labbench.home", home.toString());
        Stage stage = FxToolkit.registerPrimaryStage();
        Path missingLab = home.resolve("assets/labs/pkos-week2.yaml");
        FxToolkit.setupFixture(() -> {
            AppDirs dirs = AppDirs.fromEnvironment();
            WorkbenchSetup setup = WorkbenchSetup.create(dirs, new DesktopLauncher.Options(false, null, "shells"), stage);
            workbench = setup.workbench();
            workbench.show(() -> { });
            WorkbenchParts.wire(setup, dirs, false, () -> new WorkbenchParts.LabFile(missingLab, Optional.empty()));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeWindow() throws Exception {
        // Login shells still starting (rc files mid-way, e.g. pyenv's rehash holding its lock file)
        // must not be killed: each pane's first output says its shell got that far.
        for (String node : List.of("kops-ec2", "master", "worker1", "worker2")) {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.terminalView().terminal(node)
                    .map(t -> !TerminalText.text(t.widget().getTerminalTextBuffer()).isBlank()).orElse(false));
        }
        if (workbench != null) {
            FxToolkit.setupFixture(() -> workbench.shutdown());
        }
        FxToolkit.cleanupStages();
        System.clearProperty("labbench.home");
    }

    @Test
    void withoutALabFileTheClusterMenuStillOffersTheAwsAndKubernetesWindows() throws Exception {
        MenuBar menuBar = lookup(".menu-bar").queryAs(MenuBar.class);
        Optional<Menu> cluster = menuBar.getMenus().stream().filter(m -> "cluster-menu".equals(m.getId())).findFirst();

        assertThat(cluster).as("menus: %s", menuBar.getMenus().stream().map(Menu::getText).toList()).isPresent();
        assertThat(cluster.get().getItems()).extracting(MenuItem::getText).containsExactly("AWS…", "Kubernetes…");
        assertThat(cluster.get().getItems()).noneMatch(MenuItem::isDisable);
        // Help stays last, where a learner looks for it.
        List<Menu> menus = menuBar.getMenus();
        assertThat(menus.get(menus.size() - 1).getText()).contains("Help");
        // The lab slot says why there is no lab and where it looked.
        assertThat(lookup(".slot-placeholder .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(text -> assertThat(text).contains("No lab found at").contains(home.toString()));
    }
}
