package io.labbench.labmodel.load;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The sample lab in test resources, and helpers to break it in one place and locate the break. */
final class LabFixture {
    final Path file;
    final Path assets;
    final String text;

    LabFixture() throws Exception {
        file = resource("/labs/labs/sample.yaml");
        assets = file.getParent().getParent();
        text = Files.readString(file, StandardCharsets.UTF_8);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(LabFixture.class.getResource(name).toURI());
    }

    LoadResult load(String yaml) {
        return new LabLoader().load("lab.yaml", yaml, Optional.of(assets));
    }

    /** The sample with the first {@code from} replaced by {@code to}; fails loudly if {@code from} is absent. */
    String replace(String from, String to) {
        int at = text.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("fixture has no " + from);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** 1-based line and column of the first {@code needle} in {@code yaml}. */
    static int[] position(String yaml, String needle) {
        int at = yaml.indexOf(needle);
        if (at < 0) {
            throw new IllegalArgumentException("no " + needle);
        }
        String before = yaml.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - before.lastIndexOf('\n');
        return new int[] {line, column};
    }
}
