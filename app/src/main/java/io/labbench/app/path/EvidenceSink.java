package io.labbench.app.path;

import java.nio.file.Path;

/** Where exported pictures go so the lab notebook includes them: the workspace folder and the lab's evidence list. */
public interface EvidenceSink {

    /**
     * Where a picture exported now goes. Called on the JavaFX thread when the learner exports, so it may read
     * what the window shows (the lab pane's selected step); the answer is then used from a background thread.
     */
    Destination destination();

    /** A picture's place, fixed at the moment of export; safe to use from any thread. */
    interface Destination {

        /** The workspace folder; pictures are written to its {@code evidence/} folder. */
        Path workspaceDir();

        /**
         * Records {@code workspaceRelativeFile} as image evidence titled {@code title} and says where it went,
         * e.g. {@code "added to the notebook under step 2-3"}.
         */
        String addImage(String title, String workspaceRelativeFile);
    }

    /** A destination that is the same whenever asked (tests, demos, no lab open). */
    static EvidenceSink fixed(Destination destination) {
        return () -> destination;
    }
}
