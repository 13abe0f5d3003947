package io.labbench.locallab.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MachineCheckTest {

    private static Set<String> allTools() {
        return MachineCheck.TOOLS.stream().map(MachineCheck.Tool::command).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void rootWithEveryToolCanRun() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(true, allTools(), Map.of(), Optional.of("unused")));
        assertThat(check.findings()).isEmpty();
        assertThat(check.canRun()).isTrue();
        assertThat(check.rootless()).isFalse();
    }

    @Test
    void missingIproute2AndIptablesAreNamedWithTheirDebianPackages() {
        Set<String> tools = allTools();
        tools.remove("ip");
        tools.remove("iptables-restore");
        tools.remove("tcpdump");
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(true, tools, Map.of(), Optional.empty()));
        List<MachineFinding> findings = check.findings();
        assertThat(check.canRun()).isFalse();
        assertThat(findings).extracting(MachineFinding::fix)
                .contains("sudo apt-get install iproute2", "sudo apt-get install iptables", "sudo apt-get install tcpdump");
        assertThat(findings.get(findings.size() - 1).blocking()).as("optional tools come last").isFalse();
    }

    @Test
    void ubuntuAppArmorRestrictionIsExplainedWithTheExactSysctl() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(),
                Map.of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n"), Optional.of("Operation not permitted")));
        assertThat(check.canRun()).isFalse();
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.what()).contains("kernel.apparmor_restrict_unprivileged_userns=1");
            assertThat(f.fix()).contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0").contains("as root");
        });
    }

    @Test
    void unprivilegedUserWithWorkingUserNamespacesCanRunRootless() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(),
                Map.of("/proc/sys/user/max_user_namespaces", "96364"), Optional.empty()));
        assertThat(check.canRun()).isTrue();
        assertThat(check.rootless()).isTrue();
    }

    @Test
    void failingUnshareIsReportedWithItsError() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(), Map.of(),
                Optional.of("unshare: unshare failed: Operation not permitted")));
        assertThat(check.findings()).singleElement().satisfies(f -> assertThat(f.what()).contains("Operation not permitted"));
    }

    @Test
    void underAppArmorsRestrictionAProgramWithAProfileThatAllowsUserNamespacesCanRunRootless() {
        // restriction on, but the try works: the deb's profile (or the checkout's one-liner) is loaded
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(),
                Map.of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n"), Optional.empty()));
        assertThat(check.findings()).isEmpty();
        assertThat(check.rootless()).isTrue();
    }

    @Test
    void aCheckoutIsGivenTheOneLineProfileForItsOwnJava() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(),
                Map.of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n"),
                Optional.of("unshare: unshare failed: Operation not permitted"), "/usr/lib/jvm/java-17-openjdk-amd64"));
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.what()).contains("AppArmor").contains("Operation not permitted");
            assertThat(f.fix()).startsWith("printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\n"
                    + "profile labbench-checkout /usr/lib/jvm/java-17-openjdk-amd64/bin/java flags=(unconfined) {\\n  userns,\\n}\\n'"
                    + " | sudo tee /etc/apparmor.d/labbench-checkout >/dev/null && sudo apparmor_parser -r /etc/apparmor.d/labbench-checkout");
        });
    }

    @Test
    void theInstalledAppIsToldToReloadItsPackagesProfile() {
        MachineCheck check = new MachineCheck(MachineCheck.fixedProbe(false, allTools(),
                Map.of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n"),
                Optional.of("unshare: unshare failed: Operation not permitted"), "/opt/labbench/lib/runtime"));
        assertThat(check.findings()).singleElement().satisfies(f ->
                assertThat(f.fix()).startsWith("sudo apparmor_parser -r /etc/apparmor.d/labbench "));
    }
}
