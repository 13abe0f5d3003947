package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kops edit} without a lab: what a learner's edits do to the cluster's documents and settings. */
class KopsClusterStateTest {

    @TempDir
    Path state;

    private KopsClusterState kops(LabSettings settings) {
        return new KopsClusterState(settings, settings.topology(), "s3://bucket", Instant.parse("2026-12-07T01:00:00Z"), state.resolve("kops"));
    }

    private final LabSettings study = LabSettings.defaults(Path.of("/tmp/unused"), "lbk");

    @Test
    void theStudysClusterEditTurnsOnPrefixDelegationWithMaxPods110() {
        KopsClusterState kops = kops(study);
        String edited = kops.clusterYaml().replace("  kubelet:\n    anonymousAuth: false\n", "  kubelet:\n    anonymousAuth: false\n    maxPods: 110\n")
                .replace("    amazonvpc:\n      {}\n", "    amazonvpc:\n      env:\n      - name: ENABLE_PREFIX_DELEGATION\n        value: \"true\"\n");
        assertThat(kops.editCluster(edited)).isEmpty();
        assertThat(kops.edited().prefixDelegation()).isTrue();
        assertThat(kops.edited().kubeletMaxPods()).isEqualTo(110);
        assertThat(kops.applied()).isEqualTo(study);
        assertThat(kops.groupsNeedingUpdate()).isEmpty();
        kops.apply();
        assertThat(kops.groupsNeedingUpdate()).containsExactly("master-us-east-1a", "nodes-us-east-1a", "nodes-us-east-1c");
    }

    @Test
    void aNodeGroupsMachineTypeIsCopiedToTheOtherNodeGroupWithANote() {
        KopsClusterState kops = kops(study);
        List<String> notes = new ArrayList<>();
        String edited = kops.groupYaml("nodes-us-east-1a").orElseThrow().replace("machineType: t3.medium", "machineType: c5.large");
        assertThat(kops.editGroup("nodes-us-east-1a", edited, notes)).isEmpty();
        assertThat(notes).singleElement().asString().contains("nodes-us-east-1c");
        assertThat(kops.groupYaml("nodes-us-east-1c").orElseThrow()).contains("machineType: c5.large");
        assertThat(kops.edited().nodesInstanceType()).isEqualTo("c5.large");
        assertThat(kops.edited().controlPlaneInstanceType()).isEqualTo("t3.medium");
    }

    @Test
    void badEditsAreRefusedWithKopsLikeReasonsAndChangeNothing() {
        KopsClusterState kops = kops(study);
        String before = kops.groupYaml("nodes-us-east-1a").orElseThrow();
        List<String> notes = new ArrayList<>();
        assertThat(kops.editGroup("nodes-us-east-1a", before.replace("machineType: t3.medium", "machineType: t3.mediumm"), notes))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("spec.machineType: Invalid value: \"t3.mediumm\""));
        assertThat(kops.editGroup("nodes-us-east-1a", before.replace("  maxSize: 1\n", "  kubelet:\n    maxPods: lots\n  maxSize: 1\n"), notes))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("cannot unmarshal string into Go struct field KubeletConfigSpec.spec.kubelet.maxPods of type int32"));
        assertThat(kops.editGroup("nodes-us-east-1a", before.replace("  role: Node\n", "  role: Node\n bad: [\n"), notes))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("error converting YAML to JSON: yaml: line"));
        assertThat(kops.editGroup("nodes-us-east-1a", before.replace("name: nodes-us-east-1a", "name: nodes-big"), notes))
                .hasValueSatisfying(r -> assertThat(r.message()).startsWith("metadata.name: Forbidden"));
        assertThat(kops.editGroup("nodes-us-east-1a", before.replace("minSize: 1", "minSize: 2"), notes))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("exactly one instance per instance group"));
        String nonNitro = kops.groupYaml("master-us-east-1a").orElseThrow().replace("machineType: t3.medium", "machineType: t2.medium");
        assertThat(kops.editGroup("master-us-east-1a", nonNitro, notes)).isEmpty();
        String prefix = kops.clusterYaml().replace("    amazonvpc:\n      {}\n",
                "    amazonvpc:\n      env:\n      - name: ENABLE_PREFIX_DELEGATION\n        value: \"true\"\n");
        assertThat(kops.editCluster(prefix)).hasValueSatisfying(r -> assertThat(r.message()).contains("Nitro").contains("t2.medium"));
        assertThat(kops.groupYaml("nodes-us-east-1a").orElseThrow()).isEqualTo(before);
        assertThat(kops.edited().prefixDelegation()).isFalse();
        assertThat(notes).isEmpty();
    }

    @Test
    void documentsComeBackForALabThatRunsWhatTheyDescribe() {
        KopsClusterState first = kops(study);
        String edited = first.groupYaml("nodes-us-east-1a").orElseThrow().replace("  maxSize: 1\n", "  kubelet:\n    maxPods: 50\n  maxSize: 1\n");
        assertThat(first.editGroup("nodes-us-east-1a", edited, new ArrayList<>())).isEmpty();
        LabSettings rerolled = first.apply();
        assertThat(rerolled.kubeletMaxPods()).isEqualTo(50);
        assertThat(kops(rerolled).groupYaml("nodes-us-east-1a").orElseThrow()).contains("maxPods: 50");
        assertThat(kops(study).groupYaml("nodes-us-east-1a").orElseThrow()).doesNotContain("maxPods");
    }

    @Test
    void tablesLineUpOnTabStopsLikeGosTabwriter() {
        String table = new KopsTable("NAME", "ROLE", "READY").row("i-0123456789abcdef0", "master", "True").row("i-1", "node", "True").toString();
        assertThat(table).isEqualTo("NAME\t\t\tROLE\tREADY\ni-0123456789abcdef0\tmaster\tTrue\ni-1\t\t\tnode\tTrue\n");
    }
}
