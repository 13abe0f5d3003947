package io.labbench.sessions.workspace;

import io.labbench.sessions.AppDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds, loads and saves workspaces in their folders under {@link AppDirs#workspaces()}. */
public final class WorkspaceStore {

    public static final String FILE_NAME = "workspace.yaml";

    private final AppDirs dirs;

    public WorkspaceStore(AppDirs dirs) {
        this.dirs = dirs;
    }

    public Path folder(String workspaceName) {
        return dirs.workspace(workspaceName);
    }

    public Path file(String workspaceName) {
        return folder(workspaceName).resolve(FILE_NAME);
    }

    /** Where terminal transcripts of this workspace go. */
    public Path transcripts(String workspaceName) {
        return folder(workspaceName).resolve("transcripts");
    }

    public boolean exists(String workspaceName) {
        return Files.isRegularFile(file(workspaceName));
    }

    public Workspace load(String workspaceName) throws WorkspaceFileException {
        return WorkspaceYaml.read(file(workspaceName));
    }

    /**
     * Loads the workspace, or creates and saves {@link Workspace#defaultLocal(String)} when it has no
     * file yet. A file that exists but is invalid is never overwritten: the exception says what to fix.
     */
    public Workspace loadOrCreateDefault(String workspaceName) throws WorkspaceFileException, IOException {
        if (exists(workspaceName)) {
            return load(workspaceName);
        }
        Workspace workspace = Workspace.defaultLocal(workspaceName);
        save(workspace);
        return workspace;
    }

    public void save(Workspace workspace) throws IOException {
        WorkspaceYaml.write(workspace, file(workspace.name()));
    }
}
