package io.labbench.sessions.workspace;

import java.nio.file.Path;

/** One thing wrong in a workspace file, where it is (1-based line and column) and what was expected. */
public record WorkspaceProblem(Path file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
