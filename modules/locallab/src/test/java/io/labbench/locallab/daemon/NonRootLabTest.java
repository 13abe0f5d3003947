package io.labbench.locallab.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab run by a normal user (uid 65534 here): the daemon finds it is not root, builds the lab
 * inside a user namespace, serves SSH, and leaves nothing when stopped. Skipped, with the reason,
 * where this machine cannot switch to that user or it cannot create user namespaces.
 */
@Tag("normal-user-path") // run by the pom's normal-user-path execution only
class NonRootLabTest {

    private static final String NOBODY = "65534";
    /** Debian's default PATH for a normal user's login shell (/etc/profile). */
    static final String DEBIAN_USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    @TempDir
    Path tmp;

    @Test
    void aNormalUsersLabRunsInsideAUserNamespaceAndStopsClean() throws Exception {
        assumeTrue(TestLabs.sh("id", "-u").strip().equals("0"), "needs root to switch to an unprivileged user");
        ProcessRunner.Result probe = ProcessRunner.runAllowingFailure(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "unshare", "--user", "--map-root-user", "--net", "true"), "");
        assumeTrue(probe.exitCode() == 0, "an unprivileged user cannot create user namespaces here: " + probe.stderr());

        Path work = Files.createDirectories(tmp.resolve("nonroot"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jars = Files.createDirectories(work.resolve("cp"));
        String classpath = readableClasspath(jars);
        Path home = Files.createDirectories(work.resolve("home"));
        TestLabs.sh("chown", "-R", NOBODY + ":" + NOBODY, home.toString());
        LabSettings settings = TestLabs.settings(home.resolve("state"));

        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                // a normal user's login environment, not root's: Debian's PATH for users lacks /usr/sbin and /sbin
                "env", "-i", "HOME=" + home, "PATH=" + DEBIAN_USER_PATH, "USER=nobody", "LOGNAME=nobody", "SHELL=/bin/sh",
                "LANG=C.UTF-8",
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                LabDaemon.class.getName()));
        argv.addAll(LabDaemonLauncher.arguments(settings));
        Process daemon = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile())
                .redirectInput(new File("/dev/null")).start();
        try {
            LabStatus status = awaitUp(settings, daemon, work.resolve("daemon.log"));
            assertThat(status.rootless()).isTrue();
            assertThat(TestLabs.sh("ip", "netns", "list")).doesNotContain(settings.prefix() + "-");
            LabStatus.Endpoint worker1 = status.endpoints().stream().filter(e -> e.name().equals("worker1")).findFirst().orElseThrow();
            assertThat(ProcessRunner.run(List.of("ssh", "-F", "/dev/null", "-i", worker1.privateKey(), "-o",
                    "UserKnownHostsFile=" + worker1.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-p", Integer.toString(worker1.port()), "ubuntu@127.0.0.1", "hostname"), "")).isEqualTo("ip-172-30-46-72\n");
            long holder = LabStateFile.readState(settings).orElseThrow().holderPid();
            assertThat(TestLabs.sh("stat", "-c", "%u", "/proc/" + holder).strip()).as("helper runs as the user").isEqualTo(NOBODY);

            daemon.destroy();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(TestLabs.sh("sh", "-c", "ps -eo args | grep -F '" + settings.labDir() + "/' | grep -v grep || true")).isBlank();
            assertThat(settings.labDir()).doesNotExist();
        } finally {
            daemon.destroyForcibly();
            LabDaemonLauncher.stop(settings, java.time.Duration.ofSeconds(30));
        }
    }

    private static LabStatus awaitUp(LabSettings settings, Process daemon, Path log) throws Exception {
        for (int i = 0; i < 1200; i++) {
            Optional<LabStatus> status = LabStateFile.readStatus(settings);
            if (status.isPresent() && status.get().running()) {
                return status.get();
            }
            if (!daemon.isAlive()) {
                throw new AssertionError("the daemon exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the lab was not up in 120 s: " + Files.readString(log));
    }

    /** The test class path as hard links (or copies) in a folder the unprivileged user can read. */
    private static String readableClasspath(Path dir) throws IOException {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : full.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = dir.resolve((n++) + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                TestLabs.sh("cp", "-r", source.toString(), target.toString());
                TestLabs.sh("chmod", "-R", "a+rX", target.toString());
            } else if (Files.getPosixFilePermissions(source).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                // a hard link is instant and leaves the original's permissions alone
                try {
                    Files.createLink(target, source);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(source, target);
                }
            } else {
                Files.copy(source, target);
                TestLabs.sh("chmod", "a+r", target.toString());
            }
            entries.add(target.toString());
        }
        TestLabs.sh("chmod", "a+rx", dir.toString(), dir.getParent().toString());
        return String.join(File.pathSeparator, entries);
    }
}
