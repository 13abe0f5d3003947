package io.labbench.labmodel.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The lab model is plain Java: commands reach nodes only through its own CommandPort. */
class LabModelBoundariesTest {

    @Test
    void importsNoUiSshAwsOrKubernetes() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.labbench.labmodel");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.labbench.sessions..",
                        "com.jcraft..", "org.apache.sshd..", "software.amazon..", "io.fabric8..", "io.labbench.aws..",
                        "io.labbench.kube..", "io.labbench.app..")
                .check(classes);
    }
}
