package io.labbench.aws.elb;

import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadBalancerInventoryTest {

    private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void readsLoadBalancersListenersTargetGroupsAndHealth() throws Exception {
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", NS,
                QueryXml.cliExampleJson(resource("describe-load-balancers.rst"), 0))));
        aws.on("DescribeListeners", xml(QueryXml.response("DescribeListeners", NS,
                "{\"Listeners\":[{\"ListenerArn\":\"arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/f2f7dc8efc522ab2\",\"Port\":80,\"Protocol\":\"HTTP\","
                        + "\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067\"}]}]}")));
        aws.on("DescribeTargetGroups", xml(QueryXml.response("DescribeTargetGroups", NS,
                "{\"TargetGroups\":[{\"TargetGroupName\":\"my-targets\",\"TargetGroupArn\":\"arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067\",\"Protocol\":\"HTTP\",\"Port\":80,\"TargetType\":\"instance\"}]}")));
        aws.on("DescribeTargetHealth", xml(QueryXml.response("DescribeTargetHealth", NS,
                QueryXml.cliExampleJson(resource("describe-target-health.rst"), 0))));

        List<LoadBalancerView> lbs = new LoadBalancerInventory(clients.elbv2()).loadBalancers();

        assertThat(lbs).singleElement().satisfies(lb -> {
            assertThat(lb.name()).isEqualTo("my-load-balancer");
            assertThat(lb.dnsName()).isEqualTo("my-load-balancer-424835706.us-west-2.elb.amazonaws.com");
            assertThat(lb.state()).isEqualTo("active");
            assertThat(lb.listeners()).containsExactly("HTTP:80");
            assertThat(lb.zones()).extracting(z -> z.zone() + " " + z.subnetId())
                    .containsExactly("us-west-2a subnet-8360a9e7", "us-west-2b subnet-b7d581c0");
            assertThat(lb.zones()).allSatisfy(z -> assertThat(z.addresses()).as("an ALB reports no node addresses").isEmpty());
            assertThat(lb.targetGroups()).singleElement().satisfies(tg -> {
                assertThat(tg.targetType()).isEqualTo("instance");
                assertThat(tg.listenerPorts()).as("the listener forwarding to it").containsExactly(80);
                assertThat(tg.targets()).extracting(LoadBalancerView.TargetView::id).containsExactly("i-ceddcd4d", "i-0f76fade");
                assertThat(tg.targets()).extracting(LoadBalancerView.TargetView::state).containsOnly("healthy");
            });
        });
        assertThat(aws.requests("DescribeTargetHealth").get(0).params())
                .containsEntry("TargetGroupArn", "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067");
    }

    @Test
    void unhealthyTargetsCarryTheirReason() throws Exception {
        String rst = resource("describe-target-health.rst");
        // the file's later example lists an unused target with its reason code
        String json = null;
        for (int i = 0; i < 6 && json == null; i++) {
            String candidate = QueryXml.cliExampleJson(rst, i);
            if (candidate.contains("\"Reason\"")) {
                json = candidate;
            }
        }
        assertThat(json).as("an example with a Reason").isNotNull();
        aws.on("DescribeTargetHealth", xml(QueryXml.response("DescribeTargetHealth", NS, json)));
        List<LoadBalancerView.TargetView> targets = new LoadBalancerInventory(clients.elbv2()).targets("arn:tg");
        assertThat(targets).anySatisfy(t -> {
            assertThat(t.state()).isNotEqualTo("healthy");
            assertThat(t.reason()).startsWith("Target.");
            assertThat(t.description()).isNotBlank();
        });
    }

    @Test
    void distributionTestCountsAnswersPerPod() throws Exception {
        // An echoserver stand-in: three pods behind one address, answering round-robin like the NLB.
        AtomicInteger next = new AtomicInteger();
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            String pod = "deploy-echo-7f67d598dc-" + List.of("h9vst", "45trg", "2xzml").get(next.getAndIncrement() % 3);
            byte[] body = ("\n\nHostname: " + pod + "\n\nPod Information:\n\t-no pod information available-\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        try {
            AtomicInteger progress = new AtomicInteger();
            DistributionTest.Histogram histogram = new DistributionTest()
                    .run(URI.create("http://127.0.0.1:" + echo.getAddress().getPort() + "/"), 30, progress::set);
            assertThat(histogram.answersByPod()).containsEntry("deploy-echo-7f67d598dc-h9vst", 10)
                    .containsEntry("deploy-echo-7f67d598dc-45trg", 10).containsEntry("deploy-echo-7f67d598dc-2xzml", 10);
            assertThat(histogram.failures()).isZero();
            assertThat(progress.get()).isEqualTo(30);
        } finally {
            echo.stop(0);
        }
    }
}
