package io.labbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app runs with the same JVM options from the checkout ({@code ./labbench}) as installed: both take
 * them from {@code app/jvm.options}, the installer through {@code jpackage-common.args}, whose copy must
 * not drift. And the JVM takes every one of them without a word: a mistyped flag stops it, a mistyped
 * compile command only warns.
 */
class JvmOptionsInStepTest {

    private static final Pattern JAVA_OPTION = Pattern.compile("^--java-options \"(-XX:[^\"]+)\"$");

    @Test
    void theInstalledAppHasTheCheckoutsOptions() throws IOException {
        Path repo = repositoryRoot();
        List<String> checkout = options(repo.resolve("app/jvm.options"));
        List<String> installed = Files.readAllLines(repo.resolve("installer/linux/jpackage-common.args")).stream()
                .map(JAVA_OPTION::matcher).filter(Matcher::matches).map(m -> m.group(1))
                // The class-data archive exists only in an installed app.
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile=")).toList();
        assertThat(checkout).isNotEmpty();
        assertThat(installed).containsExactlyElementsOf(checkout);
        assertThat(Files.readString(repo.resolve("labbench"))).contains("@$here/app/jvm.options");
    }

    @Test
    void theJvmTakesThemSilently() throws Exception {
        String version = java("-version");
        // Only the version banner: no warning about a flag, no echo of a compile command.
        assertThat(version.lines()).isNotEmpty().allMatch(line -> line.matches("(?i)(openjdk|java).*"), "a version line");
        assertThat(java("-XX:+PrintFlagsFinal", "-version")).containsPattern("Tier4InvocationThreshold\\s+= 50000 ");
    }

    @Test
    void theMethodsKeptOutOfLineExist() throws Exception {
        // The JVM (CompileCommand=quiet) says nothing about a command that names no method: a renamed method would
        // silently be inlined again.
        List<String> outOfLine = options(repositoryRoot().resolve("app/jvm.options")).stream()
                .filter(option -> option.startsWith("-XX:CompileCommand=dontinline,"))
                .map(option -> option.substring("-XX:CompileCommand=dontinline,".length())).toList();
        assertThat(outOfLine).isNotEmpty();
        for (String method : outOfLine) {
            String[] parts = method.split("::");
            assertThat(Class.forName(parts[0]).getDeclaredMethods()).as(method)
                    .anyMatch(declared -> declared.getName().equals(parts[1]));
        }
    }

    private static String java(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + repositoryRoot().resolve("app/jvm.options")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> options(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static Path repositoryRoot() {
        return Stream.iterate(Path.of("").toAbsolutePath(), dir -> dir != null, Path::getParent)
                .filter(dir -> Files.exists(dir.resolve("app/jvm.options"))).findFirst()
                .orElseThrow(() -> new AssertionError("app/jvm.options not found above " + Path.of("").toAbsolutePath()));
    }
}
