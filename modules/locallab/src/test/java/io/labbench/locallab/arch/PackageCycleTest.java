package io.labbench.locallab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local lab's packages depend on each other one way: the parts (net, kube, ssh, check) use the
 * small interfaces below them ({@code spi}) and never the package that composes them.
 */
class PackageCycleTest {

    private static JavaClasses locallab;

    @BeforeAll
    static void importClasses() {
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        locallab = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.labbench.locallab");
    }

    /** Each package its own slice, the root package included (a pattern like {@code locallab.(*)..} would skip it). */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith("io.labbench.locallab")
                    ? SliceIdentifier.of(javaClass.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of io.labbench.locallab";
        }
    };

    @Test
    void packagesHaveNoCycle() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(locallab);
    }

    /**
     * The lab's own AWS takes its settings from {@code settings} and re-rolls through the {@code KopsControl}
     * it is handed (the daemon's relaunch): it never reaches back into the lab that starts it.
     */
    @Test
    void theLocalAwsNeverReachesBackIntoTheLabOrItsDaemon() {
        noClasses().that().resideInAPackage("io.labbench.locallab.aws")
                .should().dependOnClassesThat().resideInAnyPackage("io.labbench.locallab", "io.labbench.locallab.daemon..")
                .check(locallab);
        noClasses().that().resideInAnyPackage("io.labbench.locallab.ssh..", "io.labbench.locallab.net..", "io.labbench.locallab.kube..",
                        "io.labbench.locallab.settings..")
                .should().dependOnClassesThat().resideInAPackage("io.labbench.locallab.aws")
                .check(locallab);
    }

    @Test
    void partsBelowNeverReachBackIntoTheLabThatComposesThem() {
        noClasses().that().resideInAnyPackage("io.labbench.locallab.net..", "io.labbench.locallab.kube..",
                        "io.labbench.locallab.ssh..", "io.labbench.locallab.check..", "io.labbench.locallab.spi..",
                        "io.labbench.locallab.parts..")
                .should().dependOnClassesThat().resideInAnyPackage("io.labbench.locallab", "io.labbench.locallab.daemon..")
                .because("LocalLab starts them; they talk to each other through io.labbench.locallab.spi")
                .check(locallab);
    }

    @Test
    void theKernelAndKubernetesSidesMeetOnlyThroughSpi() {
        noClasses().that().resideInAPackage("io.labbench.locallab.kube..")
                .should().dependOnClassesThat().resideInAnyPackage("io.labbench.locallab.net..", "io.labbench.locallab.ssh..")
                .check(locallab);
        noClasses().that().resideInAPackage("io.labbench.locallab.net..")
                .should().dependOnClassesThat().resideInAPackage("io.labbench.locallab.kube..")
                .check(locallab);
    }
}
