package io.labbench.app.path;

import java.io.IOException;

/**
 * The picture to export, as PNG bytes on demand: the view takes its snapshot on the JavaFX thread and hands
 * over this encoder, which the view-model runs on its background thread with the file writes.
 */
@FunctionalInterface
public interface PngSource {
    byte[] encode() throws IOException;
}
