package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.spi.ContainerRuntime.State;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what the container runtime reports into a pod's status as the kubelet does: each
 * container's {@code state}, {@code lastState}, {@code ready} and {@code restartCount}, the pod's
 * {@code Ready}/{@code ContainersReady} conditions and its phase ({@code Succeeded}/{@code Failed} once
 * every container ended for good).
 */
final class ContainerStatuses {

    private ContainerStatuses() {
    }

    /** Converts the runtime's view of a pod's spec for {@link ContainerRuntime#start}, with its volumes read ({@link PodVolumes}). */
    static ContainerRuntime.Pod podOf(JsonNode pod, String node, String ip, List<ContainerRuntime.Volume> volumes) {
        List<ContainerRuntime.Container> containers = new ArrayList<>();
        for (JsonNode c : pod.path("spec").path("containers")) {
            List<String> command = new ArrayList<>();
            c.path("command").forEach(x -> command.add(x.asText()));
            List<String> args = new ArrayList<>();
            c.path("args").forEach(x -> args.add(x.asText()));
            List<Integer> ports = new ArrayList<>();
            for (JsonNode port : c.path("ports")) {
                if (port.path("protocol").asText("TCP").equals("TCP") && port.path("containerPort").asInt() > 0) {
                    ports.add(port.path("containerPort").asInt());
                }
            }
            Map<String, String> env = new java.util.LinkedHashMap<>();
            for (JsonNode e : c.path("env")) {
                if (e.has("value")) {
                    env.put(e.path("name").asText(), e.path("value").asText());
                }
            }
            List<ContainerRuntime.VolumeMount> mounts = new ArrayList<>();
            for (JsonNode m : c.path("volumeMounts")) {
                mounts.add(new ContainerRuntime.VolumeMount(m.path("name").asText(), m.path("mountPath").asText(),
                        m.path("subPath").asText(""), m.path("readOnly").asBoolean(false)));
            }
            containers.add(new ContainerRuntime.Container(c.path("name").asText(), c.path("image").asText(), command, args,
                    ports, env, mounts));
        }
        return new ContainerRuntime.Pod(Meta.namespace(pod), Meta.name(pod), Meta.uid(pod), node, ip,
                pod.path("spec").path("restartPolicy").asText("Always"), containers, volumes);
    }

    /** Applies {@code statuses} to {@code pod}'s status (in place). */
    static void apply(ObjectNode pod, List<ContainerRuntime.ContainerStatus> statuses) {
        ObjectNode status = pod.with("status");
        ArrayNode list = status.putArray("containerStatuses");
        List<String> unready = new ArrayList<>();
        boolean allEnded = !statuses.isEmpty();
        boolean allSucceeded = true;
        for (ContainerRuntime.ContainerStatus s : statuses) {
            ObjectNode cs = list.addObject();
            cs.put("name", s.name());
            state(cs.putObject("state"), s.state(), s.containerId());
            ObjectNode last = cs.putObject("lastState");
            s.lastState().ifPresent(t -> state(last, t, s.containerId()));
            cs.put("ready", s.ready());
            cs.put("restartCount", s.restartCount());
            cs.put("image", s.image());
            cs.put("imageID", s.image().replaceAll(":[^:/]*$", "") + "@sha256:" + Kubelet.sha256(s.image()));
            cs.put("containerID", s.containerId());
            cs.put("started", s.state() instanceof State.Running);
            if (!s.ready()) {
                unready.add(s.name());
            }
            if (s.state() instanceof State.Terminated t) {
                allSucceeded &= t.exitCode() == 0;
            } else {
                allEnded = false;
            }
        }
        if (allEnded) {
            status.put("phase", allSucceeded ? "Succeeded" : "Failed");
        } else {
            status.put("phase", "Running");
        }
        String ready = unready.isEmpty() ? "True" : "False";
        String reason = unready.isEmpty() ? "" : allEnded ? "PodCompleted" : "ContainersNotReady";
        String message = unready.isEmpty() || allEnded ? "" : "containers with unready status: [" + String.join(" ", unready) + "]";
        Scheduler.setCondition(pod, "Ready", ready, reason, message);
        Scheduler.setCondition(pod, "ContainersReady", ready, reason, message);
    }

    private static void state(ObjectNode into, State state, String containerId) {
        if (state instanceof State.Running r) {
            into.putObject("running").put("startedAt", time(r.startedAt()));
        } else if (state instanceof State.Waiting w) {
            ObjectNode waiting = into.putObject("waiting").put("reason", w.reason());
            if (!w.message().isEmpty()) {
                waiting.put("message", w.message());
            }
        } else if (state instanceof State.Terminated t) {
            ObjectNode terminated = into.putObject("terminated").put("exitCode", t.exitCode()).put("reason", t.reason());
            if (!t.message().isEmpty()) {
                terminated.put("message", t.message());
            }
            terminated.put("startedAt", time(t.startedAt())).put("finishedAt", time(t.finishedAt()))
                    .put("containerID", containerId);
        }
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
