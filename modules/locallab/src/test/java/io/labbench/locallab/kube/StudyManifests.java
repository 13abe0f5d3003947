package io.labbench.locallab.kube;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The study's manifests and fixtures from the test resources (see SOURCES.md). */
final class StudyManifests {
    private StudyManifests() {
    }

    static String text(String name) {
        try (InputStream in = StudyManifests.class.getResourceAsStream("/kube/" + name)) {
            if (in == null) {
                throw new AssertionError("test resource /kube/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Copies a manifest into {@code dir} so kubectl can read it with {@code -f}. */
    static Path file(Path dir, String name) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text(name));
            return p;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
