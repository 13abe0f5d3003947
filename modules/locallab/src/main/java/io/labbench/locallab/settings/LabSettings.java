package io.labbench.locallab.settings;

import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.sessions.AppDirs;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the learner may change before {@code up}: instance types per node group (the study's
 * t3.medium by default) and the study's {@code kops edit cluster} settings, VPC CNI prefix
 * delegation with kubelet {@code maxPods}. {@code prefix} names everything the lab creates.
 *
 * @param prefix            names every namespace, link and file of this lab ({@code lb} by default)
 * @param stateRoot         {@code AppDirs.state()/locallab}: state files, keys, sockets, homes
 * @param kubeconfig        where the Kubernetes side writes the kubeconfig ({@link #kubeconfig(Path, String)})
 * @param kubeletMaxPods    kubelet maxPods as kOps sets it (0 = the ENI formula)
 */
public record LabSettings(String prefix, Path stateRoot, Path kubeconfig, String controlPlaneInstanceType,
                          String nodesInstanceType, boolean prefixDelegation, int kubeletMaxPods,
                          String clusterName) {

    public static final String DEFAULT_PREFIX = "lb";
    public static final String DEFAULT_INSTANCE_TYPE = "t3.medium";
    public static final String DEFAULT_CLUSTER_NAME = "pkos.labbench.test";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,8}");

    public LabSettings {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab prefix '" + prefix
                    + "' must be 2-9 lower-case letters or digits starting with a letter (it names namespaces and links)");
        }
        InstanceType cp = InstanceTypeCatalog.builtIn().require(controlPlaneInstanceType);
        InstanceType nodes = InstanceTypeCatalog.builtIn().require(nodesInstanceType);
        if (prefixDelegation && !(cp.nitro() && nodes.nitro())) {
            throw new IllegalArgumentException("prefix delegation needs Nitro instance types; "
                    + (cp.nitro() ? nodes.name() : cp.name()) + " is not one");
        }
        if (kubeletMaxPods < 0 || kubeletMaxPods > 250) {
            throw new IllegalArgumentException("kubelet maxPods must be between 1 and 250, got " + kubeletMaxPods);
        }
    }

    /**
     * The defaults, under the user's state folder. {@code -Dlabbench.lab.prefix} names the lab otherwise,
     * so a second lab (a developer's, a screenshot run) can run beside one that already uses {@code lb}.
     */
    public static LabSettings defaults() {
        String prefix = System.getProperty("labbench.lab.prefix", "");
        return defaults(AppDirs.fromEnvironment().state().resolve("locallab"), prefix.isBlank() ? DEFAULT_PREFIX : prefix.trim());
    }

    public static LabSettings defaults(Path stateRoot, String prefix) {
        return new LabSettings(prefix, stateRoot, kubeconfig(stateRoot, prefix), DEFAULT_INSTANCE_TYPE,
                DEFAULT_INSTANCE_TYPE, false, 0, DEFAULT_CLUSTER_NAME);
    }

    /**
     * The lab's kubeconfig: {@code stateRoot/kubeconfig} for the default lab (the path learners and the
     * app already use), {@code stateRoot/<prefix>-kubeconfig} for any other, so two labs side by side
     * never overwrite each other's. Beside the lab's folder, not in it: a stopped lab's folder goes.
     */
    public static Path kubeconfig(Path stateRoot, String prefix) {
        return stateRoot.resolve(DEFAULT_PREFIX.equals(prefix) ? "kubeconfig" : prefix + "-kubeconfig");
    }

    public LabSettings withInstanceTypes(String controlPlane, String nodes) {
        return new LabSettings(prefix, stateRoot, kubeconfig, controlPlane, nodes, prefixDelegation, kubeletMaxPods, clusterName);
    }

    /** The study's {@code ENABLE_PREFIX_DELEGATION=true} plus kubelet {@code maxPods: 110}. */
    public LabSettings withPrefixDelegation(int maxPods) {
        return new LabSettings(prefix, stateRoot, kubeconfig, controlPlaneInstanceType, nodesInstanceType, true, maxPods, clusterName);
    }

    public LabSettings withoutPrefixDelegation() {
        return new LabSettings(prefix, stateRoot, kubeconfig, controlPlaneInstanceType, nodesInstanceType, false, 0, clusterName);
    }

    /** kubelet {@code maxPods} as {@code kops edit} sets it, with or without prefix delegation (0 = the ENI formula). */
    public LabSettings withKubeletMaxPods(int maxPods) {
        return new LabSettings(prefix, stateRoot, kubeconfig, controlPlaneInstanceType, nodesInstanceType, prefixDelegation, maxPods, clusterName);
    }

    public LabSettings withKubeconfig(Path path) {
        return new LabSettings(prefix, stateRoot, path, controlPlaneInstanceType, nodesInstanceType, prefixDelegation, kubeletMaxPods, clusterName);
    }

    /** This lab's own folder: keys, homes, sockets, state file. */
    public Path labDir() {
        return stateRoot.resolve(prefix);
    }

    /**
     * The lab's key store, kept from one up to the next beside the lab folder (which {@code down} deletes):
     * the SSH keys, the lab CA and the API server's certificates. 0700, its files 0600.
     */
    public Path keysDir() {
        return stateRoot.resolve(prefix + "-keys");
    }

    /** The lab these settings describe: the study's VPC, subnets and nodes with these instance types. */
    public io.labbench.locallab.net.LabTopology topology() {
        return io.labbench.locallab.net.LabTopology.of(prefix, clusterName, controlPlaneInstanceType, nodesInstanceType, this::maxPods);
    }

    /** e.g. {@code t3.medium nodes, prefix delegation off} (for progress and errors). */
    public String describe() {
        String types = controlPlaneInstanceType.equals(nodesInstanceType)
                ? nodesInstanceType + " nodes"
                : controlPlaneInstanceType + " control plane, " + nodesInstanceType + " nodes";
        return types + (prefixDelegation ? ", prefix delegation on, maxPods " + kubeletMaxPods
                : ", prefix delegation off" + (kubeletMaxPods > 0 ? ", maxPods " + kubeletMaxPods : ""));
    }

    /** A node's pods allocatable: kubelet maxPods when set (as kubelet takes it), else the ENI formula. */
    public int maxPods(InstanceType type) {
        if (kubeletMaxPods > 0) {
            return kubeletMaxPods;
        }
        return type.eniMaxPods();
    }
}
