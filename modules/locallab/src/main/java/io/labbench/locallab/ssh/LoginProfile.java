package io.labbench.locallab.ssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lab machine's {@code /etc/profile.d}, so that login shells ({@code bash -l}, {@code su -}, a login
 * over ssh) keep what the machine's sessions get from the lab: {@code /etc/profile} resets PATH, and
 * {@code su -} clears the environment, which would lose kops-ec2's {@code kops}, {@code aws},
 * {@code yh} and its {@code KUBECONFIG}. On a real kops-ec2 these live on the standard PATH and in
 * root's profile; here one more snippet in {@code /etc/profile.d} puts them back, as a real machine's
 * packages do.
 *
 * <p>The folder is a copy of the host's snippets plus the lab's own; {@link MachineShell} binds it over
 * {@code /etc/profile.d} inside the machine's mount namespace only, so the host's own shells never
 * read it.
 */
final class LoginProfile {

    /** Variables every session sets by itself (login, su and sudo set them anew), never re-exported. */
    private static final Set<String> SESSION_VARIABLES = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG");
    static final String SNIPPET = "labbench-lab.sh";

    private LoginProfile() {
    }

    /** Where a machine's folder lies: beside the hosts file that {@link MachineShell} binds, by hostname. */
    static Path folder(Path hostsFile, String hostname) {
        return hostsFile.resolveSibling("profile.d").resolve(hostname);
    }

    /**
     * Writes the machine's folder: the host's snippets, then the lab's, which prepends {@code labPath}
     * (the folders before the system ones) and exports the machine's own variables. For a root
     * machine (kops-ec2) {@code su -} would also land in the host's {@code /root}: the snippet moves
     * such a shell to the machine's home, where the study's files are.
     */
    static void write(Path folder, Path hostProfileD, List<Path> labPath, Map<String, String> environment,
                      boolean rootHome, Path home) throws IOException {
        Files.createDirectories(folder);
        if (Files.isDirectory(hostProfileD)) {
            try (DirectoryStream<Path> snippets = Files.newDirectoryStream(hostProfileD)) {
                for (Path snippet : snippets) {
                    if (Files.isRegularFile(snippet) && Files.isReadable(snippet)) {
                        LabKeys.writeText(folder.resolve(snippet.getFileName().toString()),
                                new String(Files.readAllBytes(snippet), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        LabKeys.writeText(folder.resolve(SNIPPET), snippet(labPath, environment, rootHome, home));
    }

    static String snippet(List<Path> labPath, Map<String, String> environment, boolean rootHome, Path home) {
        StringBuilder s = new StringBuilder("# LabBench local lab: this machine's tools and settings for login shells\n"
                + "# (/etc/profile resets PATH, su - clears the environment)\n");
        for (int i = labPath.size() - 1; i >= 0; i--) {
            String dir = quote(labPath.get(i).toString());
            s.append("case \":$PATH:\" in *:").append(dir).append(":*) ;; *) PATH=").append(dir).append(":$PATH ;; esac\n");
        }
        s.append("export PATH\n");
        environment.forEach((name, value) -> {
            if (!SESSION_VARIABLES.contains(name)) {
                s.append("export ").append(name).append('=').append(quote(value)).append('\n');
            }
        });
        if (rootHome) {
            s.append("if [ \"$(id -u)\" = 0 ] && [ \"$HOME\" = /root ]; then\n")
                    .append("  [ \"$PWD\" = /root ] && cd ").append(quote(home.toString())).append('\n')
                    .append("  HOME=").append(quote(home.toString())).append("; export HOME\n")
                    .append("fi\n");
        }
        return s.toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
