package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports the learner saves (a watch panel's PNG, a table or diff as text) go to a file the learner
 * picked, often over an earlier export: a save that fails half-way must leave the earlier one whole.
 */
class WatchFilesTest {

    @TempDir
    Path dir;

    @Test
    void aPngSaveThatFailsHalfWayLeavesTheEarlierExportAsItWas() throws Exception {
        Path png = dir.resolve("worker1-ip-link.png");
        WatchFiles.writePng(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), png);
        byte[] earlier = Files.readAllBytes(png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(40);

        // the encoder has written the PNG header by the time it reads the pixels and fails
        BufferedImage failing = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB) {
            @Override
            public Raster getData(Rectangle rect) {
                throw new IllegalStateException("the snapshot went away");
            }

            @Override
            public Raster getData() {
                throw new IllegalStateException("the snapshot went away");
            }
        };
        assertThatThrownBy(() -> WatchFiles.writePng(failing, png)).hasMessageContaining("the snapshot went away");
        assertThat(Files.readAllBytes(png)).isEqualTo(earlier);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(40);
        try (var listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList()).as("no half file beside it").isEqualTo(List.of("worker1-ip-link.png"));
        }
    }

    @Test
    void aTextSaveReplacesTheEarlierExportWhole() throws Exception {
        Path md = dir.resolve("diff.md");
        WatchFiles.writeText("| added | eni0a1b2c3d4e5 |\n".repeat(1000), md);
        WatchFiles.writeText("| removed | eni0a1b2c3d4e5 |\n", md);
        assertThat(Files.readString(md)).isEqualTo("| removed | eni0a1b2c3d4e5 |\n");
    }
}
