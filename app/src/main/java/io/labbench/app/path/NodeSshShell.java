package io.labbench.app.path;

import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.live.MachineShell;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.CommandRunnerProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The path's commands over the app's SSH sessions (the AWS backend's nodes): each node's command on an exec
 * channel of its shared connection, as root ({@code sudo -n} where the login user is not, as on kOps' Ubuntu
 * nodes: iptables and conntrack need it); a pod's {@code ip route get} with {@code kubectl exec} from the
 * bastion {@code kops-ec2}, as the learner would. The VPC router and the load balancers are AWS's: no command
 * reaches them, and {@link #notObservable} says so.
 */
final class NodeSshShell implements MachineShell {
    static final String BASTION = "kops-ec2";
    static final String VPC_REASON = "not observable on AWS: the VPC router and its delivery to the ENI that holds an"
            + " address are AWS's; its route tables can be read (aws ec2 describe-route-tables), not which way it sent"
            + " this packet";
    static final String LOAD_BALANCER_REASON = "not observable on AWS: the NLB is a managed service; which target a flow"
            + " hashes to and its flow table are AWS's (describe-target-health shows targets and health, not flows)";
    /** A node's snapshot over a first connection on a loaded machine took over 10 s in the lab tests. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandRunnerProvider runners;
    private final Set<String> loadBalancers = ConcurrentHashMap.newKeySet();

    NodeSshShell(CommandRunnerProvider runners) {
        this.runners = runners;
    }

    /** The load balancers' names as the path names their hops, once ELBv2 has listed them. */
    void loadBalancers(Set<String> names) {
        loadBalancers.clear();
        loadBalancers.addAll(names);
    }

    @Override
    public Optional<String> notObservable(String machine) {
        if (PathResolver.VPC.equals(machine)) {
            return Optional.of(VPC_REASON);
        }
        return loadBalancers.contains(machine) ? Optional.of(LOAD_BALANCER_REASON) : Optional.empty();
    }

    @Override
    public Output run(String machine, String command) throws IOException {
        if (notObservable(machine).isPresent()) {
            throw new IOException(machine + " is " + notObservable(machine).get());
        }
        if (machine.startsWith("pod/")) {
            String[] p = machine.split("/", 3);
            if (p.length < 3) {
                throw new IOException("'" + machine + "' is not pod/NAMESPACE/NAME");
            }
            // the pod's own commands (ip route get …) are plain words: kubectl exec runs them without a shell
            return run(BASTION, "kubectl exec -n " + quote(p[1]) + " " + quote(p[2]) + " -- " + command, machine);
        }
        return run(machine, asRoot(command), machine);
    }

    private Output run(String endpoint, String command, String machine) throws IOException {
        CommandRunner runner = runners.runner(endpoint).orElseThrow(() -> new IOException("this workspace has no SSH endpoint '"
                + endpoint + "'" + (endpoint.equals(machine) ? "" : " (needed to reach " + machine + ")")
                + ": add it in the workspace, or let the AWS window's node discovery add the nodes"));
        try {
            CommandResult r = runner.run(command, TIMEOUT);
            return new Output(r.exitCode(), r.stdout(), r.stderr());
        } catch (CommandException e) {
            // the runner's message names the endpoint already
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Runs {@code command} as root: directly when the login is root (kops-ec2), else through {@code sudo -n}. */
    static String asRoot(String command) {
        String q = quote(command);
        return "if [ \"$(id -u)\" = 0 ]; then sh -c " + q + "; else sudo -n sh -c " + q + "; fi";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
