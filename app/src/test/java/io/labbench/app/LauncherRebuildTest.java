package io.labbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's {@code ./labbench} builds before it starts the app, and a build that stopped half-way
 * (Ctrl+C, a killed Maven, a compile error) is never taken for a finished one: Maven may already have
 * emptied {@code target/classes} or rewritten the jar, so a jar newer than the sources proves nothing.
 * The real launcher runs in a copy of the checkout's layout with a stand-in {@code mvnw} (which writes a
 * jar and can die half-way, as Maven does) and a stand-in {@code java} that says it started.
 */
class LauncherRebuildTest {

    @TempDir
    Path checkout;

    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void aBuildKilledHalfWayIsBuiltAgainOnTheNextStartWithASentenceSayingSo() throws Exception {
        layout();
        Files.writeString(checkout.resolve("die-half-way"), "");
        Run killed = launch();
        assertThat(killed.exitCode()).isNotZero();
        assertThat(killed.out()).doesNotContain("app started");
        // the half-built tree: the jar is there and newer than every source
        assertThat(checkout.resolve("app/target/labbench-app.jar")).exists();

        Run next = launch();
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).contains("the last build did not finish").contains("building again");
        assertThat(next.out()).contains("app started");
        assertThat(builds()).isEqualTo(2);

        Run third = launch();
        assertThat(third.err()).doesNotContain("build");
        assertThat(third.out()).contains("app started");
        assertThat(builds()).as("a finished build is not repeated").isEqualTo(2);

        Files.setLastModifiedTime(checkout.resolve("app/src/Main.java"), FileTime.from(Instant.now().plusSeconds(5)));
        Run changed = launch();
        assertThat(changed.err()).contains("sources changed");
        assertThat(builds()).isEqualTo(3);
    }

    @Test
    void aFailedBuildStopsWithWhatToDoAndIsRetriedNextTime() throws Exception {
        layout();
        Files.writeString(checkout.resolve("fail"), "");
        Run failed = launch();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("the build failed").contains("run ./labbench again");
        assertThat(failed.out()).doesNotContain("app started");

        Files.delete(checkout.resolve("fail"));
        Run retried = launch();
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(retried.err()).contains("did not finish");
        assertThat(retried.out()).contains("app started");
    }

    @Test
    void aJarBuiltWithoutTheLauncherIsBuiltOnceToKnowItFinished() throws Exception {
        layout();
        Files.createDirectories(checkout.resolve("app/target"));
        Files.writeString(checkout.resolve("app/target/labbench-app.jar"), "jar of a plain ./mvnw package");
        Run first = launch();
        assertThat(first.err()).contains("no finished build of this checkout on record");
        assertThat(first.out()).contains("app started");
        Run second = launch();
        assertThat(second.err()).doesNotContain("build");
        assertThat(builds()).isEqualTo(1);
    }

    /** The checkout's launcher, a source, and the stand-ins for Maven and Java. */
    private void layout() throws IOException {
        Files.copy(repositoryRoot().resolve("labbench"), checkout.resolve("labbench"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(checkout.resolve("app/src"));
        Files.createDirectories(checkout.resolve("modules"));
        Files.createDirectories(checkout.resolve("assets"));
        Files.writeString(checkout.resolve("app/jvm.options"), "-Xss1m\n");
        Files.writeString(checkout.resolve("app/src/Main.java"), "class Main {}\n");
        Instant past = Instant.now().minusSeconds(3600);
        for (Path source : List.of(checkout.resolve("pom.xml"), checkout.resolve("app/jvm.options"), checkout.resolve("app/src/Main.java"))) {
            Files.setLastModifiedTime(source, FileTime.from(past));
        }
        // Maven's order: classes emptied, then the jar rewritten, then the rest of the package phase
        script(checkout.resolve("mvnw"), "#!/bin/sh\n"
                + "echo build >> builds.log\n"
                + "mkdir -p app/target/classes && rm -rf app/target/classes/*\n"
                + "echo jar > app/target/labbench-app.jar\n"
                + "[ -f fail ] && { echo '[ERROR] COMPILATION ERROR' >&2; exit 1; }\n"
                + "[ -f die-half-way ] && { rm die-half-way; kill -9 $$; }\n"
                + "echo Main.class > app/target/classes/Main.class\n");
        script(checkout.resolve("jdk/bin/java"), "#!/bin/sh\necho \"app started: $*\"\n");
    }

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("labbench").toString(), "--version").directory(checkout.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", checkout.resolve("jdk/bin") + ":/usr/bin:/bin");
        env.put("LABBENCH_CDS", "off");
        Process p = pb.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err.join());
    }

    private int builds() throws IOException {
        return Files.readAllLines(checkout.resolve("builds.log")).size();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path repositoryRoot() {
        return Stream.iterate(Path.of("").toAbsolutePath(), dir -> dir != null, Path::getParent)
                .filter(dir -> Files.exists(dir.resolve("labbench")) && Files.exists(dir.resolve("app/jvm.options"))).findFirst()
                .orElseThrow(() -> new AssertionError("./labbench not found above " + Path.of("").toAbsolutePath()));
    }
}
