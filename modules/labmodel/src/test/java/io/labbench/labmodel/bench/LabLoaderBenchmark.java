package io.labbench.labmodel.bench;

import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How long loading and validating the shipped week-2 lab takes (what the wizard pays at start and
 * {@code labbench lab validate} per file). A main(), not a test:
 * {@code java -cp <test classpath> io.labbench.labmodel.bench.LabLoaderBenchmark [assets/labs/pkos-week2.yaml]}.
 */
public final class LabLoaderBenchmark {
    private LabLoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "assets/labs/pkos-week2.yaml");
        String text = Files.readString(file);
        LabLoader loader = new LabLoader();
        for (int i = 0; i < 20; i++) {
            loader.load(file.toString(), text, Optional.empty());
        }
        int runs = 50;
        long start = System.nanoTime();
        LoadResult last = null;
        for (int i = 0; i < runs; i++) {
            last = loader.load(file.toString(), text, Optional.empty());
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("%s: %d bytes, %d steps, %d errors; %.1f ms per load (mean of %d after 20 warm-ups)%n", file,
                text.length(), last.lab().map(l -> l.allSteps().size()).orElse(0), last.errors().size(), ms, runs);
        // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\tlab file load (%s)\t%.2f\tms\t-\t-%n", file.getFileName(), ms);
    }
}
