package io.labbench.netparse.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.Resources;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON of {@code labbench parse --json} uses the field names the issue promises scripts. */
class ParseResultJsonTest {

    private static JsonNode json(ParserKind kind, String file) throws Exception {
        String text = ParseResultJson.toJson(NetParsers.parse(kind, Resources.text(file)));
        return ParseResultJson.mapper().readTree(text);
    }

    @Test
    void ipLink() throws Exception {
        JsonNode j = json(ParserKind.IP_LINK, "captured/ip-link.txt");
        assertThat(j.get("kind").asText()).isEqualTo("ip-link");
        assertThat(j.get("diagnostics").isArray()).isTrue();
        JsonNode ens5 = j.get("links").get(1);
        assertThat(ens5.get("index").asInt()).isEqualTo(2);
        assertThat(ens5.get("name").asText()).isEqualTo("ens5");
        assertThat(ens5.get("peer").asText()).isEqualTo("if2");
        assertThat(ens5.get("flags").get(2).asText()).isEqualTo("UP");
        assertThat(ens5.get("mtu").asInt()).isEqualTo(9001);
        assertThat(ens5.get("state").asText()).isEqualTo("UP");
        assertThat(ens5.get("mac").asText()).isEqualTo("8e:70:6b:82:59:58");
        assertThat(ens5.get("linkNetns").asText()).startsWith("lbtvpc");
        assertThat(ens5.has("master")).as("absent text is left out").isFalse();
    }

    @Test
    void ipAddr() throws Exception {
        JsonNode ens5 = json(ParserKind.IP_ADDR, "captured/ip-addr.txt").get("interfaces").get(1);
        assertThat(ens5.get("name").asText()).isEqualTo("ens5");
        assertThat(ens5.get("state").asText()).isEqualTo("UP");
        assertThat(ens5.get("addresses").get(0).get("family").asText()).isEqualTo("inet");
        assertThat(ens5.get("addresses").get(0).get("cidr").asText()).isEqualTo("172.30.46.72/19");
    }

    @Test
    void routes() throws Exception {
        JsonNode def = json(ParserKind.IP_ROUTE, "captured/ip-route.txt").get("routes").get(0);
        assertThat(def.get("table").asText()).isEqualTo("main");
        assertThat(def.get("destination").asText()).isEqualTo("default");
        assertThat(def.get("via").asText()).isEqualTo("172.30.32.1");
        assertThat(def.get("dev").asText()).isEqualTo("ens5");
        assertThat(def.get("proto").asText()).isEqualTo("dhcp");
        assertThat(def.get("metric").asLong()).isEqualTo(100);
        assertThat(def.get("flags").isArray()).isTrue();
        JsonNode net = json(ParserKind.ROUTE_N, "captured/route-n.txt");
        assertThat(net.get("kind").asText()).isEqualTo("route-n");
        assertThat(net.get("routes").get(1).get("scope")).isNull();
        assertThat(net.get("routes").get(2).get("flags").toString()).isEqualTo("[\"U\",\"H\"]");
    }

    @Test
    void ipRule() throws Exception {
        JsonNode r = json(ParserKind.IP_RULE, "captured/ip-rule.txt").get("rules").get(2);
        assertThat(r.get("priority").asLong()).isEqualTo(1024);
        assertThat(r.get("from").asText()).isEqualTo("all");
        assertThat(r.get("fwmark").asText()).isEqualTo("0x80/0x80");
        assertThat(r.get("table").asText()).isEqualTo("main");
        assertThat(r.get("not").asBoolean()).isFalse();
    }

    @Test
    void iptablesList() throws Exception {
        JsonNode table = json(ParserKind.IPTABLES_LIST, "captured/iptables-L-n-v-x-line-numbers.txt").get("tables").get(0);
        assertThat(table.get("name").asText()).isEqualTo("filter");
        JsonNode input = table.get("chains").get(0);
        assertThat(input.get("name").asText()).isEqualTo("INPUT");
        assertThat(input.get("policy").asText()).isEqualTo("ACCEPT");
        assertThat(input.get("policyPackets").asLong()).isZero();
        assertThat(input.get("policyBytes").asLong()).isZero();
        JsonNode rule = input.get("rules").get(1);
        for (String field : new String[] {"num", "packets", "bytes", "approximate", "target", "prot", "opt", "in",
                "out", "source", "destination", "extra"}) {
            assertThat(rule.has(field)).as(field).isTrue();
        }
        assertThat(rule.get("bytes").asLong()).isEqualTo(222);
        assertThat(rule.has("ruleText")).as("internal identity stays internal").isFalse();
        JsonNode nat = json(ParserKind.IPTABLES_LIST, "captured/iptables-t-nat-L-n-v.txt").get("tables").get(0);
        JsonNode snatChain = nat.get("chains").get(4);
        assertThat(snatChain.get("references").asInt()).isEqualTo(1);
        assertThat(snatChain.get("rules").get(0).get("comment").asText()).isEqualTo("AWS SNAT CHAIN");
    }

    @Test
    void iptablesRules() throws Exception {
        JsonNode nat = json(ParserKind.IPTABLES_RULES, "captured/iptables-save-c.txt").get("tables").get(2);
        assertThat(nat.get("name").asText()).isEqualTo("nat");
        assertThat(nat.get("chains").get(4).get("policy").asText()).isEqualTo("-");
        assertThat(nat.get("chains").get(0).get("packets").asLong()).isZero();
        JsonNode rule = nat.get("rules").get(0);
        assertThat(rule.get("chain").asText()).isEqualTo("POSTROUTING");
        assertThat(rule.get("spec").asText()).startsWith("-m comment --comment");
        assertThat(rule.get("target").asText()).isEqualTo("KUBE-POSTROUTING");
        assertThat(rule.get("comment").asText()).isEqualTo("kubernetes postrouting rules");
        assertThat(rule.get("packets").asLong()).isEqualTo(1);
        assertThat(rule.get("bytes").asLong()).isEqualTo(1028);
    }

    @Test
    void conntrack() throws Exception {
        JsonNode icmp = json(ParserKind.CONNTRACK, "captured/conntrack-L.txt").get("entries").get(0);
        assertThat(icmp.get("proto").asText()).isEqualTo("icmp");
        assertThat(icmp.get("timeout").asLong()).isEqualTo(27);
        assertThat(icmp.get("original").get("src").asText()).isEqualTo("172.30.46.80");
        assertThat(icmp.get("original").get("type").asInt()).isEqualTo(8);
        assertThat(icmp.get("original").get("code").asInt()).isZero();
        assertThat(icmp.get("original").get("id").asInt()).isEqualTo(19274);
        assertThat(icmp.get("reply").get("dst").asText()).isEqualTo("172.30.46.80");
        assertThat(icmp.get("flags").isArray()).isTrue();
        assertThat(icmp.get("mark").asText()).isEqualTo("0");
        assertThat(icmp.get("use").asInt()).isEqualTo(1);
        JsonNode tcp = json(ParserKind.CONNTRACK, "captured/conntrack-L.txt").get("entries").get(1);
        assertThat(tcp.get("state").asText()).isEqualTo("ESTABLISHED");
        assertThat(tcp.get("original").get("sport").asInt()).isEqualTo(40000);
    }

    @Test
    void kubectlTable() throws Exception {
        JsonNode j = json(ParserKind.KUBECTL_TABLE, "fixtures/kubectl-get-pods-o-wide-ebs-csi-node.txt");
        assertThat(j.get("columns").get(7).asText()).isEqualTo("NOMINATED NODE");
        assertThat(j.get("rows").get(0).get("NAME").asText()).isEqualTo("ebs-csi-node-55nxx");
        assertThat(j.get("rows").get(0).get("IP").asText()).isEqualTo("172.30.87.105");
    }

    @Test
    void watchScreenNestsEachSectionAsItsKind() throws Exception {
        JsonNode j = json(ParserKind.AUTO, "captured/watch-ip-link-route.txt");
        assertThat(j.get("kind").asText()).isEqualTo("watch-screen");
        assertThat(j.get("header").get("interval").asText()).isEqualTo("2.0s");
        JsonNode routes = j.get("sections").get(1);
        assertThat(routes.get("title").asText()).isEqualTo("ROUTE TABLE");
        assertThat(routes.get("kind").asText()).isEqualTo("route-n");
        assertThat(routes.get("routes").get(0).get("dev").asText()).isEqualTo("eni5e7e4a0a4d8");
    }

    @Test
    void diff() throws Exception {
        String older = Resources.text("captured/iptables-save-c.txt");
        String newer = older.replace("[0:0] -A AWS-SNAT-CHAIN-0", "[7:588] -A AWS-SNAT-CHAIN-0");
        Instant t0 = Instant.EPOCH;
        String text = ParseResultJson.toJson(SnapshotDiffer.diff(
                NetParsers.parse(ParserKind.IPTABLES_RULES, older).toSnapshot(t0),
                NetParsers.parse(ParserKind.IPTABLES_RULES, newer).toSnapshot(t0.plusSeconds(7))));
        JsonNode j = ParseResultJson.mapper().readTree(text);
        assertThat(j.get("intervalSeconds").asDouble()).isEqualTo(7.0);
        assertThat(j.get("added").size()).isZero();
        JsonNode counters = j.get("changed").get(0).get("counters");
        assertThat(counters.get(0).get("column").asText()).isEqualTo("packets");
        assertThat(counters.get(0).get("delta").asLong()).isEqualTo(7);
        assertThat(counters.get(0).get("ratePerSecond").asDouble()).isEqualTo(1.0);
        assertThat(counters.get(1).get("delta").asLong()).isEqualTo(588);
    }
}
