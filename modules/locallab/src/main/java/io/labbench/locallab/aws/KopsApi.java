package io.labbench.locallab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.service.ServiceApi;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.io.IOException;
import java.net.URI;
import io.labbench.locallab.kube.ApiCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kops of kops-ec2, answered from the running lab. kops-ec2's {@code kops} is a small client that
 * signs each call with the lab's credentials (SigV4 service {@code kops}) and prints what comes back;
 * the work happens here, where the cluster's state is: {@code get}, {@code validate} (against the
 * Kubernetes API, as the real command does), {@code edit} (the client runs {@code $EDITOR}; this side
 * checks the result), {@code update cluster}, {@code rolling-update cluster} (a re-roll of the lab),
 * {@code export kubecfg}, {@code delete cluster}.
 *
 * <p>Wire format: a JSON request {@code {"args": [...], "edited": "…"?}}, a JSON answer
 * {@code {"stdout", "stderr", "exit", "edit"?}} where {@code edit} is a document for the editor.
 */
final class KopsApi implements ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDIT_HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
            + "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
            + "# reopened with the relevant failures.\n#\n";
    private static final DateTimeFormatter KLOG = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");

    private final KopsClusterState state;
    private final LabTopology topology;
    private final URI kubeApi;
    private final Path kubeconfig;
    private final KopsControl control;
    private final HttpClient http;
    private final String kubeToken;
    private final List<KopsAddon> addons;

    KopsApi(KopsClusterState state, LabTopology topology, URI kubeApi, ApiCredentials kubeCredentials, Path kubeconfig,
            KopsControl control, List<KopsAddon> addons) throws IOException {
        this.addons = List.copyOf(addons);
        this.http = kubeCredentials.trustingHttpClient(Duration.ofSeconds(5));
        this.kubeToken = kubeCredentials.token();
        this.state = state;
        this.topology = topology;
        this.kubeApi = kubeApi;
        this.kubeconfig = kubeconfig;
        this.control = control;
    }

    @Override
    public String signingName() {
        return "kops";
    }

    /**
     * One command's output.
     *
     * @param edit       a document for the client to open in {@code $EDITOR} and send back
     * @param kubeconfig a kubeconfig for the client to write ({@code export kubecfg})
     */
    record Result(String stdout, String stderr, int exit, Optional<String> edit, Optional<String> kubeconfig) {
        Result(String stdout, String stderr, int exit, Optional<String> edit) {
            this(stdout, stderr, exit, edit, Optional.empty());
        }

        static Result out(String text) {
            return new Result(text, "", 0, Optional.empty());
        }

        static Result error(String text) {
            return new Result("", text.endsWith("\n") ? text : text + "\n", 1, Optional.empty());
        }
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        Result result;
        try {
            JsonNode body = JSON.readTree(request.body());
            List<String> args = new ArrayList<>();
            body.path("args").forEach(a -> args.add(a.asText()));
            Optional<String> edited = body.hasNonNull("edited") ? Optional.of(body.get("edited").asText()) : Optional.empty();
            result = run(Command.parse(args), edited);
        } catch (IOException e) {
            result = Result.error("Error: the kops request could not be read: " + e.getMessage());
        }
        ObjectNode answer = JSON.createObjectNode().put("stdout", result.stdout()).put("stderr", result.stderr()).put("exit", result.exit());
        result.edit().ifPresent(e -> answer.put("edit", e));
        result.kubeconfig().ifPresent(k -> answer.put("kubeconfig", k));
        return AwsReply.json(answer.toString());
    }

    /** The words and the flags of a kops command line ({@code --name}, {@code --state} accepted and ignored). */
    record Command(List<String> words, Map<String, String> flags) {
        static Command parse(List<String> args) {
            List<String> words = new ArrayList<>();
            Map<String, String> flags = new LinkedHashMap<>();
            List<String> valued = List.of("-o", "--output", "--name", "--state", "--wait", "-v", "--v", "--interval", "--instance-group",
                    "--master-interval", "--node-interval", "--validation-timeout", "--kubeconfig", "--user");
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("-")) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        flags.put(a.substring(0, eq), a.substring(eq + 1));
                    } else if (valued.contains(a) && i + 1 < args.size()) {
                        flags.put(a, args.get(++i));
                    } else {
                        flags.put(a, "true");
                    }
                } else {
                    words.add(a);
                }
            }
            return new Command(words, flags);
        }

        String word(int i) {
            return i < words.size() ? words.get(i) : "";
        }

        boolean yes() {
            return "true".equals(flags.get("--yes")) || "true".equals(flags.get("-y"));
        }

        String output() {
            return flags.getOrDefault("-o", flags.getOrDefault("--output", "table"));
        }
    }

    Result run(Command c, Optional<String> edited) {
        String verb = c.word(0);
        String what = c.word(1);
        return switch (verb) {
            case "get" -> get(what, c);
            case "validate" -> validate(c);
            case "edit" -> edit(what, c.word(2), edited);
            case "update" -> what.equals("cluster") ? update(c.yes()) : unknown(c);
            case "rolling-update" -> what.equals("cluster") ? rollingUpdate(c.yes()) : unknown(c);
            case "export" -> what.equals("kubecfg") || what.equals("kubeconfig") ? exportKubecfg() : unknown(c);
            case "delete" -> what.equals("cluster") ? deleteCluster(c.yes())
                    : Result.error("Error: the local lab keeps its three instance groups; deleting one is not emulated (edit the group instead)");
            case "version" -> Result.out("Client version: 1.24.5 (the LabBench local lab's kops)\n");
            default -> unknown(c);
        };
    }

    private Result unknown(Command c) {
        return Result.error("Error: unknown command \"" + String.join(" ", c.words()) + "\" for the local lab's kops.\n"
                + "It answers: get cluster|ig|instances [-o yaml], validate cluster [--wait 10m], edit cluster|ig NAME,\n"
                + "update cluster [--yes], rolling-update cluster [--yes], export kubecfg --admin, delete cluster [--yes], version");
    }

    private Result get(String what, Command c) {
        boolean yaml = c.output().equals("yaml");
        switch (what) {
            case "", "cluster", "clusters" -> {
                if (yaml) {
                    return Result.out(state.clusterYaml());
                }
                String zones = String.join(",", topology.subnets().stream().map(s -> s.zone()).toList());
                return Result.out(new KopsTable("NAME", "CLOUD", "ZONES").row(state.running().clusterName(), "aws", zones).toString());
            }
            case "ig", "igs", "instancegroup", "instancegroups" -> {
                Map<String, String> groups = state.groupYaml();
                String name = c.word(2);
                if (!name.isEmpty() && !groups.containsKey(name)) {
                    return Result.error("Error: InstanceGroup \"" + name + "\" not found (the cluster has " + String.join(", ", groups.keySet()) + ")");
                }
                if (yaml) {
                    return Result.out(name.isEmpty() ? KopsSpecs.joined(List.copyOf(groups.values())) : groups.get(name));
                }
                LabSettings s = state.edited();
                KopsTable table = new KopsTable("NAME", "ROLE", "MACHINETYPE", "MIN", "MAX", "ZONES");
                KopsSpecs.instanceGroups(topology).forEach((group, node) -> {
                    if (name.isEmpty() || name.equals(group)) {
                        boolean master = node.role() == LabNode.Role.CONTROL_PLANE;
                        table.row(group, master ? "Master" : "Node", master ? s.controlPlaneInstanceType() : s.nodesInstanceType(), 1, 1,
                                node.subnet().zone());
                    }
                });
                return Result.out(table.toString());
            }
            case "instances", "instance" -> {
                List<String> stale = state.groupsNeedingUpdate();
                KopsTable table = new KopsTable("ID", "NODE-NAME", "STATUS", "ROLES", "STATE", "INTERNAL-IP", "INSTANCE-GROUP", "MACHINE-TYPE");
                KopsSpecs.instanceGroups(topology).forEach((group, node) -> {
                    boolean master = node.role() == LabNode.Role.CONTROL_PLANE;
                    table.row(node.instanceId(), node.instanceId(), stale.contains(group) ? "NeedsUpdate" : "UpToDate",
                            master ? "master" : "node", "", node.ip(), group + (master ? ".masters." : ".") + state.running().clusterName(),
                            node.instanceType().name());
                });
                return Result.out(table.toString());
            }
            default -> {
                return Result.error("Error: the local lab's kops gets cluster, ig (instancegroups) and instances, not \"" + what + "\"");
            }
        }
    }

    private Result validate(Command c) {
        Duration wait = parseDuration(c.flags().getOrDefault("--wait", "0s"));
        long deadline = System.nanoTime() + wait.toNanos();
        StringBuilder log = new StringBuilder();
        while (true) {
            Validation v = validateOnce();
            if (v.failures().isEmpty() || System.nanoTime() >= deadline) {
                String text = log + v.report();
                return v.failures().isEmpty() ? new Result(text, "", 0, Optional.empty())
                        : new Result(text, "Error: validation failed: cluster not yet healthy\n", 1, Optional.empty());
            }
            log.append("W").append(LocalDateTime.now().format(KLOG)).append("   ").append(ProcessHandle.current().pid() % 100000)
                    .append(" validate_cluster.go:232] (will retry): cluster not yet healthy\n");
            try {
                Thread.sleep(Math.min(10_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.error("Error: interrupted");
            }
        }
    }

    private record Validation(String report, List<String> failures) {
    }

    private Validation validateOnce() {
        String cluster = state.running().clusterName();
        StringBuilder out = new StringBuilder("Validating cluster ").append(cluster).append("\n\nINSTANCE GROUPS\n");
        KopsTable groups = new KopsTable("NAME", "ROLE", "MACHINETYPE", "MIN", "MAX", "SUBNETS");
        KopsSpecs.instanceGroups(topology).forEach((group, node) -> groups.row(group,
                node.role() == LabNode.Role.CONTROL_PLANE ? "Master" : "Node", node.instanceType().name(), 1, 1, node.subnet().zone()));
        out.append(groups).append('\n');
        Map<String, String> ready = new LinkedHashMap<>();
        String apiError = "";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(kubeApi.resolve("/api/v1/nodes")).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + kubeToken).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode item : JSON.readTree(response.body()).path("items")) {
                String status = "False";
                for (JsonNode condition : item.path("status").path("conditions")) {
                    if (condition.path("type").asText().equals("Ready")) {
                        status = condition.path("status").asText();
                    }
                }
                ready.put(item.path("metadata").path("name").asText(), status);
            }
        } catch (IOException e) {
            apiError = "cannot reach the Kubernetes API at " + kubeApi + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            apiError = "interrupted";
        }
        KopsTable nodes = new KopsTable("NAME", "ROLE", "READY");
        List<String> failures = new ArrayList<>();
        KopsTable errors = new KopsTable("KIND", "NAME", "MESSAGE");
        if (!apiError.isEmpty()) {
            failures.add(apiError);
            errors.row("dns", "apiserver", "Validation Failed: " + apiError);
        }
        for (LabNode node : topology.kubernetesNodes()) {
            String role = node.role() == LabNode.Role.CONTROL_PLANE ? "master" : "node";
            String status = ready.get(node.instanceId());
            if (status == null) {
                if (apiError.isEmpty()) {
                    failures.add(node.instanceId());
                    errors.row("Machine", node.instanceId(), "machine \"" + node.instanceId() + "\" has not yet joined cluster");
                }
                continue;
            }
            nodes.row(node.instanceId(), role, status);
            if (!status.equals("True")) {
                failures.add(node.instanceId());
                errors.row("Node", node.instanceId(), "node \"" + node.instanceId() + "\" of role \"" + role + "\" is not ready");
            }
        }
        out.append("NODE STATUS\n").append(nodes).append('\n');
        if (failures.isEmpty()) {
            out.append("Your cluster ").append(cluster).append(" is ready\n");
        } else {
            out.append("VALIDATION ERRORS\n").append(errors).append("\nValidation Failed\n");
        }
        return new Validation(out.toString(), failures);
    }

    private static Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total.compareTo(Duration.ofMinutes(30)) > 0 ? Duration.ofMinutes(30) : total;
    }

    private Result edit(String what, String name, Optional<String> edited) {
        boolean cluster = what.equals("cluster");
        if (!cluster && !List.of("ig", "instancegroup", "instancegroups").contains(what)) {
            return Result.error("Error: the local lab's kops edits \"cluster\" or \"ig NAME\", not \"" + what + "\"");
        }
        Optional<String> current = cluster ? Optional.of(state.clusterYaml()) : state.groupYaml(name);
        if (current.isEmpty()) {
            return Result.error(name.isEmpty() ? "Error: name is required: kops edit ig NAME (the cluster has " + String.join(", ", state.groupYaml().keySet()) + ")"
                    : "Error: InstanceGroup \"" + name + "\" not found (the cluster has " + String.join(", ", state.groupYaml().keySet()) + ")");
        }
        if (edited.isEmpty()) {
            return new Result("", "", 0, Optional.of(EDIT_HEADER + current.get()));
        }
        String text = stripComments(edited.get());
        if (text.isBlank()) {
            return Result.error("Edit cancelled, no changes made.");
        }
        if (text.strip().equals(current.get().strip())) {
            return Result.out("");
        }
        List<String> notes = new ArrayList<>();
        Optional<KopsClusterState.Rejection> rejected = cluster ? state.editCluster(text) : state.editGroup(name, text, notes);
        if (rejected.isPresent()) {
            // as kubectl edit does: reopen with the failure on top; the client stops when nothing more changes
            String header = EDIT_HEADER + "# error: " + rejected.get().message().replace("\n", "\n# ") + "\n#\n";
            return new Result("", "error: " + rejected.get().message() + "\n", 1, Optional.of(header + text));
        }
        StringBuilder err = new StringBuilder();
        notes.forEach(n -> err.append("note: ").append(n).append('\n'));
        return new Result("", err.toString(), 0, Optional.empty());
    }

    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().replaceAll("\n+$", "\n");
    }

    private Result update(boolean yes) {
        LabSettings edited = state.edited();
        LabSettings applied = state.applied();
        List<String> changes = changes(applied, edited);
        List<KopsAddon> changing = new ArrayList<>();
        try {
            for (KopsAddon addon : addons) {
                Optional<String> change = addon.pending(state.clusterYaml());
                if (change.isPresent()) {
                    changes.add(change.get());
                    changing.add(addon);
                }
            }
        } catch (IOException e) {
            return Result.error("Error: cannot reach the cluster to apply its add-ons: " + e.getMessage());
        }
        if (changes.isEmpty()) {
            return Result.out(yes ? "\nNo changes need to be applied\n"
                    + (state.groupsNeedingUpdate().isEmpty() ? "" : "\nChanges may require instances to restart: kops rolling-update cluster\n")
                    : "No changes need to be applied\n");
        }
        StringBuilder out = new StringBuilder("Will modify resources:\n");
        changes.forEach(c -> out.append("  ").append(c).append('\n'));
        if (!yes) {
            return Result.out(out.append("\nMust specify --yes to apply changes\n").toString());
        }
        state.apply();
        for (KopsAddon addon : changing) {
            try {
                addon.apply(state.clusterYaml());
            } catch (IOException e) {
                return Result.error("Error: error applying the " + addon.name() + " add-on: " + e.getMessage());
            }
        }
        out.append("\nkOps has set your kubectl context to ").append(edited.clusterName())
                .append("\n\nCluster changes have been applied to the cloud.\n\n\nChanges may require instances to restart: kops rolling-update cluster\n");
        return Result.out(out.toString());
    }

    private List<String> changes(LabSettings from, LabSettings to) {
        List<String> changes = new ArrayList<>();
        String cluster = to.clusterName();
        if (!from.controlPlaneInstanceType().equals(to.controlPlaneInstanceType())) {
            changes.add("LaunchTemplate/master-us-east-1a.masters." + cluster + "\n  \tInstanceType            "
                    + from.controlPlaneInstanceType() + " -> " + to.controlPlaneInstanceType());
        }
        if (!from.nodesInstanceType().equals(to.nodesInstanceType())) {
            for (String group : KopsSpecs.instanceGroups(topology).keySet()) {
                if (group.startsWith("nodes-")) {
                    changes.add("LaunchTemplate/" + group + "." + cluster + "\n  \tInstanceType            "
                            + from.nodesInstanceType() + " -> " + to.nodesInstanceType());
                }
            }
        }
        if (from.kubeletMaxPods() != to.kubeletMaxPods() || from.prefixDelegation() != to.prefixDelegation()) {
            changes.add("ManagedFile/" + cluster + "-addons-bootstrap\n  \tContents                kubelet maxPods "
                    + (from.kubeletMaxPods() == 0 ? "(ENI formula)" : from.kubeletMaxPods()) + " -> "
                    + (to.kubeletMaxPods() == 0 ? "(ENI formula)" : to.kubeletMaxPods()) + ", ENABLE_PREFIX_DELEGATION "
                    + from.prefixDelegation() + " -> " + to.prefixDelegation());
        }
        return changes;
    }

    private Result rollingUpdate(boolean yes) {
        List<String> stale = state.groupsNeedingUpdate();
        KopsTable table = new KopsTable("NAME", "STATUS", "NEEDUPDATE", "READY", "MIN", "TARGET", "MAX", "NODES");
        KopsSpecs.instanceGroups(topology).forEach((group, node) -> table.row(group, stale.contains(group) ? "NeedsUpdate" : "Ready",
                stale.contains(group) ? 1 : 0, stale.contains(group) ? 0 : 1, 1, 1, 1, 1));
        StringBuilder out = new StringBuilder();
        if (stale.isEmpty()) {
            return Result.out(out.append(table).append("\nNo rolling-update required.\n").toString());
        }
        out.append("Detected single-control-plane cluster; won't detach before draining\n").append(table).append('\n');
        if (!yes) {
            return Result.out(out.append("Must specify --yes to rolling-update.\n").toString());
        }
        Optional<String> unavailable = control.unavailable();
        if (unavailable.isPresent()) {
            return new Result(out.toString(), "Error: " + unavailable.get() + "\n", 1, Optional.empty());
        }
        LabSettings next = state.applied();
        long pid = ProcessHandle.current().pid() % 100000;
        for (Map.Entry<String, LabNode> e : KopsSpecs.instanceGroups(topology).entrySet()) {
            if (!stale.contains(e.getKey())) {
                continue;
            }
            String id = e.getValue().instanceId();
            out.append(klog(pid, "instancegroups.go:501] Validating the cluster."))
                    .append(klog(pid, "instancegroups.go:537] Cluster validated."))
                    .append(klog(pid, "instancegroups.go:342] Tainting 1 node in \"" + e.getKey() + "\" instancegroup."))
                    .append(klog(pid, "instancegroups.go:602] Draining the node: \"" + id + "\"."))
                    .append(klog(pid, "instancegroups.go:618] Stopping instance \"" + id + "\", node \"" + id + "\", in group \""
                            + e.getKey() + "." + next.clusterName() + "\" (this may take a while)."));
        }
        out.append("\nThe local lab replaces every node at once (" + next.describe() + "): kops-ec2 goes down with them,\n"
                + "this terminal closes and reconnects when the new nodes are up (about 10 s). Then: kops validate cluster\n");
        try {
            control.reroll(next);
        } catch (IOException e) {
            return new Result(out.toString(), "Error: the re-roll did not start: " + e.getMessage() + "\n", 1, Optional.empty());
        }
        return Result.out(out.toString());
    }

    private static String klog(long pid, String message) {
        return "I" + LocalDateTime.now().format(KLOG) + "   " + pid + " " + message + "\n";
    }

    private Result exportKubecfg() {
        try {
            String config = Files.readString(kubeconfig, StandardCharsets.UTF_8);
            return new Result("", "kOps has set your kubectl context to " + state.running().clusterName() + "\n", 0,
                    Optional.empty(), Optional.of(config));
        } catch (IOException e) {
            return Result.error("Error: cannot read the lab's kubeconfig " + kubeconfig + ": " + e.getMessage());
        }
    }

    private Result deleteCluster(boolean yes) {
        KopsTable table = new KopsTable("TYPE", "NAME", "ID");
        for (LabNode node : topology.kubernetesNodes()) {
            table.row("instance", KopsSpecs.groupName(node) + "." + state.running().clusterName(), node.instanceId());
        }
        if (!yes) {
            return Result.out(table + "\nMust specify --yes to delete cluster\n");
        }
        try {
            state.forget();
            control.delete();
        } catch (IOException e) {
            return Result.error("Error: the lab could not be stopped: " + e.getMessage());
        }
        return Result.out(table + "\nDeleted kubectl config for " + state.running().clusterName() + "\n\nDeleted cluster: \""
                + state.running().clusterName() + "\"\n(the local lab stops with it, kops-ec2 included; start it again with"
                + " `labbench lab up` or by restarting LabBench)\n");
    }
}
