package io.labbench.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design asks for, checked on the compiled classes of every LabBench module found on
 * the classpath (the app's own classes and the module jars it depends on): modules never reach up
 * into the app, only the app knows JavaFX, and the parsers and lab model stay free of SSH, AWS and
 * Kubernetes so any test or the command line can drive them.
 */
class LayeringArchitectureTest {

    private static JavaClasses production;

    /** Test code (test-classes folders and *-tests.jar) may use whatever it needs. */
    private static final ImportOption PRODUCTION_ONLY = (Location location) ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar")
                    && (location.contains("/classes/") || location.contains("labbench-"));

    @BeforeAll
    static void importClasses() {
        // Package names are all the rules need; resolving every referenced JDK/library class is slow.
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        production = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("io.labbench");
    }

    @Test
    void everyModuleIsOnTheClasspathToBeChecked() {
        for (String module : new String[] {"app", "cluster", "storage", "sessions", "netparse", "labmodel", "watch", "kube", "aws", "locallab", "packetpath"}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("io.labbench." + module)))
                    .as("classes of io.labbench.%s imported", module).isTrue();
        }
    }

    @Test
    void modulesNeverImportTheApp() {
        noClasses().that().resideOutsideOfPackage("io.labbench.app..")
                .should().dependOnClassesThat().resideInAPackage("io.labbench.app..")
                .because("modules are plain libraries the app builds on, never the other way round")
                .check(production);
    }

    @Test
    void onlyTheAppKnowsJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.labbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.techsenger.jeditermfx.ui..")
                .because("sessions, parsers and the lab run without a screen (tests, CLI, benchmarks)")
                .check(production);
    }

    @Test
    void packetPathReadsNoSessionsLabOrCloudClients() {
        noClasses().that().resideInAPackage("io.labbench.packetpath..")
                .should().dependOnClassesThat().resideInAnyPackage("io.labbench.sessions..", "io.labbench.locallab..",
                        "io.labbench.kube..", "io.labbench.aws..", "com.jcraft..", "org.apache.sshd..", "software.amazon..",
                        "io.fabric8..")
                .because("path resolution works on parsed snapshots and cluster records; commands reach machines through"
                        + " its MachineShell, which the app implements")
                .check(production);
    }

    @Test
    void parsersAndTheLabModelImportNoSshAwsOrKubernetes() {
        noClasses().that().resideInAnyPackage("io.labbench.netparse..", "io.labbench.labmodel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.jcraft..", "org.apache.sshd..", "software.amazon..", "io.fabric8..")
                .because("parsers and the lab model are pure functions over text and data")
                .check(production);
    }

    @Test
    void viewModelsUseNothingOfTheSceneGraph() {
        noClasses().that().resideInAPackage("io.labbench.app..")
                .and().haveSimpleNameEndingWith("ViewModel").or().haveSimpleNameEndingWith("Model")
                .and().resideInAPackage("io.labbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "com.techsenger.jeditermfx.ui..")
                .because("view-models hold state in properties and change it through commands; views bind to"
                        + " them, and plain JUnit tests drive them without a screen")
                .check(production);
    }

    @Test
    void theClusterFactsDependOnNothingButTheJdk() {
        classes().that().resideInAPackage("io.labbench.cluster..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.labbench.cluster..")
                .because("the lab model, sessions, the AWS backend and the local lab all share these types")
                .check(production);
    }

    @Test
    void terminalSessionsKnowNoJavaFx() {
        noClasses().that().resideInAPackage("io.labbench.app.terminals..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.techsenger.jeditermfx.ui..")
                .because("the terminal registry (name -> session) is what the lab wizard types through,"
                        + " tested without a screen; widgets attach to it from the terminal area")
                .check(production);
    }

    @Test
    void theLocalLabBackendUsesNothingOfTheWindow() {
        noClasses().that().resideInAPackage("io.labbench.app.locallab..")
                .should().dependOnClassesThat().resideInAPackage("io.labbench.app.ui..")
                .because("the window is built on the local lab, not the other way round; what both need"
                        + " (terminal sessions) lives in io.labbench.app.terminals")
                .check(production);
    }

    @Test
    void theViewModelRuleSeesTheViewModels() {
        // A rule that matches nothing passes by default: make sure it is looking at the real classes.
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.labbench.app")
                && (c.getSimpleName().endsWith("ViewModel") || c.getSimpleName().endsWith("Model"))).map(c -> c.getSimpleName()))
                .contains("LabPaneViewModel", "TerminalAreaViewModel", "WatchPanelViewModel", "WatchDockModel",
                        "DockPaneModel");
    }

    @Test
    void theAtomicWriterStandsOnTheJdkAlone() {
        noClasses().that().resideInAPackage("io.labbench.storage..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.labbench.storage..", "java..")
                .because("every module, down to the lab model, writes its files through it")
                .check(production);
    }
}
