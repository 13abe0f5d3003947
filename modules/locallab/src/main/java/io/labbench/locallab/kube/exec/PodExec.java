package io.labbench.locallab.kube.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.kube.api.ApiPath;
import io.labbench.locallab.kube.api.BadRequestException;
import io.labbench.locallab.kube.api.ExecEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code POST …/pods/pod-1/exec?command=ip&command=addr&tty=true…} into a WebSocket session
 * running {@link PodNetwork#execArgv} for the pod (its network namespace, the node's for host-network
 * pods).
 */
public final class PodExec implements ExecEndpoint {

    private final PodNetwork network;
    private final ShellFallback shells;
    private final Path zshDotDir;
    private final java.util.Optional<ContainerRuntime> runtime;

    /**
     * @param zshDotDir a folder with the {@code .zshrc} the pods' zsh reads, so zsh starts with a
     *                  prompt instead of its new-user wizard
     */
    public PodExec(PodNetwork network, ShellFallback shells, Path zshDotDir) {
        this(network, shells, zshDotDir, java.util.Optional.empty());
    }

    /** @param runtime where the pods' containers run, for their logs */
    public PodExec(PodNetwork network, ShellFallback shells, Path zshDotDir, java.util.Optional<ContainerRuntime> runtime) {
        this.network = network;
        this.shells = shells;
        this.zshDotDir = zshDotDir;
        this.runtime = runtime;
    }

    @Override
    public java.util.Optional<String> logs(JsonNode pod, String container, boolean previous) {
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        if (runtime.isEmpty() || runtime.get().statuses(namespace, name).isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> text = runtime.get().logs(namespace, name, container, previous);
        if (previous && text.isEmpty()) {
            throw new BadRequestException("previous terminated container \"" + container + "\" in pod \"" + name + "\" not found");
        }
        return java.util.Optional.of(text.orElse(""));
    }

    @Override
    public java.util.Optional<LiveLog> liveLog(JsonNode pod, String container) {
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        return runtime.flatMap(r -> r.liveLog(namespace, name, container)).map(l -> new LiveLog(l.file(), l.running()));
    }

    @Override
    public MockResponse upgrade(ApiPath path, JsonNode pod) {
        List<String> command = path.params("command");
        if (command.isEmpty()) {
            throw new BadRequestException("you must specify at least one command for the container");
        }
        String container = path.param("container");
        if (!container.isEmpty()) {
            boolean known = false;
            for (JsonNode c : pod.path("spec").path("containers")) {
                known |= c.path("name").asText().equals(container);
            }
            if (!known) {
                throw new BadRequestException("container " + container + " is not valid for pod " + path.name());
            }
        }
        boolean tty = path.param("tty").equals("true") || path.param("tty").equals("1");
        ShellFallback.Choice choice = shells.choose(command);
        List<String> argv = new ArrayList<>(network.execArgv(path.namespace(), path.name(), choice.command()));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        // a pod's own /root (its mount namespace's, see net.PodHome); a host-network pod's shell is the node's
        env.put("HOME", pod.path("spec").path("hostNetwork").asBoolean() ? System.getProperty("user.home", "/root") : "/root");
        env.put("HOSTNAME", path.name());
        env.put("ZDOTDIR", zshDotDir.toString());
        env.put("LANG", "C.UTF-8");
        if (tty) {
            env.put("TERM", "xterm");
        }
        ExecSession.Request request = new ExecSession.Request(argv, choice.command(),
                path.param("stdin").equals("true") || path.param("stdin").equals("1"),
                path.param("stderr").equals("true") || path.param("stderr").equals("1"), tty, env, choice.notice());
        return new MockResponse().withWebSocketUpgrade(new ExecSession(request));
    }
}
