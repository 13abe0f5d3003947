package io.labbench.locallab.aws;


import io.labbench.localaws.LabCredentials;
import io.labbench.localaws.LocalAwsEndpoint;
import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.Ipv4;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.ssh.NetnsSocatForward;
import io.labbench.locallab.ssh.UnixSocketRelay;
import io.labbench.storage.AtomicFileWriter;
import io.labbench.locallab.kube.ApiCredentials;
import io.labbench.locallab.kube.api.AddonLogs;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The lab's local AWS as one part of the lab: generates the lab's credentials, starts the endpoint on
 * loopback over the lab's live state, relays it to the same address inside kops-ec2 (as the API server
 * is relayed), and puts on kops-ec2's PATH an {@code aws} wrapper around the real AWS CLI (endpoint,
 * region, lab credentials) and the lab's {@code kops}. {@link #close()} undoes all of it.
 *
 * <p>Files in {@code <labdir>/aws}: {@code credentials} and {@code config} for the CLI (mode 600), and
 * {@code endpoint.properties}, which the app reads to point its AWS windows at the endpoint.
 */
public final class LabAws implements Closeable {

    /** The AWS CLI's Debian package, named by the machine check and the wrapper when it is missing. */
    public static final String CLI_PACKAGE = "awscli";

    private final LocalAwsEndpoint endpoint;
    private final UnixSocketRelay relay;
    private final NetnsSocatForward forward;
    private final LabCloudNames names;

    private final ExternalDns externalDns;
    private final AddonLogs addonLogs;
    private final LabCloudView cloud;

    private LabAws(LocalAwsEndpoint endpoint, UnixSocketRelay relay, NetnsSocatForward forward, ExternalDns externalDns,
                   AddonLogs addonLogs, LabCloudView cloud) {
        this.endpoint = endpoint;
        this.relay = relay;
        this.forward = forward;
        this.externalDns = externalDns;
        this.addonLogs = addonLogs;
        this.cloud = cloud;
        // Route 53's batches and ELBv2's load balancers coming and going make the VPC resolver re-read at once
        // (target health alone changes no name)
        this.names = new LabCloudNames(cloud, io.labbench.localaws.state.LabCloud.LoadBalancer::addresses, listener -> {
            cloud.route53().onChange(applied -> listener.run());
            cloud.elbv2().subscribe(change -> {
                if (!(change instanceof io.labbench.localaws.state.Elbv2Change.TargetHealthChanged)) {
                    listener.run();
                }
            });
        });
    }

    /** The lab's AWS state (Route 53 zones, ACM certificates, …) as the endpoint serves it. */
    public io.labbench.localaws.state.LabCloud cloud() {
        return cloud;
    }

    /** The names this lab's AWS state adds to the VPC resolver (load balancers, Route 53 records). */
    public io.labbench.locallab.dns.ResolverRecordSource resolverNames() {
        return names;
    }

    /** Where the endpoint's address and the lab's key id live while the lab is up (the app reads it). */
    public static Path endpointFile(LabSettings settings) {
        return settings.labDir().resolve("aws/endpoint.properties");
    }

    /** The kOps state store of a lab ({@code s3://…}), as kops-ec2's {@code KOPS_STATE_STORE} names it. */
    public static String stateStore(String prefix) {
        return "s3://" + LabCloudView.stateBucket(prefix);
    }

    /**
     * Starts the endpoint for a lab that is up (namespaces built, Kubernetes API running).
     *
     * @param podNetwork the lab's pod network while it exists (ENIs and their addresses come from it)
     * @param ca         signs the certificates the lab's ACM issues
     * @param addonLogs  where ExternalDNS's log goes, for {@code kubectl logs}
     * @param control    what re-rolls or deletes the lab for {@code kops update cluster --yes} / {@code kops delete cluster}
     */
    public static LabAws start(LabSettings settings, LabTopology topology, KernelAccess kernel,
                               Supplier<Optional<VpcCniPodNetwork>> podNetwork, URI kubeApi, ApiCredentials kubeCredentials,
                               CertificateIssuer ca, AddonLogs addonLogs, KopsControl control) throws IOException {
        LabCredentials credentials = LabCredentials.generate();
        Instant launched = Instant.now();
        KopsClusterState kops = new KopsClusterState(settings, topology, stateStore(settings.prefix()), launched,
                settings.stateRoot().resolve(settings.prefix() + "-kops-state"));
        LabCloudView cloud = new LabCloudView(settings, topology, podNetwork, kops, launched, ca);
        KubeHttp kube = new KubeHttp(kubeApi, kubeCredentials);
        KopsApi kopsApi = new KopsApi(kops, topology, kubeApi, kubeCredentials, settings.kubeconfig(), control,
                List.of(new ExternalDnsAddon(kube, settings.clusterName()), new LoadBalancerControllerAddon(kube, settings.clusterName())));
        LocalAwsEndpoint endpoint = startOnPreferredPort(settings, cloud, credentials, kopsApi);
        String mastersRole = "masters." + settings.clusterName();
        String master = topology.kubernetesNodes().stream().filter(n -> n.role() == io.labbench.locallab.net.LabNode.Role.CONTROL_PLANE)
                .findFirst().map(io.labbench.locallab.net.LabNode::instanceId).orElse("i-0");
        ExternalDns externalDns = new ExternalDns(kube, cloud, settings.clusterName(),
                () -> endpoint.iam().allows(mastersRole, "route53:ChangeResourceRecordSets"),
                "arn:aws:sts::" + cloud.accountId() + ":assumed-role/" + mastersRole + "/" + master, externalDnsInterval(), java.time.Clock.systemUTC());
        UnixSocketRelay relay = null;
        try {
            Path labDir = settings.labDir();
            writeFiles(settings, endpoint, credentials);
            relay = UnixSocketRelay.start(labDir.resolve("s/aws"), endpoint.port());
            NetnsSocatForward forward = NetnsSocatForward.start(kernel, topology.bastion().netns(), Ipv4.parse("127.0.0.1"),
                    endpoint.port(), labDir.resolve("s/aws"), labDir.resolve("log/socat-aws.log"));
            addonLogs.register(ExternalDnsAddon.IMAGE, externalDns::log);
            if (ExternalDnsAddon.wanted(kops.clusterYaml())) {
                // a re-rolled lab keeps its kOps documents but starts a fresh cluster: kOps's channels re-apply the add-on
                new ExternalDnsAddon(kube, settings.clusterName()).apply(kops.clusterYaml());
            }
            externalDns.start();
            return new LabAws(endpoint, relay, forward, externalDns, addonLogs, cloud);
        } catch (IOException | RuntimeException e) {
            externalDns.close();
            endpoint.close();
            if (relay != null) {
                relay.close();
            }
            throw e;
        }
    }

    /**
     * The endpoint keeps one loopback port per lab prefix when it is free, so its address survives a
     * re-roll (the app's SDK clients and kops-ec2's wrapper keep working); any free port otherwise.
     */
    private static LocalAwsEndpoint startOnPreferredPort(LabSettings settings, LabCloudView cloud, LabCredentials credentials,
                                                         KopsApi kops) throws IOException {
        int preferred = 20000 + Math.floorMod(settings.prefix().hashCode() * 31 + settings.stateRoot().hashCode(), 10000);
        try {
            return LocalAwsEndpoint.start(cloud, credentials, preferred, List.of(kops));
        } catch (java.net.BindException e) {
            return LocalAwsEndpoint.start(cloud, credentials, 0, List.of(kops));
        }
    }

    /** ExternalDNS's pass interval: {@link ExternalDns#DEFAULT_INTERVAL}, or {@code -Dlabbench.externalDns.intervalMillis}. */
    private static java.time.Duration externalDnsInterval() {
        long millis = Long.getLong("labbench.externalDns.intervalMillis", ExternalDns.DEFAULT_INTERVAL.toMillis());
        return java.time.Duration.ofMillis(Math.max(200, millis));
    }

    /** Whether a policy attached to the IAM role allows the action (the lab's controllers ask before acting). */
    public boolean allows(String roleName, String action) {
        return endpoint.iam().allows(roleName, action);
    }

    /** Where the NLB controller writes the load balancers it builds. */
    public io.labbench.localaws.state.Elbv2State elbv2() {
        return cloud.elbv2();
    }

    public URI uri() {
        return endpoint.uri();
    }

    private static void writeFiles(LabSettings settings, LocalAwsEndpoint endpoint, LabCredentials credentials) throws IOException {
        Path dir = settings.labDir().resolve("aws");
        Files.createDirectories(dir);
        Path credentialsFile = dir.resolve("credentials");
        writePrivate(credentialsFile, "# the local lab's own key (it opens nothing outside this lab)\n[default]\n"
                + "aws_access_key_id = " + credentials.accessKeyId() + "\naws_secret_access_key = " + credentials.secretAccessKey() + "\n");
        Path config = dir.resolve("config");
        writePrivate(config, "[default]\nregion = us-east-1\noutput = json\ncli_pager =\ns3 =\n    addressing_style = path\n");
        Properties p = new Properties();
        p.setProperty("endpoint", endpoint.uri().toString());
        p.setProperty("region", "us-east-1");
        p.setProperty("credentials", credentialsFile.toString());
        java.io.StringWriter endpointText = new java.io.StringWriter();
        p.store(endpointText, "the local lab's AWS endpoint (LabBench)");
        AtomicFileWriter.writeString(endpointFile(settings), endpointText.toString());
        Path bin = settings.labDir().resolve("bin-kops-ec2");
        Files.createDirectories(bin);
        String cli = realCli().orElse("");
        writeScript(bin.resolve("aws"), "#!/bin/sh\n"
                + "# LabBench local lab: the real AWS CLI, pointed at the lab's own AWS endpoint with the lab's key\n"
                + "unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL\n"
                + "export AWS_CONFIG_FILE='" + config + "' AWS_SHARED_CREDENTIALS_FILE='" + credentialsFile + "'\n"
                + "export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER=\n"
                + (cli.isEmpty()
                        ? "echo 'aws: the AWS CLI is not installed on this machine; install it with: sudo apt-get install -y " + CLI_PACKAGE + "' >&2\nexit 127\n"
                        : "exec " + cli + " --endpoint-url " + endpoint.uri() + " \"$@\"\n"));
        String kops;
        try (InputStream in = LabAws.class.getResourceAsStream("kops.py")) {
            if (in == null) {
                throw new IOException("the kops client is missing from the LabBench build (resource io/labbench/locallab/aws/kops.py)");
            }
            kops = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        writeScript(bin.resolve("kops"), kops.replace("@ENDPOINT@", endpoint.uri().toString())
                .replace("@CREDENTIALS@", credentialsFile.toString()));
    }

    /** Debian's {@code awscli} first; another {@code aws} on the PATH otherwise. */
    static Optional<String> realCli() {
        for (String candidate : List.of("/usr/bin/aws", "/usr/local/bin/aws")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The lab's AWS key and config: the user's alone, replaced whole ({@link AtomicFileWriter}). */
    private static void writePrivate(Path file, String text) throws IOException {
        AtomicFileWriter.writeString(file, text);
    }

    private static void writeScript(Path file, String text) throws IOException {
        AtomicFileWriter.write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    public void close() {
        addonLogs.unregister(ExternalDnsAddon.IMAGE);
        externalDns.close();
        forward.close();
        try {
            relay.close();
        } catch (IOException ignored) {
            // best effort on teardown; the lab folder goes next
        }
        endpoint.close();
    }
}
