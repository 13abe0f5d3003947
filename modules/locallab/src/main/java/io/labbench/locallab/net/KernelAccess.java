package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import java.util.ArrayList;
import java.util.List;

/**
 * How the lab reaches the kernel objects it owns. As root it runs {@code ip}, {@code iptables},
 * {@code nsenter} directly; rootless, every command enters the user and mount namespace held by the
 * helper process first (that mount namespace has its own {@code /run}, so {@code /run/netns} is private).
 */
public sealed interface KernelAccess permits KernelAccess.Root, KernelAccess.Rootless {

    /** The argv that runs {@code argv} in the lab's top-level context. */
    List<String> command(List<String> argv);

    boolean rootless();

    default String netnsPath(String netns) {
        return "/run/netns/" + netns;
    }

    /** argv that runs {@code argv} inside the network namespace {@code netns}. */
    default List<String> inNetns(String netns, List<String> argv) {
        List<String> full = new ArrayList<>(List.of(SystemTools.ofThisMachine().resolve("nsenter"), "--net=" + netnsPath(netns), "--"));
        full.addAll(argv);
        return command(full);
    }

    record Root() implements KernelAccess {
        @Override
        public List<String> command(List<String> argv) {
            return List.copyOf(argv);
        }

        @Override
        public boolean rootless() {
            return false;
        }
    }

    /** @param holderPid the helper process that holds the user, mount and top-level network namespace */
    record Rootless(long holderPid) implements KernelAccess {
        @Override
        public List<String> command(List<String> argv) {
            List<String> full = new ArrayList<>(List.of(SystemTools.ofThisMachine().resolve("nsenter"), "-t", Long.toString(holderPid), "-U", "-m", "-n",
                    "--preserve-credentials", "--"));
            full.addAll(argv);
            return full;
        }

        @Override
        public boolean rootless() {
            return true;
        }
    }
}
