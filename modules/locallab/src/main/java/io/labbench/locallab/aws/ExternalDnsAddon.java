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
 * {@code kops update cluster --yes} creates its ServiceAccount, the {@code kops:external-dns} ClusterRole and
 * ClusterRoleBinding (kOps's names; the rules let it read Services, Endpoints, Pods, Ingresses and Nodes)
 * and its Deployment in kube-system, the way kOps's channels apply {@code external-dns.addons.k8s.io};
 * taking the field out removes them. The
 * Deployment runs on the control plane with host networking, like kOps's; the work itself is
 * {@link ExternalDns}, which acts while the Deployment exists.
 */
final class ExternalDnsAddon implements KopsAddon {

    static final String NAME = "external-dns";
    static final String IMAGE = "registry.k8s.io/external-dns/external-dns";
    static final String VERSION = "v0.12.2";
    /** kOps's name for both the ClusterRole and its binding (its template, k8s-1.19.yaml.template). */
    static final String RBAC_NAME = "kops:" + NAME;
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/kube-system/deployments/" + NAME;
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";
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
        return Optional.of(wanted ? file + "\n  \tContents                external-dns " + VERSION + " (ServiceAccount, ClusterRole, ClusterRoleBinding, Deployment in kube-system)"
                : file + "\n  \tContents                (removed)");
    }

    @Override
    public void apply(String clusterYaml) throws IOException {
        if (wanted(clusterYaml)) {
            kube.create("/api/v1/namespaces/kube-system/serviceaccounts", serviceAccount());
            kube.create(RBAC + "clusterroles", clusterRole());
            kube.create(RBAC + "clusterrolebindings", clusterRoleBinding());
            kube.create("/apis/apps/v1/namespaces/kube-system/deployments", deployment());
        } else {
            kube.delete(DEPLOYMENT);
            kube.delete(RBAC + "clusterrolebindings/" + RBAC_NAME);
            kube.delete(RBAC + "clusterroles/" + RBAC_NAME);
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

    /** kOps's rules: what ExternalDNS reads to find names (its --source=service, ingress, pod). */
    private static ObjectNode clusterRole() {
        ObjectNode role = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRole");
        role.putObject("metadata").put("name", RBAC_NAME).putObject("labels").put("k8s-addon", "external-dns.addons.k8s.io");
        ArrayNode rules = role.putArray("rules");
        rule(rules, List.of(""), List.of("services", "endpoints", "pods"), List.of("get", "watch", "list"));
        rule(rules, List.of("extensions", "networking.k8s.io"), List.of("ingresses"), List.of("get", "watch", "list"));
        rule(rules, List.of(""), List.of("nodes"), List.of("list", "watch"));
        return role;
    }

    private static void rule(ArrayNode rules, List<String> groups, List<String> resources, List<String> verbs) {
        ObjectNode r = rules.addObject();
        groups.forEach(r.putArray("apiGroups")::add);
        resources.forEach(r.putArray("resources")::add);
        verbs.forEach(r.putArray("verbs")::add);
    }

    private static ObjectNode clusterRoleBinding() {
        ObjectNode b = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRoleBinding");
        b.putObject("metadata").put("name", RBAC_NAME).putObject("labels").put("k8s-addon", "external-dns.addons.k8s.io");
        b.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", RBAC_NAME);
        b.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", NAME).put("namespace", "kube-system");
        return b;
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
