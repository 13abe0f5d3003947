package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;

/** CPU and memory quantities as Kubernetes writes them ({@code 100m}, {@code 2}, {@code 3955308Ki}). */
public final class Quantities {
    private Quantities() {
    }

    /** Millicores of a CPU quantity ("" = 0). */
    public static long cpuMillis(String q) {
        if (q == null || q.isEmpty()) {
            return 0;
        }
        if (q.endsWith("m")) {
            return Long.parseLong(q.substring(0, q.length() - 1));
        }
        return Math.round(Double.parseDouble(q) * 1000);
    }

    public static String cpu(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
    }

    /** The sum of a pod's container CPU requests in millicores. */
    public static long podCpuRequest(JsonNode pod) {
        long sum = 0;
        for (JsonNode c : pod.path("spec").path("containers")) {
            sum += cpuMillis(c.path("resources").path("requests").path("cpu").asText(""));
        }
        return sum;
    }

    public static String memoryKi(long bytes) {
        return (bytes / 1024) + "Ki";
    }
}
