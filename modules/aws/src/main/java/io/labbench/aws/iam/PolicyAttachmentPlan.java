package io.labbench.aws.iam;

import java.util.List;

/**
 * Exactly what the NLB and ExternalDNS sections will change in IAM, shown in a confirm dialog before
 * anything is sent: whether the policy is created or reused, and which roles it is attached to.
 */
public record PolicyAttachmentPlan(String policyName, String policyArn, boolean createPolicy,
                                   List<String> rolesToAttach, List<String> rolesAlreadyAttached) {

    public PolicyAttachmentPlan {
        rolesToAttach = List.copyOf(rolesToAttach);
        rolesAlreadyAttached = List.copyOf(rolesAlreadyAttached);
    }

    public boolean changesNothing() {
        return !createPolicy && rolesToAttach.isEmpty();
    }

    /** The plan in words, one line per change, for the confirm dialog. */
    public List<String> describe() {
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        if (createPolicy) {
            lines.add("Create IAM policy " + policyName + " (" + policyArn + ")");
        }
        rolesToAttach.forEach(role -> lines.add("Attach " + policyName + " to role " + role));
        rolesAlreadyAttached.forEach(role -> lines.add("Unchanged: " + role + " already has " + policyName));
        return lines;
    }
}
