package io.labbench.locallab.pods;

import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.spi.ContainerRuntime.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pod's mounts, as the kubelet and containerd make them: each volume's files written under the pod's
 * folder ({@code volumes/<name>}, configMap and secret volumes in the kubelet's layout: a timestamped
 * folder, {@code ..data} pointing at it and one link per key), then bound at the containers'
 * {@code mountPath}s in the pod's own mount namespace only (read-only for configMap and secret volumes),
 * together with the image folders the programs bring ({@link ContainerProgram#imageFolders}). The host's
 * own files under those paths are never written. All containers of a pod share its mount namespace here,
 * so one container's mount is seen by its sidecars too.
 *
 * @param binds what goes where, parents before the paths under them
 */
record PodMounts(List<Bind> binds) {

    /** {@code source} (a lab folder or file) bound at {@code target} in the pod. */
    record Bind(Path source, String target, boolean readOnly) {
    }

    private static final DateTimeFormatter DATA_DIR = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");

    PodMounts {
        binds = List.copyOf(binds);
    }

    /**
     * Writes {@code pod}'s volumes under {@code podDir} and lists the binds its containers ask for;
     * {@code programs} are the containers' programs in the pod spec's order.
     *
     * @throws IOException naming the container and path when a mount cannot be made here: a volume the
     *                     pod does not declare, or a mountPath the host's file tree lacks (the lab's pods
     *                     share the host's files, and it does not create paths there)
     */
    static PodMounts of(ContainerRuntime.Pod pod, List<ContainerProgram> programs, Path podDir) throws IOException {
        Map<String, Path> volumes = new LinkedHashMap<>();
        Map<String, Boolean> readOnly = new LinkedHashMap<>();
        for (Volume v : pod.volumes()) {
            Path dir = podDir.resolve("volumes").resolve(v.name());
            write(v, dir);
            volumes.put(v.name(), dir);
            readOnly.put(v.name(), v instanceof Volume.Files);
        }
        Map<String, Bind> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < pod.containers().size(); i++) {
            ContainerRuntime.Container c = pod.containers().get(i);
            for (ContainerRuntime.VolumeMount m : c.volumeMounts()) {
                Path dir = volumes.get(m.name());
                if (dir == null) {
                    continue; // a volume type the lab leaves to the host's files (hostPath, PVC, projected…)
                }
                Path source = m.subPath().isEmpty() ? dir : dir.resolve(m.subPath()).toRealPath();
                if (!source.startsWith(dir.toRealPath())) {
                    throw new IOException("container " + c.name() + ": subPath " + m.subPath() + " of volume " + m.name()
                            + " leaves the volume");
                }
                String target = normalise(m.mountPath());
                if (!Files.exists(Path.of(target))) {
                    throw new IOException("container " + c.name() + ": the local lab's pods share the host's files and this"
                            + " host has no " + target + " to mount volume \"" + m.name() + "\" over; mount it at a path"
                            + " that exists (e.g. under /etc, /usr/share or /var), or create " + target + " on this machine");
                }
                byTarget.put(target, new Bind(source, target, m.readOnly() || readOnly.get(m.name())));
            }
        }
        List<Bind> binds = new ArrayList<>();
        for (ContainerProgram program : programs) {
            program.imageFolders().forEach((target, source) -> {
                boolean covered = byTarget.keySet().stream().anyMatch(t -> target.equals(t) || target.startsWith(t + "/"));
                if (!covered) {
                    binds.add(new Bind(source, target, false));
                }
            });
        }
        binds.addAll(byTarget.values());
        binds.sort(Comparator.comparingInt(b -> b.target().split("/").length));
        return new PodMounts(binds);
    }

    boolean isEmpty() {
        return binds.isEmpty();
    }

    /**
     * The command (run inside the pod's mount namespace) that makes the binds: {@code mount --bind}, with
     * {@code -o ro} for read-only ones (util-linux then remounts the bind read-only).
     */
    List<String> mountCommand() {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "set -e; while [ $# -gt 0 ]; do if [ \"$3\" = ro ]; then mount --bind -o ro \"$1\" \"$2\";"
                        + " else mount --bind \"$1\" \"$2\"; fi; shift 3; done", "labbench-mounts"));
        for (Bind b : binds) {
            argv.add(b.source().toString());
            argv.add(b.target());
            argv.add(b.readOnly() ? "ro" : "rw");
        }
        return argv;
    }

    private static String normalise(String mountPath) {
        String p = Path.of("/").resolve(mountPath).normalize().toString();
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** A volume's folder: empty for emptyDir; for files, the kubelet's atomic-writer layout. */
    private static void write(Volume volume, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (volume instanceof Volume.Files files) {
            Path data = writeData(files, dir);
            Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
            for (String name : topNames(files, data)) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data").resolve(name));
            }
        }
    }

    /**
     * The kubelet's update of a mounted configMap or secret: a new timestamped folder, {@code ..data}
     * switched to it in one rename (a reader sees the old files or the new, never half), links for new
     * keys added and for gone ones removed, the old folder deleted. Nothing happens when the files are the same.
     */
    static void update(Volume.Files files, Path dir) throws IOException {
        Path link = dir.resolve("..data");
        if (!Files.isSymbolicLink(link)) {
            return;
        }
        Path old = dir.resolve(Files.readSymbolicLink(link));
        if (sameFiles(files, old)) {
            return;
        }
        Path data = writeData(files, dir);
        Path swap = dir.resolve("..data_tmp");
        Files.deleteIfExists(swap);
        Files.createSymbolicLink(swap, data.getFileName());
        Files.move(swap, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Set<String> names = topNames(files, data);
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !names.contains(name)) {
                    Files.delete(entry);
                }
            }
        }
        for (String name : names) {
            if (!Files.isSymbolicLink(dir.resolve(name))) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data").resolve(name));
            }
        }
        deleteTree(old);
    }

    private static Path writeData(Volume.Files files, Path dir) throws IOException {
        Path data = dir.resolve(LocalDateTime.now().format(DATA_DIR));
        Files.createDirectories(data);
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            Path target = data.resolve(file.getKey()).normalize();
            if (!target.startsWith(data) || target.equals(data)) {
                throw new IOException("volume " + files.name() + ": the path " + file.getKey() + " leaves the volume");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            setMode(target, files.mode());
        }
        return data;
    }

    private static Set<String> topNames(Volume.Files files, Path data) {
        Set<String> top = new java.util.LinkedHashSet<>();
        files.files().keySet().forEach(k -> top.add(data.relativize(data.resolve(k).normalize()).getName(0).toString()));
        return top;
    }

    private static boolean sameFiles(Volume.Files files, Path data) throws IOException {
        List<Path> present;
        try (var walk = Files.walk(data)) {
            present = walk.filter(Files::isRegularFile).toList();
        }
        if (present.size() != files.files().size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            Path p = data.resolve(file.getKey()).normalize();
            if (!Files.isRegularFile(p) || !java.util.Arrays.equals(Files.readAllBytes(p), file.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void setMode(Path file, int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // the file keeps the lab's default mode
        }
    }

    Optional<Bind> at(String target) {
        return binds.stream().filter(b -> b.target().equals(target)).findFirst();
    }
}
