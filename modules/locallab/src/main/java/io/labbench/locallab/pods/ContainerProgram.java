package io.labbench.locallab.pods;

import java.util.List;
import java.util.Optional;

/**
 * What the lab runs for a container.
 *
 * @param argv        the process, run inside the pod's namespaces
 * @param notEmulated the warning the pod's events get when the lab runs a stand-in instead of the image
 * @param firstLines  what the image's entrypoint prints before it starts its server, written to the log
 *                    by the runtime (no shell process just to print them)
 * @param imageFolders folders of the image's own files: path in the container → the lab's folder holding
 *                    them (e.g. the nginx image's {@code /etc/nginx/conf.d} with its {@code default.conf}),
 *                    bound there in the pod's mount namespace unless a volume covers that path
 * @param startError  why the container runtime cannot start this program at all (its executable is not
 *                    in the image), in the runtime's words; the container then never runs and fails
 *                    as a real one does ({@code StartError}, exit code 128), {@code argv} unused
 */
public record ContainerProgram(List<String> argv, Optional<String> notEmulated, List<String> firstLines,
                               java.util.Map<String, java.nio.file.Path> imageFolders, Optional<String> startError) {
    public ContainerProgram {
        argv = List.copyOf(argv);
        firstLines = List.copyOf(firstLines);
        imageFolders = java.util.Map.copyOf(imageFolders);
    }

    public ContainerProgram(List<String> argv, Optional<String> notEmulated, List<String> firstLines,
                            java.util.Map<String, java.nio.file.Path> imageFolders) {
        this(argv, notEmulated, firstLines, imageFolders, Optional.empty());
    }

    public ContainerProgram(List<String> argv, Optional<String> notEmulated, List<String> firstLines) {
        this(argv, notEmulated, firstLines, java.util.Map.of());
    }

    public ContainerProgram(List<String> argv, Optional<String> notEmulated) {
        this(argv, notEmulated, List.of());
    }

    /** This program with the image's folder {@code source} at {@code path} in the container. */
    ContainerProgram withImageFolder(String path, java.nio.file.Path source) {
        java.util.Map<String, java.nio.file.Path> folders = new java.util.LinkedHashMap<>(imageFolders);
        folders.put(path, source);
        return new ContainerProgram(argv, notEmulated, firstLines, folders, startError);
    }

    static ContainerProgram of(List<String> argv) {
        return new ContainerProgram(argv, Optional.empty());
    }

    /** {@code argv} run directly, its log starting with {@code firstLines}. */
    static ContainerProgram printingFirst(List<String> firstLines, List<String> argv) {
        return new ContainerProgram(argv, Optional.empty(), firstLines);
    }

    /**
     * A command whose executable the image does not have: runc's error as containerd reports it (what
     * {@code kubectl describe pod} shows a learner who mistyped a command), {@code hint} as an event beside it.
     */
    static ContainerProgram executableNotFound(String executable, String hint) {
        return new ContainerProgram(List.of(), Optional.of(hint), List.of(), java.util.Map.of(),
                Optional.of("failed to create containerd task: failed to create shim task: OCI runtime create failed:"
                        + " runc create failed: unable to start container process: exec: \"" + executable
                        + "\": executable file not found in $PATH: unknown"));
    }

    /** Sleeps after printing {@code message} to its log, so {@code kubectl logs} says what happened too. */
    static ContainerProgram sleepingStandIn(String message) {
        return new ContainerProgram(List.of("sh", "-c", "printf '%s\\n' \"$0\"; exec sleep infinity", message),
                Optional.of(message));
    }
}
