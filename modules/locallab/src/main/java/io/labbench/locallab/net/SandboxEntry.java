package io.labbench.locallab.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's namespaces made in one process: Perl (Debian's {@code perl-base}, an Essential package, so on
 * every Debian and Ubuntu machine) joins the pod's network namespace, unshares a UTS and a mount
 * namespace, makes its mounts private, sets the hostname, binds the pod's {@code /etc} files and then
 * becomes the holder, with the kernel's own calls ({@code setns}, {@code unshare}, {@code mount},
 * {@code sethostname}). That is what {@code nsenter}, {@code unshare}, {@code bash} and a {@code mount}
 * per file did, seven processes in a row: on a busy machine every process start waits its turn for a CPU
 * (a quarter of a second each at load 25 on two cores), and a node filling up with pods waited on them.
 * Perl's {@code syscall} takes the call's number, which differs per CPU: known here for x86-64 and arm64;
 * elsewhere {@link #argv} is empty and the pod is set up the long way.
 */
final class SandboxEntry {

    /** setns, unshare, mount, sethostname: the kernel's call numbers on each CPU this class knows. */
    private static final Map<String, List<Integer>> CALLS = Map.of(
            "amd64", List.of(308, 272, 165, 170),
            "x86_64", List.of(308, 272, 165, 170),
            "aarch64", List.of(268, 97, 40, 161));

    private static final String SCRIPT = String.join("\n",
            "use strict; $| = 1;",
            "my ($setns, $unshare, $mount, $sethostname, $netns, $host, $holder, $shown, @binds) = @ARGV;",
            "open(my $ns, '<', $netns) or die \"cannot open $netns: $!\\n\";",
            // CLONE_NEWNET
            "syscall($setns, fileno($ns), 0x40000000) == 0 or die \"setns $netns: $!\\n\"; close $ns;",
            // CLONE_NEWNS | CLONE_NEWUTS
            "syscall($unshare, 0x00020000 | 0x04000000) == 0 or die \"unshare: $!\\n\";",
            // MS_REC | MS_PRIVATE on /: the pod's binds stay its own
            "my $root = '/'; syscall($mount, 0, $root, 0, 0x4000 | 0x40000, 0) == 0 or die \"private /: $!\\n\";",
            "syscall($sethostname, $host, length($host)) == 0 or die \"sethostname: $!\\n\";",
            // MS_BIND | MS_REC (a folder brings the binds made inside it: the pod's home); a file the host
            // lacks (or a dangling /etc/resolv.conf symlink) is skipped
            "while (my ($from, $to) = splice(@binds, 0, 2)) {",
            "  next unless -e $to;",
            "  syscall($mount, $from, $to, 0, 0x1000 | 0x4000, 0) == 0 or die \"bind $to: $!\\n\";",
            "}",
            "print \"ready\\n\";",
            "exec { $holder } $shown or die \"cannot run $holder: $!\\n\";");

    private SandboxEntry() {
    }

    /**
     * The argv (before {@link KernelAccess#command}) that enters {@code netnsPath}, makes the pod's
     * namespaces with {@code hostname} and {@code bindings} (file → path it covers), prints
     * {@code ready} and runs {@code holder} as {@code shown}; empty on a CPU whose call numbers are not known.
     */
    static Optional<List<String>> argv(String netnsPath, String hostname, String holder, String shown, Map<java.nio.file.Path, String> bindings) {
        List<Integer> calls = CALLS.get(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));
        if (calls == null) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of("perl", "-e", SCRIPT));
        calls.forEach(n -> argv.add(Integer.toString(n)));
        argv.addAll(List.of(netnsPath, hostname, holder, shown));
        bindings.forEach((file, target) -> {
            argv.add(file.toString());
            argv.add(target);
        });
        return Optional.of(argv);
    }
}
