package io.labbench.labmodel.notebook;

import java.nio.file.Path;
import java.util.List;

/** What an export wrote. */
public record NotebookFiles(Path markdown, Path html, List<Path> images, int steps) {
    public NotebookFiles {
        images = List.copyOf(images);
    }
}
