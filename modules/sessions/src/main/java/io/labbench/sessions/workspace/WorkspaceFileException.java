package io.labbench.sessions.workspace;

import java.util.List;
import java.util.stream.Collectors;

/** A workspace file could not be read or is not valid; carries every problem found, each with its place. */
public class WorkspaceFileException extends Exception {

    private final List<WorkspaceProblem> problems;

    public WorkspaceFileException(List<WorkspaceProblem> problems) {
        super(problems.stream().map(WorkspaceProblem::toString).collect(Collectors.joining("\n"))
                + "\nFix the file in a text editor (or with the endpoint editor) and load it again.");
        this.problems = List.copyOf(problems);
    }

    public List<WorkspaceProblem> problems() {
        return problems;
    }
}
