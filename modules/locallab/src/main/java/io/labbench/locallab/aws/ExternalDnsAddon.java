package io.labbench.locallab.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * kOps's ExternalDNS add-on ({@code spec.externalDns.provider: external-dns}, as the study enables it):
 * {@code kops update cluster --yes} creates its ServiceAccount and Deployment in kube-system, the way
 * kOps's channels apply {@code external-dns.addons.k8s.io}; taking the field out removes them. The
 * Deployment runs on the control plane with host networking, like kOps's; the work itself is
 * {@link ExternalDns}, which acts while the Deployment exists.
 */
final class ExternalDnsAddon implements KopsAddon {

    static final String NAME = "external-dns";
    static final String IMAGE = "registry.k8s.io/external-dns/external-dns";
    static final String VERSION = "v0.12.2";
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/kube-system/deployments/" + NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeHttp kube;
    private final String clusterName;

    ExternalDnsAddon(KubeHttp kube, String clusterName) {
        this.kube = kube;
        this.clusterName = clusterName;
    }

    /** The owner ID kOps gives it, which its TXT records carry. */
    static String ownerId(String clusterName) {
        return "kops-" + clusterName;
    }

    /** Whether the Cluster document asks for it: {@code spec.externalDns.provider: external-dns}. */
    static boolean wanted(String clusterYaml) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(clusterYaml);
            return doc instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec && spec.get("externalDns") instanceof Map<?, ?> dns
                    && "external-dns".equals(dns.get("provider"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> pending(String clusterYaml) throws IOException {
        boolean wanted = wanted(clusterYaml);
        boolean present = kube.get(DEPLOYMENT).isPresent();
        if (wanted == present) {
            return Optional.empty();
        }
        String file = "ManagedFile/" + clusterName + "-addons-external-dns.addons.k8s.io-k8s-1.19";
        return Optional.of(wanted ? file + "\n  \tContents                external-dns " + VERSION + " (ServiceAccount, Deployment in kube-system)"
                : file + "\n  \tContents                (removed)");
    }

    @Override
    public void apply(String clusterYaml) throws IOException {
        if (wanted(clusterYaml)) {
            kube.create("/api/v1/namespaces/kube-system/serviceaccounts", serviceAccount());
            kube.create("/apis/apps/v1/namespaces/kube-system/deployments", deployment());
        } else {
            kube.delete(DEPLOYMENT);
            kube.delete("/api/v1/namespaces/kube-system/serviceaccounts/" + NAME);
        }
    }

    private static ObjectNode labels(ObjectNode meta) {
        meta.putObject("labels").put("k8s-addon", "external-dns.addons.k8s.io").put("k8s-app", NAME);
        return meta;
    }

    private static ObjectNode serviceAccount() {
        ObjectNode sa = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
        labels(sa.putObject("metadata").put("name", NAME).put("namespace", "kube-system"));
        return sa;
    }

    /** kOps 1.24's template: the arguments its {@code ExternalDnsArgv} renders for Route 53. */
    static List<String> args(String clusterName) {
        return List.of("--events", "--source=ingress", "--source=pod", "--source=service", "--compatibility=kops-dns-controller",
                "--registry=txt", "--txt-owner-id=" + ownerId(clusterName), "--provider=aws");
    }

    private ObjectNode deployment() {
        ObjectNode d = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        labels(d.putObject("metadata").put("name", NAME).put("namespace", "kube-system"));
        ObjectNode spec = d.putObject("spec").put("replicas", 1);
        spec.putObject("strategy").put("type", "Recreate");
        spec.putObject("selector").putObject("matchLabels").put("k8s-app", NAME);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("k8s-addon", "external-dns.addons.k8s.io").put("k8s-app", NAME);
        ObjectNode pod = template.putObject("spec");
        pod.put("priorityClassName", "system-cluster-critical").put("serviceAccountName", NAME).put("hostNetwork", true)
                .put("dnsPolicy", "ClusterFirstWithHostNet");
        pod.putObject("nodeSelector").put("node-role.kubernetes.io/control-plane", "");
        ArrayNode tolerations = pod.putArray("tolerations");
        tolerations.addObject().put("key", "node-role.kubernetes.io/control-plane").put("operator", "Exists");
        tolerations.addObject().put("key", "node-role.kubernetes.io/master").put("operator", "Exists");
        ObjectNode c = pod.putArray("containers").addObject().put("name", NAME).put("image", IMAGE + ":" + VERSION);
        ArrayNode args = c.putArray("args");
        args(clusterName).forEach(args::add);
        c.putObject("resources").putObject("requests").put("cpu", "50m").put("memory", "50Mi");
        return d;
    }
}
