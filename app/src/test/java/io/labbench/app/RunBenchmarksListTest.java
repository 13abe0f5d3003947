package io.labbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-benchmarks} is the one command behind every figure in the notes, so a benchmark it does
 * not know is a figure nobody can reproduce. This starts {@code ./run-benchmarks --list} (which builds
 * and runs nothing) and checks that it names every benchmark class in the source tree: each test class
 * named {@code *Benchmark} or {@code *Bench}, and each JMH class, wherever it lives (tests aside).
 */
class RunBenchmarksListTest {

    @Test
    void listsEveryBenchmarkClassInTheTree() throws Exception {
        Path repo = repositoryRoot();
        List<String> benchmarks = benchmarkClasses(repo);
        assertThat(benchmarks).as("benchmark classes found under %s", repo).hasSizeGreaterThan(5);

        Process process = new ProcessBuilder("bash", repo.resolve("run-benchmarks").toString(), "--list")
                .directory(repo.toFile()).redirectErrorStream(true).start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", listing).isZero();

        assertThat(listing).as("./run-benchmarks --list (add the missing ones to benchmarks/benchmarks.tsv)")
                .contains(benchmarks);
        assertThat(listing).as("--list builds nothing").doesNotContain("building");
    }

    /** Fully qualified names of the benchmark classes under every module's src/test/java. */
    private static List<String> benchmarkClasses(Path repo) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                // Build output and hidden folders (.git, .m2 caches) hold no sources and can be large.
                return name.equals("target") || name.equals("node_modules") || (name.startsWith(".") && !dir.equals(repo))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.toString().replace('\\', '/').contains("/src/test/java/") && file.toString().endsWith(".java")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources.stream().filter(RunBenchmarksListTest::isBenchmark).map(RunBenchmarksListTest::className).sorted().toList();
    }

    private static boolean isBenchmark(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith("Test.java")) {
            return false;
        }
        if (name.endsWith("Benchmark.java") || name.endsWith("Bench.java")) {
            return true;
        }
        try {
            return Files.readString(file).contains("import org.openjdk.jmh.annotations.Benchmark;");
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static String className(Path file) {
        String path = file.toString().replace('\\', '/');
        String relative = path.substring(path.indexOf("/src/test/java/") + "/src/test/java/".length());
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static Path repositoryRoot() {
        return Stream.iterate(Path.of("").toAbsolutePath(), dir -> dir != null, Path::getParent)
                .filter(dir -> Files.exists(dir.resolve("run-benchmarks"))).findFirst()
                .orElseThrow(() -> new AssertionError("run-benchmarks not found above " + Path.of("").toAbsolutePath()));
    }
}
