package io.labbench.packetpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code labbench path --json}: the fixture node's Service path as a script would read it. */
class PathJsonTest {

    @Test
    void hopsCarryMachineObjectMatchedRuleRewriteAndCounterWithItsDelta() throws Exception {
        var cluster = FlannelNode.cluster();
        PacketPath path = new PathResolver(cluster, FlannelNode.kernel("")).resolve(Places.flow(
                Places.parse("client", cluster).place().orElseThrow(), Places.parse("svc/nginx-svc", cluster).place().orElseThrow(),
                "", 0));
        Hop dnat = path.hops().stream().filter(h -> h.rewrite().isPresent()).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(PathJson.write(path, Map.of(dnat.counter().orElseThrow(), 3L)));
        assertThat(json.path("flow").path("to").asText()).isEqualTo("svc/nginx-svc");
        assertThat(json.path("flow").path("protocol").asText()).isEqualTo("tcp");
        assertThat(json.path("flow").path("port").asInt()).isEqualTo(80);
        assertThat(json.path("outcome").asText()).isEqualTo("unresolved");
        assertThat(json.path("hops")).hasSize(path.hops().size());
        JsonNode hop = json.path("hops").get(path.hops().indexOf(dnat));
        assertThat(hop.path("machine").asText()).isEqualTo("node1");
        assertThat(hop.path("object").asText()).isEqualTo("nat KUBE-SEP-WZIMOURZMGKYESDR #2");
        assertThat(hop.path("rewrite").path("after").asText()).isEqualTo("10.244.1.3:80");
        assertThat(hop.path("counter").path("table").asText()).isEqualTo("nat");
        assertThat(hop.path("counter").path("delta").asLong()).isEqualTo(3);
        assertThat(hop.path("show").asText()).isEqualTo("iptables -t nat -L KUBE-SEP-WZIMOURZMGKYESDR -n -v -x --line-numbers");
        assertThat(json.path("notes")).isNotEmpty();
        // absent values are left out, not written as null
        assertThat(json.path("hops").get(0).has("counter")).isFalse();
    }
}
