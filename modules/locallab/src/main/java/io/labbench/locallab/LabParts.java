package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.aws.KopsControl;
import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.parts.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parts of one local lab in start order; each comes after the parts it is given. A new part (a
 * node agent, cluster DNS, a local AWS endpoint) is one more line here and one class. The runner
 * starts a part once those before it that it names have started, so the order below is only a
 * valid order, not the order in which they run.
 */
final class LabParts {

    final MachineCheckPart machineCheck;
    final SshKeysPart sshKeys;
    final LeftoversPart leftovers;
    final KernelAccessPart kernel;
    final NetworkPart network;
    final InternetPart internet;
    final KubernetesApiPart kubernetes;
    final SshServersPart sshServers;
    final NodeSshRelaysPart sshRelays;
    final ApiRelayPart apiRelay;
    final LocalAwsPart localAws;
    final NlbPart nlb;
    final StatusFilePart statusFile;
    private final List<Part> inOrder = new ArrayList<>();

    /**
     * @param kops   what re-rolls the lab when kops-ec2 runs {@code kops update cluster --yes}
     * @param status the lab's status once every other part runs, from these parts
     */
    LabParts(LabSettings settings, LabTopology topology, MachineCheck check, KopsControl kops, Function<LabParts, LabStatus> status) {
        machineCheck = add(new MachineCheckPart(check));
        sshKeys = add(new SshKeysPart(settings, topology));
        leftovers = add(new LeftoversPart(settings, machineCheck));
        kernel = add(new KernelAccessPart(settings, check.rootless(), leftovers));
        network = add(new NetworkPart(topology, kernel));
        internet = add(new InternetPart(settings, kernel, network));
        kubernetes = add(new KubernetesApiPart(settings, topology, machineCheck, kernel, network, internet));
        sshServers = add(new SshServersPart(settings, topology, kernel, sshKeys));
        sshRelays = add(new NodeSshRelaysPart(sshServers, network));
        apiRelay = add(new ApiRelayPart(sshServers, kubernetes, network));
        localAws = add(new LocalAwsPart(settings, topology, kernel, network, sshServers, kubernetes, internet, kops));
        nlb = add(new NlbPart(settings, topology, kernel, kubernetes, localAws));
        statusFile = add(new StatusFilePart(settings, kernel, () -> status.apply(this), List.copyOf(inOrder)));
    }

    private <T extends Part> T add(T part) {
        inOrder.add(part);
        return part;
    }

    List<Part> inOrder() {
        return List.copyOf(inOrder);
    }
}
