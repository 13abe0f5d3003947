package io.labbench.locallab.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and removes what a lab with a given prefix left in the kernel, whether it was stopped or
 * crashed: processes still running inside its namespaces (they would keep a deleted namespace alive)
 * or started for it (their command line names the lab folder), then the namespaces themselves.
 * Only names starting with {@code <prefix>-} are touched.
 */
public final class LabCleaner {

    private final String prefix;
    private final Path labDir;
    private final Optional<String> userNamespace;

    public LabCleaner(String prefix, Path labDir) {
        this(prefix, labDir, Optional.empty());
    }

    /** @param userNamespace a rootless lab's {@code user:[…]}: every process in it belongs to the lab */
    public LabCleaner(String prefix, Path labDir, Optional<String> userNamespace) {
        this.prefix = prefix;
        this.labDir = labDir;
        this.userNamespace = userNamespace.filter(ns -> !ns.isBlank());
    }

    /** The lab's namespaces as {@code ip netns list} shows them now (root mode). */
    public List<String> namespaces() throws IOException {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).sorted().toList();
        }
    }

    /** Processes inside the lab's namespaces or started for it, this JVM excepted. */
    public List<ProcessHandle> processes() throws IOException {
        Set<String> netnsIds = new HashSet<>();
        for (String ns : namespaces()) {
            inode(Path.of("/run/netns", ns)).ifPresent(netnsIds::add);
        }
        String labPath = labDir.toString() + "/";
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                if (inLabNetns(proc, netnsIds) || commandLineNames(proc, labPath) || inUserNamespace(proc)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /** Kills the lab's processes and deletes its namespaces; returns what it removed, for the log. */
    public List<String> clean() throws IOException {
        List<String> removed = new ArrayList<>();
        List<ProcessHandle> killed = processes();
        for (ProcessHandle process : killed) {
            removed.add("process " + process.pid() + " " + process.info().command().orElse("?"));
            process.destroyForcibly();
        }
        // wait for those killed rather than scan /proc again: every up starts with this clean-up
        for (ProcessHandle process : killed) {
            waitGone(process);
        }
        List<String> namespaces = namespaces();
        if (!namespaces.isEmpty()) {
            IpBatch batch = IpBatch.top().force();
            namespaces.forEach(ns -> batch.add("netns del " + ns));
            batch.run(new KernelAccess.Root());
            namespaces.forEach(ns -> removed.add("netns " + ns));
        }
        return removed;
    }

    private static void waitGone(ProcessHandle process) {
        try {
            process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // a process that does not die from SIGKILL is a zombie of someone else; nothing more to do
        }
    }

    private static boolean inLabNetns(Path proc, Set<String> netnsIds) {
        if (netnsIds.isEmpty()) {
            return false;
        }
        try {
            String link = Files.readSymbolicLink(proc.resolve("ns/net")).toString();
            return netnsIds.contains(link);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private boolean inUserNamespace(Path proc) {
        if (userNamespace.isEmpty()) {
            return false;
        }
        try {
            return Files.readSymbolicLink(proc.resolve("ns/user")).toString().equals(userNamespace.get());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean commandLineNames(Path proc, String labPath) {
        try {
            byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(labPath);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code net:[4026532]} as the kernel writes it in {@code /proc/PID/ns/net}. */
    private static Optional<String> inode(Path nsFile) {
        try {
            Object ino = Files.getAttribute(nsFile, "unix:ino");
            return Optional.of("net:[" + ino + "]");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
