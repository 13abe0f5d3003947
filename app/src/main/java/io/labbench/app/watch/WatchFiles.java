package io.labbench.app.watch;

import io.labbench.sessions.AppDirs;
import io.labbench.storage.AtomicFileWriter;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * Where exports go: the learner picks the file (starting in {@code <data>/exports}); the writing
 * happens off the JavaFX thread and the outcome comes back as a sentence for the panel.
 */
final class WatchFiles {

    private WatchFiles() {
    }

    static Path exportFolder() {
        return AppDirs.fromEnvironment().data().resolve("exports");
    }

    static void saveText(Node owner, String fileName, String text, Consumer<String> notice) {
        choose(owner, fileName).ifPresent(file -> write(file.toPath(), notice, () -> writeText(text, file.toPath())));
    }

    /**
     * Writes an export whole or not at all ({@link AtomicFileWriter}): saving over an earlier export that
     * fails half-way, or is cut short by a crash, leaves the earlier one. Call off the JavaFX thread.
     */
    static void writeText(String text, Path file) throws IOException {
        AtomicFileWriter.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG of {@code node} as it looks now (the snapshot must be taken on the JavaFX thread). */
    static void savePng(Node node, String fileName, Consumer<String> notice) {
        choose(node, fileName).ifPresent(file -> {
            BufferedImage image = SwingFXUtils.fromFXImage(snapshot(node), null);
            write(file.toPath(), notice, () -> writePng(image, file.toPath()));
        });
    }

    /** Writes {@code image} as PNG, whole or not at all like {@link #writeText}; call off the JavaFX thread. */
    static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFileWriter.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    static WritableImage snapshot(Node node) {
        return node.snapshot(null, null);
    }

    private static java.util.Optional<File> choose(Node owner, String fileName) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(fileName);
        File folder = exportFolder().toFile();
        if (folder.isDirectory() || folder.mkdirs()) {
            chooser.setInitialDirectory(folder);
        }
        return java.util.Optional.ofNullable(chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow()));
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Path file, Consumer<String> notice, Write write) {
        CompletableFuture.runAsync(() -> {
            String message;
            try {
                write.run();
                message = "Saved " + file;
            } catch (IOException | RuntimeException e) {
                message = "Could not save " + file + ": " + e.getMessage() + " — pick another folder";
            }
            String done = message;
            Platform.runLater(() -> notice.accept(done));
        });
    }
}
