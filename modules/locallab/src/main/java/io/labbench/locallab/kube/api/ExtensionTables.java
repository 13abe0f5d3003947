package io.labbench.locallab.kube.api;

import static io.labbench.locallab.kube.api.WorkloadTables.age;
import static io.labbench.locallab.kube.api.WorkloadTables.name;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Tables of the kinds add-ons bring: CRDs and RBAC as the real server prints them, and the AWS Load
 * Balancer Controller's custom resources with the printer columns its CRDs declare.
 */
public final class ExtensionTables {

    private ExtensionTables() {
    }

    public static final ResourceType CUSTOM_RESOURCE_DEFINITIONS = new ResourceType("apiextensions.k8s.io", "v1",
            "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, List.of("crd", "crds"),
            List.of("api-extensions"), List.of("status"));
    public static final ResourceType CLUSTER_ROLES = new ResourceType("rbac.authorization.k8s.io", "v1", "clusterroles",
            "clusterrole", "ClusterRole", false, List.of(), List.of(), List.of());
    public static final ResourceType CLUSTER_ROLE_BINDINGS = new ResourceType("rbac.authorization.k8s.io", "v1",
            "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, List.of(), List.of(), List.of());
    public static final ResourceType TARGET_GROUP_BINDINGS = new ResourceType("elbv2.k8s.aws", "v1beta1", "targetgroupbindings",
            "targetgroupbinding", "TargetGroupBinding", true, List.of(), List.of("all"), List.of("status"));
    public static final ResourceType INGRESS_CLASS_PARAMS = new ResourceType("elbv2.k8s.aws", "v1beta1", "ingressclassparams",
            "ingressclassparams", "IngressClassParams", false, List.of(), List.of(), List.of());

    /** {@code kubectl get crd}: NAME, CREATED AT. */
    public static final TableSpec CRDS = new TableSpec(List.of(TableColumn.nameColumn(),
            new TableColumn("Created At", "date", "", 0, "Time the CRD was created.")),
            (o, now) -> List.of(name(o), o.path("metadata").path("creationTimestamp").asText("")));

    public static final TableSpec ROLES = new TableSpec(List.of(TableColumn.nameColumn(),
            new TableColumn("Created At", "date", "", 0, "Time the role was created.")),
            (o, now) -> List.of(name(o), o.path("metadata").path("creationTimestamp").asText("")));

    public static final TableSpec ROLE_BINDINGS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Role", "The role this binding grants."), TableColumn.age(),
            TableColumn.wide("Users", "Users bound."), TableColumn.wide("Groups", "Groups bound."),
            TableColumn.wide("ServiceAccounts", "Service accounts bound.")),
            (o, now) -> List.of(name(o), o.path("roleRef").path("kind").asText() + "/" + o.path("roleRef").path("name").asText(),
                    age(o, now), subjects(o, "User"), subjects(o, "Group"), serviceAccounts(o)));

    /** The CRD's printer columns: SERVICE-NAME, SERVICE-PORT, TARGET-TYPE, AGE, and ARN with -o wide. */
    public static final TableSpec TGBS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Service-Name", "The Kubernetes Service's name"),
            TableColumn.text("Service-Port", "The Kubernetes Service's port"),
            TableColumn.text("Target-Type", "The AWS TargetGroup's TargetType"),
            TableColumn.wide("ARN", "The AWS TargetGroup's Amazon Resource Name"), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("spec").path("serviceRef").path("name").asText(),
                    o.path("spec").path("serviceRef").path("port").asText(), o.path("spec").path("targetType").asText(),
                    o.path("spec").path("targetGroupARN").asText(), age(o, now)));

    public static final TableSpec INGRESS_CLASS_PARAMS_TABLE = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Group-Name", "The Ingress Group name"), TableColumn.text("Scheme", "The AWS Load Balancer scheme"),
            TableColumn.text("Ip-Address-Type", "The AWS Load Balancer ipAddressType"), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("spec").path("group").path("name").asText(""), o.path("spec").path("scheme").asText(""),
                    o.path("spec").path("ipAddressType").asText(""), age(o, now)));

    private static String subjects(JsonNode o, String kind) {
        List<String> names = new java.util.ArrayList<>();
        o.path("subjects").forEach(s -> {
            if (s.path("kind").asText().equals(kind)) {
                names.add(s.path("name").asText());
            }
        });
        return String.join(", ", names);
    }

    private static String serviceAccounts(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.path("subjects").forEach(s -> {
            if (s.path("kind").asText().equals("ServiceAccount")) {
                names.add(s.path("namespace").asText() + "/" + s.path("name").asText());
            }
        });
        return String.join(", ", names);
    }
}
