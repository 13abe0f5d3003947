package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.spi.ContainerRuntime.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pod's {@code spec.volumes} the way the kubelet's volume manager does before it makes the pod's
 * sandbox: a {@code configMap} or {@code secret} volume becomes its files (keys, or {@code items} with
 * their paths), an {@code emptyDir} an empty folder. A source that is missing (and not {@code optional})
 * holds the pod in ContainerCreating with the kubelet's own message. Volume types the lab does not
 * mount (hostPath, persistentVolumeClaim, projected…) are left out: the pod's containers see the host's
 * files anyway.
 */
final class PodVolumes {

    /** What the volume manager found: the volumes to mount, or why the pod cannot start yet. */
    sealed interface Outcome {
        record Ready(List<Volume> volumes) implements Outcome {
            public Ready {
                volumes = List.copyOf(volumes);
            }
        }

        /** @param message the kubelet's {@code FailedMount} event text */
        record Waiting(String message) implements Outcome {
        }
    }

    private PodVolumes() {
    }

    static Outcome resolve(Store store, JsonNode pod) {
        String namespace = Meta.namespace(pod);
        List<Volume> volumes = new ArrayList<>();
        for (JsonNode v : pod.path("spec").path("volumes")) {
            String name = v.path("name").asText();
            if (v.has("emptyDir")) {
                volumes.add(new Volume.EmptyDir(name));
            } else if (v.has("configMap") || v.has("secret")) {
                boolean secret = v.has("secret");
                JsonNode source = secret ? v.path("secret") : v.path("configMap");
                String object = secret ? source.path("secretName").asText() : source.path("name").asText();
                String kind = secret ? "secret" : "configmap";
                var found = store.get(secret ? ResourceCatalog.SECRETS : ResourceCatalog.CONFIG_MAPS, namespace, object);
                boolean optional = source.path("optional").asBoolean(false);
                int mode = source.path("defaultMode").asInt(0644);
                if (found.isEmpty()) {
                    if (optional) {
                        volumes.add(new Volume.Files(name, Map.of(), mode));
                        continue;
                    }
                    return new Outcome.Waiting(failed(name, kind + " \"" + object + "\" not found"));
                }
                Map<String, byte[]> data = secret ? secretData(found.get()) : configMapData(found.get());
                Map<String, byte[]> files = new LinkedHashMap<>();
                if (source.path("items").isEmpty()) {
                    files.putAll(data);
                } else {
                    for (JsonNode item : source.path("items")) {
                        String key = item.path("key").asText();
                        byte[] content = data.get(key);
                        if (content == null) {
                            if (optional) {
                                continue;
                            }
                            return new Outcome.Waiting(failed(name, kind + " references non-existent " + (secret ? "secret" : "config")
                                    + " key: " + key));
                        }
                        files.put(item.path("path").asText(key), content);
                    }
                }
                volumes.add(new Volume.Files(name, files, mode));
            }
        }
        return new Outcome.Ready(volumes);
    }

    private static String failed(String volume, String reason) {
        return "MountVolume.SetUp failed for volume \"" + volume + "\" : " + reason;
    }

    private static Map<String, byte[]> configMapData(JsonNode configMap) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        configMap.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        configMap.path("binaryData").fields().forEachRemaining(e -> data.put(e.getKey(), decode(e.getValue().asText())));
        return data;
    }

    /** {@code data} is base64 (what the volume holds is the decoded bytes); {@code stringData} wins, as the API server merges it. */
    private static Map<String, byte[]> secretData(JsonNode secret) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        secret.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), decode(e.getValue().asText())));
        secret.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }
}
