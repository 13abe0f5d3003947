package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.inet.InternetStandIn;
import io.labbench.locallab.parts.Part;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The internet stand-in ({@link InternetStandIn}): the Internet Gateway's public IPs, the VPC resolver
 * and the public sites. After the network; pods are wired only once it is {@link #ready()}, because
 * their {@code /etc} binds its resolver's names and its CA bundle.
 */
final class InternetPart implements Part {

    private final LabSettings settings;
    private final KernelAccessPart kernel;
    private final NetworkPart network;
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    private volatile InternetStandIn standIn;

    InternetPart(LabSettings settings, KernelAccessPart kernel, NetworkPart network) {
        this.settings = settings;
        this.kernel = kernel;
        this.network = network;
    }

    @Override
    public String name() {
        return "internet stand-in";
    }

    @Override
    public String description() {
        return "Starting the internet stand-in (public IPs, VPC resolver, public sites)";
    }

    @Override
    public List<Part> after() {
        return List.of(network);
    }

    @Override
    public void start() throws java.io.IOException {
        InternetStandIn started = new InternetStandIn(settings.topology(), kernel.kernel(), settings.labDir().resolve("inet"),
                settings.labDir().resolve("etc"));
        standIn = started;
        try {
            started.start();
            ready.complete(started.publicIps());
        } catch (java.io.IOException | RuntimeException e) {
            ready.completeExceptionally(e);
            throw e;
        }
    }

    /** Completes with node name → public IP once the stand-in answers. */
    CompletableFuture<Map<String, String>> ready() {
        return ready;
    }

    /** The VPC resolver while the stand-in runs (later parts add their record sources to it). */
    java.util.Optional<io.labbench.locallab.dns.VpcResolver> resolver() {
        InternetStandIn running = standIn;
        return running == null ? java.util.Optional.empty() : java.util.Optional.of(running.resolver());
    }

    /** The lab's CA (present once the stand-in started): the lab's ACM issues with it. */
    java.util.Optional<io.labbench.locallab.inet.LabCa> ca() {
        InternetStandIn running = standIn;
        return running == null ? java.util.Optional.empty() : running.ca();
    }

    /** node name → public IP (empty before the stand-in started). */
    Map<String, String> publicIps() {
        InternetStandIn running = standIn;
        return running == null ? Map.of() : running.publicIps();
    }

    @Override
    public void stop() {
        ready.completeExceptionally(new java.io.IOException("the lab was taken down"));
        InternetStandIn running = standIn;
        standIn = null;
        if (running != null) {
            running.close();
        }
    }
}
