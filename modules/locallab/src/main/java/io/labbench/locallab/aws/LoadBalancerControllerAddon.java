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
 * kOps's AWS Load Balancer Controller add-on ({@code spec.awsLoadBalancerController.enabled: true}, with
 * {@code certManager.enabled: true}, as the study enables it): {@code kops update cluster --yes} creates
 * its CRDs ({@code targetgroupbindings.elbv2.k8s.aws}, {@code ingressclassparams.elbv2.k8s.aws}),
 * ServiceAccount, ClusterRole and ClusterRoleBinding and its Deployment in kube-system, as kOps's
 * channel applies {@code aws-load-balancer-controller.addons.k8s.io}; switching it off removes them.
 * The work itself is the lab's {@code NlbController}, which acts while the Deployment exists.
 */
final class LoadBalancerControllerAddon implements KopsAddon {

    static final String NAME = io.labbench.locallab.nlb.NlbController.DEPLOYMENT;
    static final String IMAGE = io.labbench.locallab.nlb.NlbController.IMAGE;
    static final String VERSION = "v2.4.5";
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/kube-system/deployments/" + NAME;
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeHttp kube;
    private final String clusterName;

    LoadBalancerControllerAddon(KubeHttp kube, String clusterName) {
        this.kube = kube;
        this.clusterName = clusterName;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether the Cluster document asks for it: {@code spec.awsLoadBalancerController.enabled: true}. */
    static boolean wanted(String clusterYaml) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(clusterYaml);
            return doc instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec
                    && spec.get("awsLoadBalancerController") instanceof Map<?, ?> lbc && Boolean.TRUE.equals(lbc.get("enabled"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<String> pending(String clusterYaml) throws IOException {
        boolean wanted = wanted(clusterYaml);
        boolean present = kube.get(DEPLOYMENT).isPresent();
        if (wanted == present) {
            return Optional.empty();
        }
        String file = "ManagedFile/" + clusterName + "-addons-aws-load-balancer-controller.addons.k8s.io-k8s-1.19";
        return Optional.of(wanted ? file + "\n  \tContents                aws-load-balancer-controller " + VERSION
                + " (CRDs, ServiceAccount, ClusterRole, ClusterRoleBinding, Deployment in kube-system)"
                : file + "\n  \tContents                (removed)");
    }

    @Override
    public void apply(String clusterYaml) throws IOException {
        if (wanted(clusterYaml)) {
            kube.create(CRDS, crd("targetgroupbindings", "targetgroupbinding", "TargetGroupBinding", "Namespaced"));
            kube.create(CRDS, crd("ingressclassparams", "ingressclassparams", "IngressClassParams", "Cluster"));
            kube.create("/api/v1/namespaces/kube-system/serviceaccounts", serviceAccount());
            kube.create(RBAC + "clusterroles", clusterRole());
            kube.create(RBAC + "clusterrolebindings", clusterRoleBinding());
            kube.create("/apis/apps/v1/namespaces/kube-system/deployments", deployment());
        } else {
            kube.delete(DEPLOYMENT);
            kube.delete(RBAC + "clusterrolebindings/" + NAME + "-rolebinding");
            kube.delete(RBAC + "clusterroles/" + NAME + "-role");
            kube.delete("/api/v1/namespaces/kube-system/serviceaccounts/" + NAME);
            // the CRDs stay, as kOps's channels leave them (deleting them would delete every TargetGroupBinding)
        }
    }

    private static ObjectNode metadata(ObjectNode object, String name) {
        ObjectNode meta = object.putObject("metadata").put("name", name);
        meta.putObject("labels").put("k8s-addon", "aws-load-balancer-controller.addons.k8s.io")
                .put("app.kubernetes.io/name", NAME);
        return meta;
    }

    private static ObjectNode crd(String plural, String singular, String kind, String scope) {
        ObjectNode crd = JSON.createObjectNode().put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
        metadata(crd, plural + ".elbv2.k8s.aws");
        ObjectNode spec = crd.putObject("spec").put("group", "elbv2.k8s.aws").put("scope", scope);
        spec.putObject("names").put("plural", plural).put("singular", singular).put("kind", kind).put("listKind", kind + "List");
        ObjectNode version = spec.putArray("versions").addObject().put("name", "v1beta1").put("served", true).put("storage", true);
        version.putObject("schema").putObject("openAPIV3Schema").put("type", "object");
        version.putObject("subresources").putObject("status");
        return crd;
    }

    private static ObjectNode serviceAccount() {
        ObjectNode sa = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
        metadata(sa, NAME).put("namespace", "kube-system");
        return sa;
    }

    /** The chart's rules, trimmed to what the lab's controller touches. */
    private static ObjectNode clusterRole() {
        ObjectNode role = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRole");
        metadata(role, NAME + "-role");
        ArrayNode rules = role.putArray("rules");
        rule(rules, "elbv2.k8s.aws", List.of("targetgroupbindings"), List.of("create", "delete", "get", "list", "patch", "update", "watch"));
        rule(rules, "elbv2.k8s.aws", List.of("ingressclassparams"), List.of("get", "list", "watch"));
        rule(rules, "elbv2.k8s.aws", List.of("targetgroupbindings/status"), List.of("patch", "update"));
        rule(rules, "", List.of("events"), List.of("create", "patch"));
        rule(rules, "", List.of("pods"), List.of("get", "list", "watch"));
        rule(rules, "", List.of("pods/status"), List.of("patch", "update"));
        rule(rules, "", List.of("services", "namespaces", "nodes", "endpoints"), List.of("get", "list", "watch"));
        rule(rules, "", List.of("services/status"), List.of("patch", "update"));
        rule(rules, "discovery.k8s.io", List.of("endpointslices"), List.of("get", "list", "watch"));
        rule(rules, "networking.k8s.io", List.of("ingressclasses", "ingresses"), List.of("get", "list", "watch"));
        rule(rules, "networking.k8s.io", List.of("ingresses/status"), List.of("patch", "update"));
        return role;
    }

    private static void rule(ArrayNode rules, String group, List<String> resources, List<String> verbs) {
        ObjectNode r = rules.addObject();
        r.putArray("apiGroups").add(group);
        ArrayNode res = r.putArray("resources");
        resources.forEach(res::add);
        ArrayNode v = r.putArray("verbs");
        verbs.forEach(v::add);
    }

    private static ObjectNode clusterRoleBinding() {
        ObjectNode b = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRoleBinding");
        metadata(b, NAME + "-rolebinding");
        b.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", NAME + "-role");
        b.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", NAME).put("namespace", "kube-system");
        return b;
    }

    private ObjectNode deployment() {
        ObjectNode d = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        metadata(d, NAME).put("namespace", "kube-system");
        ObjectNode spec = d.putObject("spec").put("replicas", 1);
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", NAME);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", NAME)
                .put("k8s-addon", "aws-load-balancer-controller.addons.k8s.io");
        ObjectNode pod = template.putObject("spec");
        pod.put("priorityClassName", "system-cluster-critical").put("serviceAccountName", NAME);
        pod.putObject("nodeSelector").put("node-role.kubernetes.io/control-plane", "");
        ArrayNode tolerations = pod.putArray("tolerations");
        tolerations.addObject().put("key", "node-role.kubernetes.io/control-plane").put("operator", "Exists");
        tolerations.addObject().put("key", "node-role.kubernetes.io/master").put("operator", "Exists");
        ObjectNode c = pod.putArray("containers").addObject().put("name", "controller").put("image", IMAGE + ":" + VERSION);
        c.putArray("args").add("--cluster-name=" + clusterName).add("--ingress-class=alb").add("--enable-waf=false")
                .add("--enable-wafv2=false").add("--enable-shield=false");
        c.putObject("resources").putObject("requests").put("cpu", "50m").put("memory", "50Mi");
        return d;
    }
}
