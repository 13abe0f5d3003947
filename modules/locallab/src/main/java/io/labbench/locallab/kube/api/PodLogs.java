package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code kubectl logs} shows for a container no runtime runs: the cluster's add-ons in
 * {@code kube-system} and pods of an API without a container runtime (the lab's own pods show their
 * real output, see {@link ExecEndpoint#logs}). Each known image gets the start-up lines its real
 * container prints (nginx's entrypoint, CoreDNS's banner, aws-node's ipamd start), and anything else
 * says plainly that no output was captured.
 */
public final class PodLogs {
    private PodLogs() {
    }

    public static String of(JsonNode pod, JsonNode container) {
        String image = container.path("image").asText();
        String started = startedAt(pod, container.path("name").asText());
        String podIp = pod.path("status").path("podIP").asText("");
        if (image.startsWith("nginx")) {
            return String.join("\n",
                    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                    "/docker-entrypoint.sh: Configuration complete; ready for start up",
                    started + " [notice] 1#1: using the \"epoll\" event method",
                    started + " [notice] 1#1: nginx/1.23.3",
                    started + " [notice] 1#1: start worker processes", "");
        }
        if (image.contains("coredns")) {
            return String.join("\n", ".:53", "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908",
                    "CoreDNS-1.9.3", "linux/amd64, go1.18.2, 45b0a11", "");
        }
        if (image.contains("amazon-k8s-cni")) {
            return String.join("\n",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Validating env variables ...\"}",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Install CNI binaries..\"}",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Starting IPAM daemon in the background ... \"}",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Checking for IPAM connectivity ... \"}",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Copying config file ... \"}",
                    "{\"level\":\"info\",\"ts\":\"" + started + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Successfully copied CNI plugin binary and config file.\"}", "");
        }
        if (image.contains("echoserver")) {
            return "Generating self-signed cert\nGenerating a 2048 bit RSA private key\n..+++\nwriting new private key to '/certs/privateKey.key'\n-----\nStarting nginx\n";
        }
        if (image.contains("netshoot")) {
            // tail -f /dev/null prints nothing, as on the study's cluster.
            return "";
        }
        return "(the local lab runs no image for " + image + "; container started at " + started
                + (podIp.isEmpty() ? "" : " with pod IP " + podIp) + ")\n";
    }

    /** The last {@code tailLines} lines of {@code text} ({@code --tail}); all of it when the parameter is empty or negative. */
    public static String tail(String text, String tailLines) {
        if (tailLines.isEmpty() || text.isEmpty()) {
            return text;
        }
        int n;
        try {
            n = Integer.parseInt(tailLines);
        } catch (NumberFormatException e) {
            throw new BadRequestException("tailLines: invalid value '" + tailLines + "': must be a whole number");
        }
        if (n < 0) {
            return text;
        }
        String[] lines = text.split("\n");
        int keep = Math.min(lines.length, n);
        return keep == 0 ? "" : String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - keep, lines.length)) + "\n";
    }

    private static String startedAt(JsonNode pod, String container) {
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            if (cs.path("name").asText().equals(container)) {
                return cs.path("state").path("running").path("startedAt").asText("");
            }
        }
        return pod.path("metadata").path("creationTimestamp").asText("");
    }
}
