package io.labbench.app.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.labbench.kube.KubeconfigSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's objects through its kubeconfig with fabric8, as the app's Kubernetes window reads them: any
 * authentication a kubeconfig carries (kOps' admin client certificate on AWS), one client for the source's life.
 * The items are turned into the API's JSON, so the path reads them as it reads the local lab's.
 */
final class KubeconfigClusterObjects implements ClusterObjects {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsPathSource.KubeconfigLoader loader;
    private KubeconfigSource kubeconfig;
    private KubernetesClient client;

    KubeconfigClusterObjects(AwsPathSource.KubeconfigLoader loader) {
        this.loader = loader;
    }

    @Override
    public Listed list() throws IOException {
        KubernetesClient c = client();
        try {
            return new Listed(json(c, c.pods().inAnyNamespace().list().getItems()),
                    json(c, c.services().inAnyNamespace().list().getItems()), json(c, c.endpoints().inAnyNamespace().list().getItems()),
                    json(c, c.nodes().list().getItems()));
        } catch (KubernetesClientException e) {
            throw new IOException("the cluster's API (" + origin() + ") did not list pods, Services, endpoints and"
                    + " nodes: " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getClass().getSimpleName()) + "; 'kubectl get pods -A' on kops-ec2 shows whether it answers", e);
        }
    }

    private synchronized KubernetesClient client() throws IOException {
        if (client == null) {
            kubeconfig = loader.load();
            try {
                client = kubeconfig.connect();
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return client;
    }

    private synchronized String origin() {
        return kubeconfig == null ? "?" : kubeconfig.origin();
    }

    private static List<JsonNode> json(KubernetesClient c, List<? extends KubernetesResource> items) throws IOException {
        List<JsonNode> out = new ArrayList<>(items.size());
        for (KubernetesResource i : items) {
            out.add(JSON.readTree(c.getKubernetesSerialization().asJson(i)));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
