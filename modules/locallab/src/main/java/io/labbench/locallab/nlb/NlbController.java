package io.labbench.locallab.nlb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.localaws.state.Elbv2State;
import io.labbench.localaws.state.LabCloud;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.control.EventRecorder;
import io.labbench.locallab.net.Ipv4;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.Subnet;
import io.labbench.locallab.net.VpcCniPodNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab's AWS Load Balancer Controller: every few hundred milliseconds it reconciles each
 * {@code LoadBalancer} Service it owns ({@code loadBalancerClass: service.k8s.aws/nlb}, or the
 * {@code nlb-target-type} annotation) into a running NLB, the Service's {@code status.loadBalancer}
 * and the local AWS's ELBv2 state, and refreshes the targets' health from HAProxy on every pass.
 * A Service it cannot build gets a Warning event and a log line naming the annotation; nothing of
 * its NLB is created.
 */
public final class NlbController implements AutoCloseable {

    static final String LOAD_BALANCER_CLASS = "service.k8s.aws/nlb";
    /** The controller's image (without tag): {@code kubectl logs} of its pod reads {@link #logText()}. */
    public static final String IMAGE = "public.ecr.aws/eks/aws-load-balancer-controller";
    /** The Deployment kOps's add-on creates; the controller acts only while it exists. */
    public static final String DEPLOYMENT = "aws-load-balancer-controller";
    /** The IAM action checked before building (the study's AWSLoadBalancerControllerIAMPolicy allows it). */
    public static final String CHECKED_ACTION = "elasticloadbalancing:CreateLoadBalancer";
    private static final Logger LOG = Logger.getLogger(NlbController.class.getName());
    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("service");

    private final Store store;
    private final LabTopology topology;
    private final KernelAccess kernel;
    private final VpcCniPodNetwork network;
    private final LabCloud cloud;
    private final Elbv2State elbv2;
    private final NlbModelBuilder builder;
    private final EventRecorder events;
    private final TargetGroupBindings bindings;
    private final ControllerLog log;
    private final Path dir;
    private final Path socketDir;
    private final Map<String, DeployedNlb> deployed = new LinkedHashMap<>();
    private final Map<String, String> lastProblem = new HashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final Thread thread;
    private final java.util.function.BooleanSupplier allowed;
    private final String principal;
    private volatile boolean running = true;

    private NlbController(Store store, LabTopology topology, KernelAccess kernel, VpcCniPodNetwork network, LabCloud cloud,
                          Elbv2State elbv2, Path dir, Path socketDir, java.util.function.BooleanSupplier allowed, String principal) {
        this.allowed = allowed;
        this.socketDir = socketDir;
        this.principal = principal;
        this.store = store;
        this.topology = topology;
        this.kernel = kernel;
        this.network = network;
        this.cloud = cloud;
        this.elbv2 = elbv2;
        this.dir = dir;
        this.builder = new NlbModelBuilder(topology.clusterName(), cloud.accountId(), new NlbTargets(store, topology));
        this.events = new EventRecorder(store);
        this.bindings = new TargetGroupBindings(store);
        this.log = new ControllerLog(dir.resolve("aws-load-balancer-controller.log"));
        this.thread = new Thread(this::run, "local-aws-load-balancer-controller");
        this.thread.setDaemon(true);
    }

    /**
     * @param dir       where each NLB's HAProxy configuration and certificates go, and the controller's log
     * @param socketDir where each NLB's HAProxy runtime socket goes: a short path, as a socket's path must stay
     *                  under HAProxy's 97 characters (the lab's {@code s/} folder)
     * @param allowed   whether the role the controller runs with may build load balancers (the study's
     *                  {@code AWSLoadBalancerControllerIAMPolicy} attached)
     * @param principal who AWS names in an AccessDenied ({@code arn:aws:sts::…:assumed-role/masters.<cluster>/i-…})
     */
    public static NlbController start(Store store, LabTopology topology, KernelAccess kernel, VpcCniPodNetwork network,
                                      LabCloud cloud, Elbv2State elbv2, Path dir, Path socketDir,
                                      java.util.function.BooleanSupplier allowed, String principal) {
        NlbController c = new NlbController(store, topology, kernel, network, cloud, elbv2, dir, socketDir, allowed, principal);
        c.log.info("setup", "version", "", "", "\"GitVersion\":\"v2.4.5 (LabBench local lab)\"");
        c.thread.start();
        return c;
    }

    /** The controller's log file (JSON lines). */
    public Path logFile() {
        return log.file();
    }

    /**
     * Looks at the API's revision every 50 ms and reconciles as soon as anything was written (a new Service,
     * its Endpoints filling in), at the latest every 250 ms (a retry after a failure); health every 250 ms.
     */
    private void run() {
        long seenRevision = -1;
        long lastPass = 0;
        while (running) {
            try {
                long revision = store.revision();
                long now = System.nanoTime();
                if (revision != seenRevision || now - lastPass >= PASS_NANOS) {
                    seenRevision = revision;
                    reconcileAll();
                }
                if (now - lastPass >= PASS_NANOS) {
                    // an NLB the kernel forwards routes by the checks' latest word, and ELBv2's listeners hear a
                    // health change within a pass (they hear nothing when nothing changed)
                    refreshHealth();
                    lastPass = now;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the local load balancer controller failed a pass; it retries", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final long PASS_NANOS = 250_000_000L;

    /** The log so far, for {@code kubectl logs -n kube-system deploy/aws-load-balancer-controller}. */
    public String logText() {
        try {
            return java.nio.file.Files.isRegularFile(log.file()) ? java.nio.file.Files.readString(log.file()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private boolean installed() {
        return store.get(ResourceCatalog.DEPLOYMENTS, "kube-system", DEPLOYMENT).isPresent();
    }

    private static boolean owned(JsonNode svc) {
        JsonNode spec = svc.path("spec");
        return spec.path("type").asText().equals("LoadBalancer")
                && (spec.path("loadBalancerClass").asText().equals(LOAD_BALANCER_CLASS)
                || svc.path("metadata").path("annotations").has(NlbAnnotations.TARGET_TYPE));
    }

    synchronized void reconcileAll() {
        if (!installed()) {
            return; // no controller in the cluster: EXTERNAL-IP stays <pending>, as on a cluster without it
        }
        Set<String> seen = new HashSet<>();
        for (ObjectNode svc : store.list(ResourceCatalog.SERVICES, "")) {
            if (!owned(svc)) {
                continue;
            }
            String key = svc.path("metadata").path("namespace").asText() + "/" + svc.path("metadata").path("name").asText();
            seen.add(key);
            reconcile(key, svc);
        }
        for (String key : new ArrayList<>(deployed.keySet())) {
            if (!seen.contains(key)) {
                String[] nsName = key.split("/", 2);
                log.info("controllers.service", "deleting load balancer", nsName[0], nsName[1], "\"arn\":" + ControllerLog.quote(deployed.get(key).model().arn()));
                tearDown(key);
                lastProblem.remove(key);
            }
        }
    }

    private void reconcile(String key, ObjectNode svc) {
        Map<String, String> annotations = new LinkedHashMap<>();
        svc.path("metadata").path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        NlbAnnotations.Result read = NlbAnnotations.read(annotations,
                svc.path("spec").path("externalTrafficPolicy").asText().equals("Local"));
        if (read instanceof NlbAnnotations.Invalid invalid) {
            problem(key, svc, "FailedBuildModel", "Failed build model due to " + invalid.message());
            return;
        }
        NlbSpec spec = ((NlbAnnotations.Valid) read).spec();
        Map<String, CertificateIssuer.Issued> material = new LinkedHashMap<>();
        for (String arn : spec.certificateArns()) {
            Optional<AcmCertificates.Certificate> cert = cloud.acm().find(arn);
            if (cert.isEmpty()) {
                problem(key, svc, "FailedDeployModel", "Failed deploy model due to CertificateNotFound: Certificate '" + arn
                        + "' not found (annotation " + NlbAnnotations.SSL_CERT + ")");
                return;
            }
            if (!cert.get().status().equals("ISSUED") || cert.get().issued().isEmpty()) {
                problem(key, svc, "FailedDeployModel", "Failed deploy model due to UnsupportedCertificate: The certificate '" + arn
                        + "' is " + cert.get().status() + ", not ISSUED (annotation " + NlbAnnotations.SSL_CERT + ")");
                return;
            }
            material.put(arn, cert.get().issued().get());
        }
        DeployedNlb current = deployed.get(key);
        if (current == null && !allowed.getAsBoolean()) {
            problem(key, svc, "FailedDeployModel", "Failed deploy model due to AccessDenied: User: " + principal
                    + " is not authorized to perform: " + CHECKED_ACTION + " because no identity-based policy allows the "
                    + CHECKED_ACTION + " action");
            return;
        }
        String name = builder.name(svc, spec);
        if (current != null && !current.model().name().equals(name)) {
            tearDown(key);
            current = null;
        }
        List<NlbModel.ZoneNode> zones = current != null ? current.model().zones() : newZones();
        NlbModel model = builder.build(svc, spec, zones);
        String ns = svc.path("metadata").path("namespace").asText();
        String svcName = svc.path("metadata").path("name").asText();
        try {
            if (current == null) {
                log.info("controllers.service", "deploying model", ns, svcName, "\"loadBalancer\":" + ControllerLog.quote(model.name()));
                int index = nextIndex.getAndIncrement();
                DeployedNlb started = DeployedNlb.start(new NlbNamespace(topology, kernel, index),
                        kernel, dir.resolve(model.name()), socketDir.resolve("nlb" + index + ".sock"), model, material);
                deployed.put(key, started);
                spec.certificateArns().forEach(arn -> cloud.acm().setInUseBy(arn, List.of(model.arn())));
                elbv2.put(Elbv2Records.of(model, vpcId(), started.created(), started.state()));
                publishHealth(started);
                bindings.write(svc, model);
                logTargets(ns, svcName, model);
                log.info("controllers.service", "successfully deployed model", ns, svcName, "\"arn\":" + ControllerLog.quote(model.arn()));
                events.normal(svc, "SuccessfullyReconciled", "Successfully reconciled", SOURCE);
                lastProblem.remove(key);
            } else if (!current.model().equals(model)) {
                if (!current.model().sameShape(model)) {
                    tearDown(key);
                    reconcile(key, svc);
                    return;
                }
                current.apply(model);
                elbv2.put(Elbv2Records.of(model, vpcId(), current.created(), current.state()));
                publishHealth(current);
                bindings.write(svc, model);
                logTargets(ns, svcName, model);
                events.normal(svc, "SuccessfullyReconciled", "Successfully reconciled", SOURCE);
            }
        } catch (IOException | RuntimeException e) {
            if (current == null) {
                release(zones);
            }
            problem(key, svc, "FailedDeployModel", "Failed deploy model due to " + e.getMessage());
            return;
        }
        setHostname(svc, model.dnsName());
    }

    private void logTargets(String ns, String svc, NlbModel model) {
        for (NlbModel.Listener l : model.listeners()) {
            log.info("controllers.targetGroupBinding", "successful target registration", ns, svc,
                    "\"targetGroup\":" + ControllerLog.quote(l.targetGroup().arn()) + ",\"targets\":"
                            + ControllerLog.quote(l.targetGroup().targets().stream().map(t -> t.id() + ":" + t.port()).toList().toString()));
        }
    }

    private void problem(String key, JsonNode svc, String reason, String message) {
        if (message.equals(lastProblem.get(key))) {
            return;
        }
        lastProblem.put(key, message);
        String ns = svc.path("metadata").path("namespace").asText();
        String name = svc.path("metadata").path("name").asText();
        log.error("controllers.service", "Reconciler error", ns, name, message);
        events.warning(svc, reason, message, SOURCE);
    }

    private List<NlbModel.ZoneNode> newZones() {
        List<NlbModel.ZoneNode> zones = new ArrayList<>();
        for (Subnet s : topology.subnets()) {
            Ipv4 address = network.takeSubnetAddress(s.zone());
            String subnetId = cloud.subnets().stream().filter(x -> x.zone().equals(s.zone())).map(LabCloud.Subnet::subnetId)
                    .findFirst().orElse("");
            zones.add(new NlbModel.ZoneNode(s.zone(), subnetId, address.toString()));
        }
        return zones;
    }

    private void release(List<NlbModel.ZoneNode> zones) {
        zones.forEach(z -> network.releaseSubnetAddress(z.zone(), Ipv4.parse(z.address())));
    }

    private String vpcId() {
        return cloud.vpcs().stream().findFirst().map(LabCloud.Vpc::vpcId).orElse("");
    }

    private void setHostname(JsonNode svc, String hostname) {
        JsonNode ingress = svc.path("status").path("loadBalancer").path("ingress");
        if (ingress.size() == 1 && ingress.path(0).path("hostname").asText().equals(hostname)) {
            return;
        }
        store.update(ResourceCatalog.SERVICES, svc.path("metadata").path("namespace").asText(), svc.path("metadata").path("name").asText(),
                s -> {
                    ArrayNode list = s.with("status").with("loadBalancer").putArray("ingress");
                    list.addObject().put("hostname", hostname);
                });
    }

    private void tearDown(String key) {
        DeployedNlb gone = deployed.remove(key);
        if (gone == null) {
            return;
        }
        elbv2.remove(gone.model().arn());
        bindings.remove(gone.model());
        gone.model().listeners().forEach(l -> l.certificateArn().ifPresent(arn -> cloud.acm().setInUseBy(arn, List.of())));
        try {
            gone.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the NLB namespace of " + key + "; the lab's clean-up removes it", e);
        }
        release(gone.model().zones());
    }

    private synchronized void refreshHealth() {
        deployed.values().forEach(this::publishHealth);
    }

    /** The targets' health into ELBv2, and the NLB's state once it turned active (its DNS name then answers). */
    private void publishHealth(DeployedNlb nlb) {
        String before = nlb.state();
        Map<String, List<io.labbench.localaws.state.LabCloud.TargetHealth>> health = nlb.targetHealth();
        if (!nlb.state().equals(before)) {
            // active first (the VPC resolver answers the name before this returns), then the health that made it so:
            // whoever reads a healthy target can already reach the NLB by name
            elbv2.put(Elbv2Records.of(nlb.model(), vpcId(), nlb.created(), nlb.state()));
        }
        health.forEach(elbv2::setTargets);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            new ArrayList<>(deployed.keySet()).forEach(this::tearDown);
        }
    }
}
