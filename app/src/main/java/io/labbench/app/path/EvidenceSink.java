package io.labbench.app.path;

import java.nio.file.Path;

/** Where exported pictures go so the lab notebook includes them: the workspace folder and the lab's evidence list. */
public interface EvidenceSink {

    /** The workspace folder; pictures are written to its {@code evidence/} folder. */
    Path workspaceDir();

    /**
     * Records {@code workspaceRelativeFile} as image evidence titled {@code title} (on the lab pane's selected
     * step) and says where it went, e.g. {@code "added to step 2-3"}.
     */
    String addImage(String title, String workspaceRelativeFile);
}
