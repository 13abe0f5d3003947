package io.labbench.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** The window a UI test drove, saved as a PNG (under {@code target/}) for a person to look at after the run. */
public final class SceneSnapshot {
    private SceneSnapshot() {
    }

    /** Waits for pending FX events, then snapshots the whole scene {@code anyNode} is in and writes it to {@code png}. */
    public static void save(Node anyNode, Path png) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> anyNode.getScene().snapshot(null)).get(30, TimeUnit.SECONDS);
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile())) {
            throw new IOException("no PNG writer for " + png);
        }
    }
}
