package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM: the lab's kOps roles and instance profiles ({@code masters.<cluster>}, {@code nodes.<cluster>})
 * and the study's customer-managed policies, created and attached in this endpoint's memory for the
 * life of the lab ({@code aws iam create-policy}, {@code attach-role-policy}, {@code list-policies --scope Local}).
 */
public final class IamApi implements ServiceApi {

    private static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final List<String> SUPPORTED = List.of("CreatePolicy", "GetPolicy", "ListPolicies", "DeletePolicy",
            "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies", "ListRoles", "GetRole", "ListInstanceProfiles");

    private record Policy(String name, String id, String arn, String document, Instant created) {
    }

    private final LabCloud cloud;
    private final Clock clock;
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    private final Map<String, Set<String>> attached = new LinkedHashMap<>();

    public IamApi(LabCloud cloud, Clock clock) {
        this.cloud = cloud;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public synchronized AwsReply handle(AwsHttpRequest request) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        return switch (action) {
            case "CreatePolicy" -> createPolicy(form);
            case "GetPolicy" -> policy(form.getOrDefault("PolicyArn", ""))
                    .map(p -> QueryResponse.of(action, XMLNS, xml -> policy(xml.open("Policy"), p).close("Policy")))
                    .orElseGet(() -> noSuchPolicy(form.getOrDefault("PolicyArn", "")));
            case "DeletePolicy" -> deletePolicy(form.getOrDefault("PolicyArn", ""));
            case "ListPolicies" -> QueryResponse.of(action, XMLNS, xml -> {
                // only customer-managed policies live here; --scope AWS lists none
                xml.el("IsTruncated", false).open("Policies");
                if (!form.getOrDefault("Scope", "All").equals("AWS")) {
                    policies.values().forEach(p -> policy(xml.open("member"), p).close("member"));
                }
                xml.close("Policies");
            });
            case "AttachRolePolicy", "DetachRolePolicy" -> attachment(action, form);
            case "ListAttachedRolePolicies" -> role(form.getOrDefault("RoleName", "")).map(r -> QueryResponse.of(action, XMLNS, xml -> {
                xml.el("IsTruncated", false).open("AttachedPolicies");
                for (String arn : attached.getOrDefault(r.name(), Set.of())) {
                    xml.open("member").el("PolicyArn", arn).el("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).close("member");
                }
                xml.close("AttachedPolicies");
            })).orElseGet(() -> noSuchRole(form.getOrDefault("RoleName", "")));
            case "ListRoles" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.el("IsTruncated", false).open("Roles");
                cloud.roles().forEach(r -> role(xml.open("member"), r).close("member"));
                xml.close("Roles");
            });
            case "GetRole" -> role(form.getOrDefault("RoleName", ""))
                    .map(r -> QueryResponse.of(action, XMLNS, xml -> role(xml.open("Role"), r).close("Role")))
                    .orElseGet(() -> noSuchRole(form.getOrDefault("RoleName", "")));
            case "ListInstanceProfiles" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.el("IsTruncated", false).open("InstanceProfiles");
                for (LabCloud.Role r : cloud.roles()) {
                    xml.open("member").el("InstanceProfileName", r.name()).el("InstanceProfileId", "AIPA" + r.roleId().substring(4))
                            .el("Arn", "arn:aws:iam::" + cloud.accountId() + ":instance-profile/" + r.name()).el("Path", "/")
                            .el("CreateDate", r.created()).open("Roles");
                    role(xml.open("member"), r).close("member");
                    xml.close("Roles").close("member");
                }
                xml.close("InstanceProfiles");
            });
            default -> Unsupported.call(AwsErrors.Shape.QUERY, "IAM", action, SUPPORTED);
        };
    }

    private AwsReply createPolicy(Map<String, String> form) {
        String name = form.getOrDefault("PolicyName", "");
        String document = form.getOrDefault("PolicyDocument", "");
        if (!name.matches("[\\w+=,.@-]{1,128}")) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 400, "ValidationError", "PolicyName '" + name
                    + "' must be 1-128 letters, digits or +=,.@_-");
        }
        String arn = "arn:aws:iam::" + cloud.accountId() + ":policy/" + name;
        if (policies.containsKey(arn)) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 409, "EntityAlreadyExists", "A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(document);
        } catch (java.io.IOException e) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 400, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        String id = "ANPA" + Integer.toHexString(arn.hashCode()).toUpperCase(java.util.Locale.ROOT) + "LABBENCH0";
        Policy p = new Policy(name, id.substring(0, Math.min(21, id.length())), arn, document, clock.instant());
        policies.put(arn, p);
        return QueryResponse.of("CreatePolicy", XMLNS, xml -> policy(xml.open("Policy"), p).close("Policy"));
    }

    private AwsReply deletePolicy(String arn) {
        if (!policies.containsKey(arn)) {
            return noSuchPolicy(arn);
        }
        if (attached.values().stream().anyMatch(s -> s.contains(arn))) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 409, "DeleteConflict", "Cannot delete a policy attached to entities.");
        }
        policies.remove(arn);
        return QueryResponse.empty("DeletePolicy", XMLNS);
    }

    private AwsReply attachment(String action, Map<String, String> form) {
        String roleName = form.getOrDefault("RoleName", "");
        String arn = form.getOrDefault("PolicyArn", "");
        if (role(roleName).isEmpty()) {
            return noSuchRole(roleName);
        }
        if (policy(arn).isEmpty()) {
            return noSuchPolicy(arn);
        }
        Set<String> set = attached.computeIfAbsent(roleName, k -> new LinkedHashSet<>());
        if (action.equals("AttachRolePolicy")) {
            set.add(arn);
        } else if (!set.remove(arn)) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 404, "NoSuchEntity", "Policy " + arn + " was not found.");
        }
        return QueryResponse.empty(action, XMLNS);
    }

    private Optional<Policy> policy(String arn) {
        return Optional.ofNullable(policies.get(arn));
    }

    private Optional<LabCloud.Role> role(String name) {
        return cloud.roles().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private Xml policy(Xml xml, Policy p) {
        int count = (int) attached.values().stream().filter(s -> s.contains(p.arn())).count();
        return xml.el("PolicyName", p.name()).el("PolicyId", p.id()).el("Arn", p.arn()).el("Path", "/").el("DefaultVersionId", "v1")
                .el("AttachmentCount", count).el("PermissionsBoundaryUsageCount", 0).el("IsAttachable", true)
                .el("CreateDate", p.created()).el("UpdateDate", p.created());
    }

    private Xml role(Xml xml, LabCloud.Role r) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        return xml.el("Path", "/").el("RoleName", r.name()).el("RoleId", r.roleId()).el("Arn", r.arn()).el("CreateDate", r.created())
                .el("AssumeRolePolicyDocument", URLEncoder.encode(trust, StandardCharsets.UTF_8).replace("+", "%20")).el("MaxSessionDuration", 3600);
    }

    private AwsReply noSuchPolicy(String arn) {
        return AwsErrors.error(AwsErrors.Shape.QUERY, 404, "NoSuchEntity", "Policy " + arn + " was not found.");
    }

    private AwsReply noSuchRole(String name) {
        return AwsErrors.error(AwsErrors.Shape.QUERY, 404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
    }

    /** The policies attached to a role now (for the lab's own parts, e.g. the load balancer controller's permission check). */
    public synchronized List<String> attachedPolicies(String roleName) {
        return new ArrayList<>(attached.getOrDefault(roleName, Set.of()));
    }

    /**
     * Whether a policy attached to the role allows {@code action} (e.g. {@code route53:ChangeResourceRecordSets}):
     * an {@code Allow} statement naming it, its service's {@code *} or {@code *}. Resources and conditions are
     * not evaluated; the study's policies grant on {@code *} or on every hosted zone.
     */
    public synchronized boolean allows(String roleName, String action) {
        String service = action.substring(0, action.indexOf(':') + 1) + "*";
        for (String arn : attached.getOrDefault(roleName, Set.of())) {
            Policy p = policies.get(arn);
            if (p == null) {
                continue;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.document());
                com.fasterxml.jackson.databind.JsonNode statements = doc.path("Statement");
                for (com.fasterxml.jackson.databind.JsonNode st : statements.isArray() ? statements : List.of(statements)) {
                    if (!st.path("Effect").asText().equals("Allow")) {
                        continue;
                    }
                    com.fasterxml.jackson.databind.JsonNode actions = st.path("Action");
                    for (com.fasterxml.jackson.databind.JsonNode a : actions.isArray() ? actions : List.of(actions)) {
                        String granted = a.asText();
                        if (granted.equalsIgnoreCase(action) || granted.equalsIgnoreCase(service) || granted.equals("*")) {
                            return true;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // a policy IAM accepted is JSON; one that is not grants nothing
            }
        }
        return false;
    }
}
