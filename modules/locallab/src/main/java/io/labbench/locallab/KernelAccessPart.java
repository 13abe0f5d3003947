package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabCleaner;
import io.labbench.locallab.net.RootlessHolder;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The lab's way into the kernel (as root, or through the rootless helper's user namespace) and its
 * folder with the state file, written before anything is created so that a crash is found on the
 * next {@code up}. Its stop is the lab's sweep: every process, namespace and link with the prefix,
 * the helper, the folder.
 */
final class KernelAccessPart implements Part {

    private final LabSettings settings;
    private final boolean rootless;
    private final List<Part> after;
    private volatile KernelAccess kernel;
    private volatile Optional<RootlessHolder> holder = Optional.empty();
    private final CompletableFuture<KernelAccess> ready = new CompletableFuture<>();

    KernelAccessPart(LabSettings settings, boolean rootless, Part leftovers) {
        this.settings = settings;
        this.rootless = rootless;
        this.after = List.of(leftovers);
    }

    @Override
    public String name() {
        return "kernel access";
    }

    @Override
    public String description() {
        return rootless ? "Starting the rootless helper" : "Writing the lab's state file";
    }

    @Override
    public String stopDescription() {
        return "Removing namespaces, links, routes and rules";
    }

    @Override
    public List<Part> after() {
        return after;
    }

    @Override
    public void start() throws IOException {
        try {
            // it holds the lab's keys and tokens: the user's alone, also when an older LabBench left it 0755
            io.labbench.locallab.settings.LabFolders.createPrivate(settings);
            if (rootless) {
                RootlessHolder started = RootlessHolder.start();
                holder = Optional.of(started);
                kernel = started.kernel();
            } else {
                kernel = new KernelAccess.Root();
            }
            writeState("starting");
            ready.complete(kernel);
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
            throw e;
        }
    }

    /** The kernel access once this part has started; fails when it failed or the lab went down first. */
    CompletableFuture<KernelAccess> ready() {
        return ready;
    }

    void writeState(String phase) throws IOException {
        LabStateFile.writeState(settings, new LabStateFile.State(settings.prefix(), ProcessHandle.current().pid(),
                kernel().rootless(), holder.map(RootlessHolder::pid).orElse(0L), userNamespace(), phase,
                System.currentTimeMillis()));
    }

    KernelAccess kernel() {
        KernelAccess k = kernel;
        if (k == null) {
            throw new IllegalStateException("the local lab is not up");
        }
        return k;
    }

    /** The rootless helper's user namespace ({@code user:[4026…]}), empty when the lab runs as root. */
    String userNamespace() {
        try {
            return holder.isPresent() ? holder.get().userNamespace() : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void stop() throws IOException {
        ready.completeExceptionally(new IOException("the lab was taken down"));
        Optional<String> userNs = Optional.of(userNamespace()).filter(s -> !s.isEmpty());
        List<String> removed = new LabCleaner(settings.prefix(), settings.labDir(), userNs).clean();
        Logger.getLogger(LocalLab.class.getName()).fine(() -> "removed " + removed);
        holder.ifPresent(RootlessHolder::close);
        holder = Optional.empty();
        kernel = null;
        LocalLab.deleteRecursively(settings.labDir());
    }
}
