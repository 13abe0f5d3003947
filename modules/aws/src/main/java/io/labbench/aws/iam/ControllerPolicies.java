package io.labbench.aws.iam;

import io.labbench.aws.AwsFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The study's IAM steps for the AWS Load Balancer Controller and ExternalDNS: create the policy from
 * the shipped document and attach it to kOps' {@code masters.<cluster>} and {@code nodes.<cluster>}
 * roles. {@link #plan} only reads; {@link #apply} performs the plan the learner confirmed.
 */
public final class ControllerPolicies {

    public enum Policy {
        LOAD_BALANCER_CONTROLLER("AWSLoadBalancerControllerIAMPolicy", "aws-load-balancer-controller-policy.json"),
        EXTERNAL_DNS("AllowExternalDNSUpdates", "externaldns-route53-policy.json");

        private final String policyName;
        private final String resource;

        Policy(String policyName, String resource) {
            this.policyName = policyName;
            this.resource = resource;
        }

        public String policyName() {
            return policyName;
        }

        public String document() {
            try (InputStream in = ControllerPolicies.class.getResourceAsStream("/io/labbench/aws/" + resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final IamClient iam;

    public ControllerPolicies(IamClient iam) {
        this.iam = iam;
    }

    public static List<String> kopsRoles(String clusterName) {
        return List.of("masters." + clusterName, "nodes." + clusterName);
    }

    public PolicyAttachmentPlan plan(Policy policy, String accountId, List<String> roles) throws AwsFailure {
        String arn = "arn:aws:iam::" + accountId + ":policy/" + policy.policyName();
        boolean exists = AwsFailure.call(() -> {
            try {
                iam.getPolicy(b -> b.policyArn(arn));
                return true;
            } catch (NoSuchEntityException e) {
                return false;
            }
        });
        List<String> toAttach = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (String role : roles) {
            List<AttachedPolicy> attached = AwsFailure.call(() -> iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies());
            if (attached.stream().anyMatch(p -> arn.equals(p.policyArn()))) {
                already.add(role);
            } else {
                toAttach.add(role);
            }
        }
        return new PolicyAttachmentPlan(policy.policyName(), arn, !exists, toAttach, already);
    }

    public void apply(Policy policy, PolicyAttachmentPlan plan) throws AwsFailure {
        if (plan.createPolicy()) {
            AwsFailure.call(() -> iam.createPolicy(b -> b.policyName(policy.policyName()).policyDocument(policy.document())));
        }
        for (String role : plan.rolesToAttach()) {
            AwsFailure.call(() -> iam.attachRolePolicy(b -> b.roleName(role).policyArn(plan.policyArn())));
        }
    }
}
