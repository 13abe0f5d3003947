package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.aws.LabAws;
import io.labbench.locallab.kube.LocalKubeApi;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.nlb.NlbController;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;

/**
 * The AWS Load Balancer Controller ({@link NlbController}): turns the study's {@code LoadBalancer}
 * Services into NLBs in the lab's VPC and into the local AWS's ELBv2 state. Needs the Kubernetes API
 * (the Services), the pod network (subnet addresses) and the local AWS (ids, certificates, ELBv2).
 */
final class NlbPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final KubernetesApiPart api;
    private final LocalAwsPart aws;
    private volatile NlbController controller;

    NlbPart(LabSettings settings, LabTopology topology, KernelAccessPart kernel, KubernetesApiPart api, LocalAwsPart aws) {
        this.settings = settings;
        this.topology = topology;
        this.kernel = kernel;
        this.api = api;
        this.aws = aws;
    }

    @Override
    public String name() {
        return "load balancer controller";
    }

    @Override
    public String description() {
        return "Starting the AWS Load Balancer Controller (NLBs for LoadBalancer Services)";
    }

    @Override
    public List<Part> after() {
        return List.of(kernel, api, aws);
    }

    @Override
    public void start() throws IOException {
        LocalKubeApi kube = api.api().orElseThrow(() -> new IOException("the Kubernetes API is not running"));
        LabAws labAws = aws.aws().orElseThrow(() -> new IOException("the lab's AWS endpoint is not running"));
        // kOps runs the controller on the control plane; the study attaches its policy to both node roles
        String masters = "masters." + settings.clusterName();
        String nodes = "nodes." + settings.clusterName();
        String master = topology.kubernetesNodes().stream().filter(n -> n.role() == LabNode.Role.CONTROL_PLANE).findFirst()
                .map(LabNode::instanceId).orElse("i-0");
        NlbController started = NlbController.start(kube.store(), topology, kernel.kernel(), api.podNetwork(), labAws.cloud(),
                labAws.elbv2(), io.labbench.locallab.nlb.NlbTraffic.directory(settings), settings.labDir().resolve("s"),
                () -> labAws.allows(masters, NlbController.CHECKED_ACTION) || labAws.allows(nodes, NlbController.CHECKED_ACTION),
                "arn:aws:sts::" + labAws.cloud().accountId() + ":assumed-role/" + masters + "/" + master);
        kube.addonLogs().register(NlbController.IMAGE, started::logText);
        controller = started;
    }

    @Override
    public void stop() {
        NlbController running = controller;
        controller = null;
        if (running != null) {
            running.close();
        }
    }
}
