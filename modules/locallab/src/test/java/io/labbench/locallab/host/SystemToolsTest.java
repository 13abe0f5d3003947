package io.labbench.locallab.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's commands are found the same whoever runs it: a normal user's PATH lacks the sbin folders. */
class SystemToolsTest {

    /** Debian's default PATH for a normal user's login shell (/etc/profile, /etc/login.defs). */
    private static final String DEBIAN_USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    @TempDir
    Path tmp;

    @Test
    void sysctlAndIptablesAreFoundInSbinThoughANormalUsersPathLacksIt() {
        SystemTools tools = new SystemTools(DEBIAN_USER_PATH);
        for (String command : List.of("sysctl", "iptables", "iptables-restore", "ip")) {
            assertThat(tools.find(command)).as(command).hasValueSatisfying(path -> {
                assertThat(path).isAbsolute();
                assertThat(Files.isExecutable(path)).isTrue();
            });
        }
        assertThat(tools.resolve("sysctl")).isIn("/usr/sbin/sysctl", "/sbin/sysctl");
    }

    @Test
    void thePathComesFirstAndEveryChildGetsTheSearchAsItsPath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path own = bin.resolve("sysctl");
        Files.writeString(own, "#!/bin/sh\n");
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
        SystemTools tools = new SystemTools(bin + ":" + DEBIAN_USER_PATH);

        assertThat(tools.resolve("sysctl")).isEqualTo(own.toString());
        ProcessBuilder builder = tools.processBuilder(List.of("sh", "-c", "echo $PATH"));
        assertThat(builder.command().get(0)).isIn("/usr/bin/sh", "/bin/sh");
        assertThat(builder.environment().get("PATH")).startsWith(bin + ":/usr/local/bin:/usr/bin:/bin:/usr/games")
                .contains(":/usr/sbin").contains(":/sbin");
        Process p = builder.start();
        assertThat(new String(p.getInputStream().readAllBytes()).strip()).isEqualTo(tools.searchPath());
    }

    @Test
    void aMissingCommandKeepsItsNameSoTheErrorNamesItAndRelativeEntriesAreIgnored() throws Exception {
        Path cwdTool = tmp.resolve("labbench-no-such-tool");
        Files.writeString(cwdTool, "#!/bin/sh\n");
        Files.setPosixFilePermissions(cwdTool, PosixFilePermissions.fromString("rwxr-xr-x"));
        SystemTools tools = new SystemTools("::.:relative/bin:" + DEBIAN_USER_PATH);

        assertThat(tools.find("labbench-no-such-tool")).isEmpty();
        assertThat(tools.resolve("labbench-no-such-tool")).isEqualTo("labbench-no-such-tool");
        assertThat(tools.searchPath()).doesNotContain("relative").doesNotStartWith(":").doesNotContain("::");
    }
}
