package io.labbench.locallab.nlb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.ExtensionTables;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.Store;

/**
 * The {@code TargetGroupBinding} objects the controller keeps beside each target group (one per
 * Service port, named like the target group, in the Service's namespace), as the real controller
 * registers targets through them; {@code kubectl get targetgroupbindings -A} lists them.
 */
final class TargetGroupBindings {

    private final Store store;

    TargetGroupBindings(Store store) {
        this.store = store;
    }

    void write(JsonNode service, NlbModel model) {
        String ns = service.path("metadata").path("namespace").asText("default");
        JsonNode ports = service.path("spec").path("ports");
        for (int i = 0; i < model.listeners().size(); i++) {
            NlbModel.TargetGroup group = model.listeners().get(i).targetGroup();
            if (store.get(ExtensionTables.TARGET_GROUP_BINDINGS, ns, group.name()).isPresent()) {
                continue;
            }
            JsonNode port = ports.path(i);
            ObjectNode tgb = Json.object();
            tgb.put("apiVersion", "elbv2.k8s.aws/v1beta1").put("kind", "TargetGroupBinding");
            ObjectNode meta = tgb.putObject("metadata").put("name", group.name()).put("namespace", ns);
            meta.putObject("labels").put("service.k8s.aws/stack-name", service.path("metadata").path("name").asText())
                    .put("service.k8s.aws/stack-namespace", ns);
            ObjectNode spec = tgb.putObject("spec").put("targetGroupARN", group.arn()).put("targetType", group.targetType())
                    .put("ipAddressType", "ipv4");
            ObjectNode ref = spec.putObject("serviceRef").put("name", service.path("metadata").path("name").asText());
            if (port.has("name")) {
                ref.put("port", port.path("name").asText());
            } else {
                ref.put("port", port.path("port").asInt());
            }
            tgb.putObject("status").put("observedGeneration", 1);
            store.create(ExtensionTables.TARGET_GROUP_BINDINGS, ns, tgb);
        }
    }

    void remove(NlbModel model) {
        String ns = model.serviceKey().substring(0, model.serviceKey().indexOf('/'));
        for (NlbModel.Listener l : model.listeners()) {
            store.delete(ExtensionTables.TARGET_GROUP_BINDINGS, ns, l.targetGroup().name());
        }
    }
}
