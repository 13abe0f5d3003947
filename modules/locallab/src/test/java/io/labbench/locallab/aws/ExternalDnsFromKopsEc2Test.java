package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.KopsEc2Shell;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 2.7 typed in kops-ec2: ExternalDNS enabled with {@code kops edit cluster} and {@code kops update
 * cluster --yes}, refused by Route 53 until the study's policy is attached, then writing an annotated
 * Service's name (alias A to its load balancer, TXT ownership records) into the cluster's zone within its
 * interval, and removing them when the annotation goes. The Service's load balancer is set by hand
 * (a {@code loadBalancerClass} no controller of the lab claims), so the test stands without the NLB part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalDnsFromKopsEc2Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LB = "k8s-default-webdns-0123456789.elb.us-east-1.amazonaws.com";

    @TempDir
    static Path stateRoot;
    private LabSettings settings;
    private KopsEc2Shell shell;

    @BeforeAll
    void up() throws Exception {
        settings = TestLabs.settings(stateRoot);
        shell = new KopsEc2Shell(LabDaemonLauncher.start(settings, (d, t, m) -> { }, Duration.ofSeconds(120)));
    }

    @AfterAll
    void down() throws Exception {
        LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
    }

    private ProcessRunner.Result kopsEc2(String command, String stdin) throws Exception {
        return shell.run(command, stdin);
    }

    private String kopsEc2(String command) throws Exception {
        return shell.ok(command);
    }

    /** Re-runs {@code command} until its output passes (ExternalDNS acts on its interval). */
    private String eventually(String command, Predicate<String> done, Duration within) throws Exception {
        String out = "";
        for (long deadline = System.nanoTime() + within.toNanos(); System.nanoTime() < deadline; Thread.sleep(500)) {
            out = kopsEc2(command, "").stdout();
            if (done.test(out)) {
                return out;
            }
        }
        return out;
    }

    @Test
    void annotatedServiceGetsItsRecordsWithinTheIntervalAndLosesThemWithTheAnnotation() throws Exception {
        String cluster = settings.clusterName();
        kopsEc2("cat > ~/edns-editor && chmod +x ~/edns-editor", "#!/bin/sh\nsed -i 's/^spec:$/spec:\\n  externalDns:\\n    provider: external-dns/' \"$1\"\n");
        assertThat(kopsEc2("EDITOR=~/edns-editor kops edit cluster", "").exitCode()).isZero();
        assertThat(kopsEc2("kops update cluster")).contains("external-dns.addons.k8s.io").contains("Must specify --yes");
        assertThat(kopsEc2("kops update cluster --yes")).contains("Cluster changes have been applied");
        // kOps's add-on brings ExternalDNS's RBAC with it (its template names both kops:external-dns)
        assertThat(kopsEc2("kubectl describe clusterrole kops:external-dns")).contains("services").contains("ingresses.networking.k8s.io");
        assertThat(kopsEc2("kubectl get clusterrolebinding kops:external-dns -o jsonpath='{.roleRef.name} {.subjects[0].namespace}/{.subjects[0].name}'"))
                .isEqualTo("kops:external-dns kube-system/external-dns");
        assertThat(kopsEc2("kubectl describe deploy -n kube-system external-dns | grep Image | cut -d \"/\" -f 3")).contains("external-dns:v0.12.2");
        String pod = eventually("kubectl get pod -n kube-system -l k8s-app=external-dns", o -> o.contains("Running"), Duration.ofSeconds(30));
        assertThat(pod).contains("Running");

        // no policy yet: Route 53 refuses the masters' role, as on AWS
        String denied = eventually("kubectl logs -n kube-system deploy/external-dns", o -> o.contains("AccessDenied"), Duration.ofSeconds(20));
        assertThat(denied).contains("level=error").contains("AccessDenied").contains("assumed-role/masters." + cluster);

        // the study's policy steps
        kopsEc2("curl -s -O https://s3.ap-northeast-2.amazonaws.com/cloudformation.cloudneta.net/AKOS/externaldns/externaldns-aws-r53-policy.json");
        kopsEc2("aws iam create-policy --policy-name AllowExternalDNSUpdates --policy-document file://externaldns-aws-r53-policy.json");
        kopsEc2("POLICY_ARN=$(aws iam list-policies --query 'Policies[?PolicyName==`AllowExternalDNSUpdates`].Arn' --output text);"
                + " aws iam attach-role-policy --policy-arn $POLICY_ARN --role-name masters.$KOPS_CLUSTER_NAME &&"
                + " aws iam attach-role-policy --policy-arn $POLICY_ARN --role-name nodes.$KOPS_CLUSTER_NAME");

        kopsEc2("kubectl apply -f -", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: webdns
                spec:
                  type: LoadBalancer
                  loadBalancerClass: labbench.test/by-hand
                  selector: {app: webdns}
                  ports: [{port: 80, targetPort: 8080, protocol: TCP}]
                """);
        kopsEc2("kubectl patch svc webdns --subresource=status --type=merge -p '{\"status\":{\"loadBalancer\":{\"ingress\":[{\"hostname\":\"" + LB + "\"}]}}}'");
        long annotated = System.nanoTime();
        kopsEc2("MyDOMAIN1=nginx." + cluster + "; kubectl annotate service webdns \"external-dns.alpha.kubernetes.io/hostname=$MyDOMAIN1.\"");

        String zoneQuery = "MyDnzHostedZoneId=`aws route53 list-hosted-zones-by-name --dns-name \"" + cluster + ".\" --query \"HostedZones[0].Id\" --output text`;"
                + " aws route53 list-resource-record-sets --hosted-zone-id \"${MyDnzHostedZoneId}\" --output json";
        String records = eventually(zoneQuery, o -> o.contains("nginx." + cluster + ".") && o.contains("AliasTarget"), Duration.ofSeconds(20));
        double seconds = (System.nanoTime() - annotated) / 1e9;
        System.out.printf("EXTERNALDNS annotate -> records in Route 53: %.1f s (interval %s)%n", seconds, ExternalDns.DEFAULT_INTERVAL);
        JsonNode sets = JSON.readTree(records).path("ResourceRecordSets");
        JsonNode a = find(sets, "nginx." + cluster + ".", "A");
        assertThat(a.path("AliasTarget").path("DNSName").asText()).isEqualTo(LB + ".");
        assertThat(a.path("AliasTarget").path("HostedZoneId").asText()).isEqualTo("Z26RNL4JYFTOTI");
        String owner = "\"heritage=external-dns,external-dns/owner=kops-" + cluster + ",external-dns/resource=service/default/webdns\"";
        assertThat(find(sets, "nginx." + cluster + ".", "TXT").path("ResourceRecords").get(0).path("Value").asText()).isEqualTo(owner);
        assertThat(find(sets, "a-nginx." + cluster + ".", "TXT").path("ResourceRecords").get(0).path("Value").asText()).isEqualTo(owner);

        String log = kopsEc2("kubectl logs -n kube-system deploy/external-dns");
        assertThat(log).containsPattern("level=info msg=\"Desired change: CREATE nginx\\." + cluster.replace(".", "\\.") + " A \\[Id: /hostedzone/Z0\\w+\\]\"")
                .contains("3 record(s) in zone " + cluster + ". [Id: /hostedzone/");

        kopsEc2("kubectl annotate service webdns external-dns.alpha.kubernetes.io/hostname-");
        String after = eventually(zoneQuery, o -> !o.contains("nginx." + cluster + "."), Duration.ofSeconds(20));
        assertThat(after).doesNotContain("nginx." + cluster + ".").contains("api." + cluster + ".");
        assertThat(kopsEc2("kubectl logs -n kube-system deploy/external-dns")).contains("Desired change: DELETE nginx." + cluster + " A");
    }

    private static JsonNode find(JsonNode sets, String name, String type) {
        for (JsonNode s : sets) {
            if (s.path("Name").asText().equals(name) && s.path("Type").asText().equals(type)) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " record " + name + " in " + sets);
    }
}
