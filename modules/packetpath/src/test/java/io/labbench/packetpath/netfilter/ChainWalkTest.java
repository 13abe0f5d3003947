package io.labbench.packetpath.netfilter;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.parsers.IptablesRulesParser;
import io.labbench.packetpath.Resources;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The netfilter walk on real rule sets: a captured VPC CNI node (iptables-save -c) and a kube-proxy node's filter table. */
class ChainWalkTest {

    private static Ruleset captured() {
        String save = Resources.text("captured/iptables-save-c.txt");
        return RuleReader.fromSave(IptablesRulesParser.parse(save), save, "captured");
    }

    private static Packet packet(String src, String dst, String in, String out) {
        return new Packet(src, dst, "icmp", 0, 0, 0, 0, in, out, true);
    }

    @Test
    void awsSnatChainRewritesTheSourceToTheNodeForAnAddressOutsideTheVpc() {
        ChainWalk walk = new ChainWalk(captured(), new MatchContext(Set.of("172.30.46.72"), Set.of()));
        ChainWalk.Result r = walk.run("nat", "POSTROUTING", packet("172.30.46.80", "203.0.113.10", "eni5e7e4a0a4d8", "ens5"));
        assertThat(r.verdict()).isEqualTo("ACCEPT");
        assertThat(r.packet().src()).isEqualTo("172.30.46.72");
        // POSTROUTING → KUBE-POSTROUTING (RETURN: no masquerade mark) → back → AWS-SNAT-CHAIN-0 → SNAT
        assertThat(r.steps()).extracting(s -> s.chain() + " " + s.rule().map(NetfilterRule::position).orElse(0))
                .containsExactly("POSTROUTING 1", "KUBE-POSTROUTING 1", "POSTROUTING 2", "AWS-SNAT-CHAIN-0 1");
        assertThat(r.steps().get(3).rule().orElseThrow().target()).isEqualTo(new Target.Nat("SNAT", "172.30.46.72", 0));
    }

    @Test
    void trafficInsideTheVpcKeepsItsSourceAndEndsOnThePolicy() {
        ChainWalk walk = new ChainWalk(captured(), new MatchContext(Set.of("172.30.46.72"), Set.of()));
        ChainWalk.Result r = walk.run("nat", "POSTROUTING", packet("172.30.46.80", "172.30.89.212", "eni5e7e4a0a4d8", "ens5"));
        assertThat(r.packet().src()).isEqualTo("172.30.46.80");
        assertThat(r.steps().get(r.steps().size() - 1).rule()).isEmpty();
        assertThat(r.steps().get(r.steps().size() - 1).policy()).isEqualTo("ACCEPT");
    }

    @Test
    void aPacketWithTheMasqueradeMarkIsNotReturnedByKubePostrouting() {
        ChainWalk walk = new ChainWalk(captured(), new MatchContext(Set.of(), Set.of()));
        ChainWalk.Result r = walk.run("nat", "POSTROUTING", packet("172.30.46.80", "172.30.89.212", "", "ens5").withMark(0x4000));
        // the captured KUBE-POSTROUTING holds only the RETURN for unmarked packets: a marked one runs to its end and back
        assertThat(r.steps()).extracting(s -> s.chain() + " " + s.rule().map(NetfilterRule::position).orElse(0))
                .startsWith("POSTROUTING 1", "POSTROUTING 2");
    }

    @Test
    void forwardPolicyDropOfAKubeProxyNodeDropsTrafficOutsideThePodNetwork() {
        IptablesListResult filter = (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST,
                Resources.text("fixtures/iptables-L-n-v-filter-kube-proxy-flannel.txt"), ParseHints.iptablesTable("filter"));
        Ruleset rules = RuleReader.fromList(false, "fixture", filter);
        ChainWalk walk = new ChainWalk(rules, new MatchContext(Set.of(), Set.of()));
        ChainWalk.Result dropped = walk.run("filter", "FORWARD", packet("172.20.0.71", "172.20.0.99", "eth0", "eth1"));
        assertThat(dropped.dropped()).isTrue();
        assertThat(dropped.steps().get(dropped.steps().size() - 1).policy()).isEqualTo("DROP");
        ChainWalk.Result accepted = walk.run("filter", "FORWARD", packet("10.244.0.30", "172.20.0.99", "cni0", "eth0"));
        assertThat(accepted.dropped()).isFalse();
        assertThat(accepted.steps().get(accepted.steps().size() - 1).rule().orElseThrow().position()).isEqualTo(8);
    }

    @Test
    void savedRulesKeepNegatedMatchesCountersAndTheWatchRowKey() {
        NetfilterRule snat = captured().chain("nat", "AWS-SNAT-CHAIN-0").orElseThrow().rules().get(0);
        assertThat(snat.matches()).hasSize(2);
        assertThat(snat.matches().get(0)).isInstanceOf(Match.Address.class);
        assertThat(((Match.Address) snat.matches().get(0)).negated()).isTrue();
        assertThat(snat.matches().get(1)).isEqualTo(new Match.AddrType(true, "LOCAL", true, "-m addrtype ! --dst-type LOCAL"));
        assertThat(snat.packets()).hasValue(0);
        assertThat(snat.key()).isEqualTo("nat AWS-SNAT-CHAIN-0 ! -d 172.30.0.0/16 -m comment --comment \"AWS SNAT CHAIN\""
                + " -m addrtype ! --dst-type LOCAL -j SNAT --to-source 172.30.46.72 --random-fully");
    }

    @Test
    void kubeProxysMarkForMasqueradeIsClearedWithXorBeforeTheMasquerade() {
        // kube-proxy's restore input (--or-mark / --xor-mark), as iptables-restore takes it
        String save = "*nat\n:POSTROUTING ACCEPT [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n"
                + "-A POSTROUTING -j KUBE-POSTROUTING\n"
                + "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n"
                + "-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000\n"
                + "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n"
                + "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000\nCOMMIT\n";
        Ruleset rules = RuleReader.fromSave(IptablesRulesParser.parse(save), save, "kube-proxy restore input");
        Packet marked = new Packet("172.30.61.20", "172.30.88.40", "tcp", 40000, 8080, 0x4001, 0, "enia", "ens5", true);
        ChainWalk.Result r = new ChainWalk(rules, new MatchContext(Set.of(), Set.of())).run("nat", "POSTROUTING", marked);
        assertThat(r.steps()).extracting(st -> st.chain() + " " + st.rule().map(NetfilterRule::position).orElse(0))
                .containsExactly("POSTROUTING 1", "KUBE-POSTROUTING 2", "KUBE-POSTROUTING 3");
        assertThat(r.steps().get(1).after().mark()).isEqualTo(0x1);
        assertThat(rules.chain("nat", "KUBE-MARK-MASQ").orElseThrow().rules().get(0).target())
                .isEqualTo(new Target.SetMark(0x4000, 0x4000));
    }
}
