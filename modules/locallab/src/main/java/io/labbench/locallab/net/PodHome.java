package io.labbench.locallab.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's own {@code /root}, as a container has one from its image: a folder in the pod's folder with
 * what a Debian image's {@code /root} holds ({@code .bashrc} and {@code .profile} from {@code base-files}),
 * bound over {@code /root} in the pod's mount namespace only. Without it a pod's shells read the
 * learner's own dotfiles (a stale pyenv lock in one once hung {@code kubectl exec … bash}). The lab's
 * containers run the host's programs from files in the lab's folder; when that folder lies under the host's
 * {@code /root} (the default {@code ~/.local/state/labbench}) it is bound at the same path inside the
 * pod's home first, and the home's bind is recursive, so those files stay where the containers look.
 *
 * @param dir      the pod's home folder
 * @param labState the lab's folder under {@code /root}, when it is there
 */
public record PodHome(Path dir, Optional<Path> labState) {

    /** The home a container's root user has. */
    public static final String PATH = "/root";

    /** The dotfiles Debian's {@code base-files} puts in {@code /root}, as a {@code debian} image has them. */
    private static final Map<String, Path> DOTFILES = Map.of(
            ".bashrc", Path.of("/usr/share/base-files/dot.bashrc"),
            ".profile", Path.of("/usr/share/base-files/dot.profile"));

    static PodHome write(Path dir, Path labState) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Path> dotfile : DOTFILES.entrySet()) {
            if (Files.isRegularFile(dotfile.getValue())) {
                Files.copy(dotfile.getValue(), dir.resolve(dotfile.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path state = labState.toAbsolutePath().normalize();
        Optional<Path> underHome = Optional.of(state).filter(p -> p.startsWith(PATH) && !p.equals(Path.of(PATH)));
        if (underHome.isPresent()) {
            Files.createDirectories(dir.resolve(Path.of(PATH).relativize(underHome.get())));
        }
        return new PodHome(dir, underHome);
    }

    /** In order: the lab's folder into the home, then the home over {@code /root}. */
    Map<Path, String> bindings() {
        Map<Path, String> b = new LinkedHashMap<>();
        labState.ifPresent(state -> b.put(state, dir.resolve(Path.of(PATH).relativize(state)).toString()));
        b.put(dir, PATH);
        return b;
    }
}
