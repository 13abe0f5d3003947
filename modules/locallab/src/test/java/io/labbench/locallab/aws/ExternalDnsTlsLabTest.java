package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.SharedTestLab;
import io.labbench.locallab.net.ProcessRunner;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Section 2.7 and homework 4 end to end with the study's commands from kops-ec2: the Load Balancer
 * Controller's NLB for the echo service, ExternalDNS's name for it answered by {@code dig} and reached by
 * curl (the 100-request spread), gone with the Service; then an ACM certificate validated through Route 53
 * and served by the NLB's TLS listener, trusted without {@code -k}. The lab is the class's own
 * ({@link SharedTestLab}): the test enables kOps add-ons and attaches IAM policies, which other classes do not expect.
 */
@ExtendWith(SharedTestLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalDnsTlsLabTest {

    private RunningTestLab running;

    @BeforeAll
    void up(RunningTestLab running) {
        this.running = running;
    }

    private ProcessRunner.Result run(String script) throws Exception {
        return running.kopsEc2().run("bash -c '" + script.replace("'", "'\"'\"'") + "'");
    }

    private String ok(String script) throws Exception {
        ProcessRunner.Result r = run(script);
        assertThat(r.exitCode()).as(script + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    /** Re-runs {@code script} until its output passes; prints how long that took. */
    private String until(String what, String script, Predicate<String> done, int seconds) throws Exception {
        String out = "";
        long t0 = System.nanoTime();
        for (long deadline = t0 + Duration.ofSeconds(seconds).toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
            out = run(script).stdout();
            if (done.test(out)) {
                System.out.printf("EXTERNALDNS %s: %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
                return out;
            }
        }
        return out;
    }

    @Test
    void nlbNameFromExternalDnsAnswersAndTheAcmCertificateIsServed() throws Exception {
        ok("cat > ~/ed <<'EOF'\n#!/bin/sh\nsed -i 's/^spec:$/spec:\\n  certManager:\\n    enabled: true\\n  awsLoadBalancerController:\\n"
                + "    enabled: true\\n  externalDns:\\n    provider: external-dns/' \"$1\"\nEOF\nchmod +x ~/ed");
        ok("EDITOR=~/ed kops edit cluster --name ${KOPS_CLUSTER_NAME} && kops update cluster --yes");
        ok("curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json"
                + " && curl -s -O https://s3.ap-northeast-2.amazonaws.com/cloudformation.cloudneta.net/AKOS/externaldns/externaldns-aws-r53-policy.json"
                + " && aws iam create-policy --policy-name AllowExternalDNSUpdates --policy-document file://externaldns-aws-r53-policy.json");
        ok("ACCOUNT_ID=$(aws sts get-caller-identity --query 'Account' --output text); for p in AWSLoadBalancerControllerIAMPolicy AllowExternalDNSUpdates;"
                + " do for r in masters nodes; do aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/$p --role-name $r.$KOPS_CLUSTER_NAME || exit 1; done; done");

        // 2.7: the echo service behind its NLB, then the annotation
        ok("kubectl apply -f ~/pkos/2/echo-service-nlb.yaml");
        until("service -> NLB hostname", "kubectl get svc svc-nlb-ip-type", o -> o.contains(".elb.us-east-1.amazonaws.com"), 60);
        until("echo pods running", "kubectl get pod -l app=deploy-websrv", o -> o.lines().filter(l -> l.contains("Running")).count() == 2, 60);
        ok("MyDOMAIN1=nginx.$KOPS_CLUSTER_NAME; kubectl annotate service svc-nlb-ip-type \"external-dns.alpha.kubernetes.io/hostname=$MyDOMAIN1.\"");
        String dig = until("annotate -> dig +short answers", "dig +short nginx.$KOPS_CLUSTER_NAME", o -> o.matches("(?s)\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+\\s*)+"), 30);
        String nlbAddresses = ok("dig +short $(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname})");
        assertThat(dig.lines().sorted().toList()).isNotEmpty().isEqualTo(nlbAddresses.lines().sorted().toList());
        String spread = until("100-curl by name", "for i in $(seq 100); do curl -s --connect-timeout 2 nginx.$KOPS_CLUSTER_NAME | grep Hostname ; done | sort | uniq -c | sort -nr",
                o -> o.lines().count() == 2, 30);
        assertThat(spread).matches("^\\s*([3-6]\\d|70) Hostname: deploy-echo-\\S+\\n\\s*([3-6]\\d|70) Hostname: deploy-echo-\\S+\\s*$");
        ok("kubectl delete deploy deploy-echo; kubectl delete svc svc-nlb-ip-type");
        String gone = until("delete -> dig empty", "dig +short nginx.$KOPS_CLUSTER_NAME", String::isBlank, 30);
        assertThat(gone).isBlank();

        // homework 4: the lab file's lines for the certificate and its validation record
        ok("aws acm request-certificate --domain-name \"*.$KOPS_CLUSTER_NAME\" --validation-method DNS --region us-east-1");
        ok("MyDnzHostedZoneId=$(aws route53 list-hosted-zones-by-name --dns-name \"${KOPS_CLUSTER_NAME}.\" --query \"HostedZones[0].Id\" --output text)\n"
                + "NEW_CERT=$(aws acm list-certificates --query 'CertificateSummaryList[0].CertificateArn' --output text)\n"
                + "aws route53 change-resource-record-sets --hosted-zone-id \"${MyDnzHostedZoneId}\" --change-batch \"$(aws acm describe-certificate"
                + " --certificate-arn $NEW_CERT --query 'Certificate.DomainValidationOptions[0].ResourceRecord' --output json | jq '{Changes: [{Action:"
                + " \"UPSERT\", ResourceRecordSet: {Name: .Name, Type: .Type, TTL: 300, ResourceRecords: [{Value: .Value}]}}]}')\"");
        assertThat(ok("aws acm list-certificates --query 'CertificateSummaryList[].Status' --output text")).contains("ISSUED");
        ok("CERT_ARN=`aws acm list-certificates --query 'CertificateSummaryList[].CertificateArn[]' --output text`; MyDomain=websrv.$KOPS_CLUSTER_NAME\n"
                + "cat <<EOF | kubectl create -f -\n"
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deploy-echo\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: deploy-websrv\n"
                + "  template:\n    metadata:\n      labels:\n        app: deploy-websrv\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers:\n"
                + "      - name: akos-websrv\n        image: k8s.gcr.io/echoserver:1.5\n        ports:\n        - containerPort: 8080\n---\n"
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-nlb-ip-type\n  annotations:\n"
                + "    external-dns.alpha.kubernetes.io/hostname: \"${MyDomain}\"\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-healthcheck-port: \"8080\"\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled: \"true\"\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-ssl-ports: \"https\"\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: ${CERT_ARN}\n"
                + "    service.beta.kubernetes.io/aws-load-balancer-backend-protocol: \"http\"\n"
                + "spec:\n  ports:\n    - port: 80\n      targetPort: 8080\n      protocol: TCP\n      name: http\n"
                + "    - port: 443\n      targetPort: 8080\n      protocol: TCP\n      name: https\n"
                + "  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb\n  selector:\n    app: deploy-websrv\nEOF");
        String https = until("create -> curl https://$MyDomain (no -k)", "curl -s https://websrv.$KOPS_CLUSTER_NAME | grep Hostname", o -> o.contains("Hostname"), 60);
        assertThat(https).contains("Hostname: deploy-echo-");
        assertThat(ok("curl -s -k https://websrv.$KOPS_CLUSTER_NAME | grep Hostname")).contains("Hostname: deploy-echo-");
        // the served certificate is the ACM one: its serial is the one describe-certificate shows
        String served = ok("MyDomain=websrv.$KOPS_CLUSTER_NAME; echo | openssl s_client -connect $MyDomain:443 -servername $MyDomain 2>/dev/null"
                + " | openssl x509 -noout -serial -ext subjectAltName");
        String acmSerial = ok("aws acm describe-certificate --certificate-arn $(aws acm list-certificates --query 'CertificateSummaryList[0].CertificateArn'"
                + " --output text) --query 'Certificate.Serial' --output text").trim();
        java.util.regex.Matcher servedSerial = java.util.regex.Pattern.compile("serial=([0-9A-Fa-f]+)").matcher(served);
        assertThat(servedSerial.find()).as(served).isTrue();
        assertThat(served).contains("DNS:*.");
        assertThat(new java.math.BigInteger(servedSerial.group(1), 16)).isEqualTo(new java.math.BigInteger(acmSerial.replace(":", ""), 16));
    }
}
