package io.labbench.netparse.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The table a command line lists, as iptables itself would read the line. */
class IptablesCommandTableTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", value = {
            // the study's ready-made watches, as StudyWatches builds them
            "iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x => nat",
            "iptables -t mangle -L -n -v -x => mangle",
            // every spelling of the option getopt accepts
            "iptables --table nat -L KUBE-SERVICES -n => nat",
            "iptables --table=nat -L KUBE-SERVICES -n => nat",
            "iptables -tnat -L KUBE-SERVICES -n => nat",
            "iptables -nvt nat -L KUBE-SERVICES => nat",
            "iptables -nvtraw -L PREROUTING => raw",
            "iptables --tab nat -L KUBE-SERVICES => nat",
            "iptables -L KUBE-SERVICES -n -t nat => nat",
            "iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0 => nat",
            // the other iptables commands
            "iptables-legacy -t nat -L POSTROUTING => nat",
            "iptables-nft -t security -S => security",
            "ip6tables -t raw -L PREROUTING -n => raw",
            "ip6tables-nft -t mangle -S => mangle",
            "/usr/sbin/iptables -t nat -S AWS-SNAT-CHAIN-0 => nat",
            "iptables-save -t nat => nat",
            "iptables-legacy-save -c -t mangle => mangle",
            "iptables-nft-save --table=raw => raw",
            // whatever runs it
            "sudo iptables -t nat -L AWS-SNAT-CHAIN-1 -n -v -x => nat",
            "sudo -n iptables -w 5 -t nat -L KUBE-POSTROUTING => nat",
            "ip netns exec lbtnode42 iptables -t nat -L AWS-SNAT-CHAIN-0 -n => nat",
            "nsenter -t 1234 -n iptables -t mangle -L PREROUTING => mangle",
            "kubectl exec -n kube-system aws-node-x -- iptables -t nat -S => nat",
            "sh -c 'iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x' => nat",
            "watch -d \"iptables -t nat -L KUBE-SERVICES -n\" => nat",
            "xtables-nft-multi iptables -t nat -L => nat",
            // several invocations that agree, one listing joined over lines
            "sudo iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0; echo ; sudo iptables -v --numeric --table nat --list KUBE-POSTROUTING => nat",
            "iptables -t nat -L A -n && iptables -t nat -L B -n => nat",
            "iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x | grep SNAT => nat",
            "iptables -t nat -L X 2>&1 => nat",
            // no table option: iptables lists filter
            "iptables -L -n -v => filter",
            "sudo iptables -L KUBE-FIREWALL -n => filter",
            "iptables -L -n; iptables -S => filter",
            "iptables -nvL INPUT => filter",
            // a value attached to -L is a chain name: -Lt lists chain "t" of filter
            "iptables -LKUBE-SERVICES -t nat => nat",
            "iptables -Lt -n => filter",
            // a value in the next word is skipped, whatever it looks like
            "iptables -w 5 -t nat -L => nat",
            "iptables -t nat -A KUBE-X -j RETURN => nat",
            "iptables -N -t => filter",
            // iptables-save names its tables in its output, so only the listing speaks
            "iptables-save; iptables -t nat -S AWS-SNAT-CHAIN-0 => nat",
    })
    void readsTheTableTheCommandLists(String command, String table) {
        assertThat(IptablesCommandTable.of(command)).contains(table);
    }

    @Test
    void aBackslashNewlineContinuesTheCommand() {
        assertThat(IptablesCommandTable.of("iptables -t nat \\\n  -L AWS-SNAT-CHAIN-0 -n")).contains("nat");
        assertThat(IptablesCommandTable.of("iptables -L -n\niptables -t nat -L -n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ip route show table 2",                                   // not iptables
            "conntrack -L -n",
            "cat /tmp/nat-listing.txt",
            "nsenter -t 1 -n ip addr",                                 // -t of another command
            "iptables-save",                                           // names every table itself
            "iptables-save -c",
            "iptables -L -n; iptables -t nat -L -n",                   // filter and nat
            "iptables -t nat -L A; iptables -t mangle -L B",
            "iptables -t $TABLE -L -n",                                // not known until the shell runs it
            "iptables -t -L",
            "iptables -t",                                             // no value
            "iptables --table",
            "iptables -t NAT -L",                                      // iptables has no such table
            "iptables -t nat -t mangle -L",                            // iptables refuses it
            "",
    })
    void saysNothingWhenTheCommandDoesNotTell(String command) {
        assertThat(IptablesCommandTable.of(command)).isEmpty();
    }
}
