package io.labbench.app.locallab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local lab settings dialog's behaviour, without a screen (and without a lab: the re-roll is a stand-in). */
class LocalLabSettingsViewModelTest {

    private final LabSettings running = LabSettings.defaults(Path.of("/tmp/lbt-vm-state"), "lbtvm");
    private final List<LabSettings> rerolledWith = new ArrayList<>();

    private LocalLabSettingsViewModel model(LocalLabSettingsViewModel.Reroll reroll) {
        return new LocalLabSettingsViewModel(running, InstanceTypeCatalog.builtIn(), reroll, Runnable::run, Runnable::run);
    }

    private LabStatus fakeUp(LabSettings next, io.labbench.locallab.LocalLabProgress progress) {
        rerolledWith.add(next);
        progress.step(0, 7, "Taking the nodes down");
        progress.step(7, 7, "Lab is up");
        LabStatus stopped = LabStatus.stopped(next.prefix());
        return new LabStatus(true, next.prefix(), false, 42, List.of(), "", stopped.sshPorts(), List.of(), "", "", "pkos",
                next.prefixDelegation(), 9_500);
    }

    @Test
    void opensOnTheRunningLabsSettingsWithTheStudysArithmeticAndNothingToApply() {
        LocalLabSettingsViewModel vm = model(this::fakeUp);

        assertThat(vm.nodesTypeProperty().get()).isEqualTo("t3.medium");
        assertThat(vm.prefixDelegationProperty().get()).isFalse();
        assertThat(vm.nodesCapacityProperty().get()).isEqualTo("3 ENIs × (6 IPs − 1) + 2 = 17 pods, 2 vCPU");
        assertThat(vm.instanceTypes()).contains("t3.medium", "t3.large", "c5.large", "t2.medium");
        assertThat(vm.changedProperty().get()).isFalse();
        assertThat(vm.canApplyProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEmpty();
    }

    @Test
    void switchingOnPrefixDelegationOffersTheStudysMaxPodsAndExplainsTheIps() {
        LocalLabSettingsViewModel vm = model(this::fakeUp);

        vm.prefixDelegationProperty().set(true);

        assertThat(vm.maxPodsProperty().get()).isEqualTo(110);
        assertThat(vm.nodesCapacityProperty().get()).isEqualTo("maxPods 110 (/28 prefixes give 240 pod IPs; without them 17), 2 vCPU");
        assertThat(vm.canApplyProperty().get()).isTrue();
        assertThat(vm.chosen()).isEqualTo(running.withPrefixDelegation(110));
    }

    @Test
    void prefixDelegationOnAXenTypeOrAnOutOfRangeMaxPodsSaysWhatToChooseAndCannotBeApplied() {
        LocalLabSettingsViewModel vm = model(this::fakeUp);
        vm.prefixDelegationProperty().set(true);

        vm.nodesTypeProperty().set("t2.medium");
        assertThat(vm.problemProperty().get()).isEqualTo(
                "Prefix delegation needs Nitro instances; t2.medium is not one. Choose a t3, c5 or m5 type.");
        assertThat(vm.canApplyProperty().get()).isFalse();
        assertThat(vm.apply()).isCompletedExceptionally();
        assertThat(rerolledWith).isEmpty();

        vm.nodesTypeProperty().set("t3.large");
        vm.maxPodsProperty().set(400);
        assertThat(vm.problemProperty().get()).contains("between 1 and 250");

        vm.prefixDelegationProperty().set(false);
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.nodesCapacityProperty().get()).startsWith("3 ENIs × (12 IPs − 1) + 2 = 35 pods");
    }

    @Test
    void applyReRollsWithTheChoiceShowsProgressAndThenHasNothingLeftToApply() throws Exception {
        LocalLabSettingsViewModel vm = model(this::fakeUp);
        vm.nodesTypeProperty().set("t3.large");
        vm.prefixDelegationProperty().set(true);
        List<Double> progress = new ArrayList<>();
        vm.progressProperty().addListener((obs, old, now) -> progress.add(now.doubleValue()));

        LabStatus status = vm.apply().get(5, TimeUnit.SECONDS);

        assertThat(rerolledWith).containsExactly(running.withInstanceTypes("t3.medium", "t3.large").withPrefixDelegation(110));
        assertThat(status.prefixDelegation()).isTrue();
        assertThat(progress).contains(1.0);
        assertThat(vm.progressMessageProperty().get()).isEqualTo("Lab is up");
        assertThat(vm.outcomeProperty().get()).startsWith("The nodes were re-rolled with t3.medium control plane, t3.large nodes, "
                + "prefix delegation on, maxPods 110 in 9.5 s; the terminals reconnect.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.failedProperty().get()).isFalse();
        assertThat(vm.current()).isEqualTo(rerolledWith.get(0));
        assertThat(vm.changedProperty().get()).isFalse();
    }

    @Test
    void aFailedReRollSaysWhatHappenedAndLetsTheLearnerTryAgain() {
        LocalLabSettingsViewModel vm = model((next, progress) -> {
            throw new IOException("the lab did not come back with t3.medium nodes, prefix delegation on, maxPods 110: "
                    + "namespace lbtvm-worker1 exists");
        });
        vm.prefixDelegationProperty().set(true);

        CompletableFuture<LabStatus> result = vm.apply();

        assertThat(result).isCompletedExceptionally();
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.outcomeProperty().get()).isEqualTo("Re-roll failed: the lab did not come back with t3.medium nodes, "
                + "prefix delegation on, maxPods 110: namespace lbtvm-worker1 exists");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.current()).isEqualTo(running);
        assertThat(vm.canApplyProperty().get()).isTrue();
    }

    @Test
    void studyDefaultsPutT3MediumAndNoPrefixDelegationBack() {
        LocalLabSettingsViewModel vm = new LocalLabSettingsViewModel(
                running.withInstanceTypes("t3.large", "c5.large").withPrefixDelegation(80), InstanceTypeCatalog.builtIn(),
                this::fakeUp, Runnable::run, Runnable::run);
        assertThat(vm.maxPodsProperty().get()).isEqualTo(80);

        vm.resetToStudyDefaults();

        assertThat(vm.chosen()).isEqualTo(running);
        assertThat(vm.changedProperty().get()).isTrue();
    }
}
