package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CloudFormation: the lab's {@code mkops} stack, its resources, outputs and events. */
public final class CloudFormationApi implements ServiceApi {

    private static final String XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final List<String> SUPPORTED = List.of("DescribeStacks", "ListStacks", "DescribeStackEvents",
            "DescribeStackResources", "ListStackResources");
    private final LabCloud cloud;

    public CloudFormationApi(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "cloudformation";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        Optional<String> name = Optional.ofNullable(form.get("StackName"));
        if (SUPPORTED.contains(action) && !action.equals("ListStacks") && name.isPresent() && find(name.get()).isEmpty()) {
            return AwsErrors.error(AwsErrors.Shape.QUERY, 400, "ValidationError", "Stack with id " + name.get() + " does not exist");
        }
        List<LabCloud.Stack> stacks = name.map(n -> find(n).stream().toList()).orElse(cloud.stacks());
        return switch (action) {
            case "DescribeStacks" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("Stacks");
                stacks.forEach(s -> stack(xml, s));
                xml.close("Stacks");
            });
            case "ListStacks" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("StackSummaries");
                stacks.forEach(s -> xml.open("member").el("StackId", s.stackId()).el("StackName", s.name())
                        .el("TemplateDescription", s.description()).el("CreationTime", s.created()).el("StackStatus", s.status())
                        .close("member"));
                xml.close("StackSummaries");
            });
            case "DescribeStackEvents" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("StackEvents");
                stacks.forEach(s -> s.events().forEach(e -> xml.open("member").el("StackId", s.stackId()).el("EventId", e.eventId())
                        .el("StackName", s.name()).el("LogicalResourceId", e.logicalId()).el("PhysicalResourceId", e.physicalId())
                        .el("ResourceType", e.type()).el("Timestamp", e.timestamp()).el("ResourceStatus", e.status())
                        .opt("ResourceStatusReason", e.reason()).close("member")));
                xml.close("StackEvents");
            });
            case "DescribeStackResources" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("StackResources");
                stacks.forEach(s -> s.resources().forEach(r -> xml.open("member").el("StackId", s.stackId()).el("StackName", s.name())
                        .el("LogicalResourceId", r.logicalId()).el("PhysicalResourceId", r.physicalId()).el("ResourceType", r.type())
                        .el("Timestamp", r.timestamp()).el("ResourceStatus", r.status())
                        .open("DriftInformation").el("StackResourceDriftStatus", "NOT_CHECKED").close("DriftInformation").close("member")));
                xml.close("StackResources");
            });
            case "ListStackResources" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("StackResourceSummaries");
                stacks.forEach(s -> s.resources().forEach(r -> xml.open("member").el("LogicalResourceId", r.logicalId())
                        .el("PhysicalResourceId", r.physicalId()).el("ResourceType", r.type()).el("LastUpdatedTimestamp", r.timestamp())
                        .el("ResourceStatus", r.status()).open("DriftInformation").el("StackResourceDriftStatus", "NOT_CHECKED")
                        .close("DriftInformation").close("member")));
                xml.close("StackResourceSummaries");
            });
            default -> Unsupported.call(AwsErrors.Shape.QUERY, "CloudFormation", action, SUPPORTED);
        };
    }

    private Optional<LabCloud.Stack> find(String nameOrId) {
        return cloud.stacks().stream().filter(s -> s.name().equals(nameOrId) || s.stackId().equals(nameOrId)).findFirst();
    }

    private static void stack(Xml xml, LabCloud.Stack s) {
        xml.open("member").el("StackId", s.stackId()).el("StackName", s.name()).el("Description", s.description());
        xml.open("Parameters");
        s.parameters().forEach((k, v) -> xml.open("member").el("ParameterKey", k).el("ParameterValue", v).close("member"));
        xml.close("Parameters").el("CreationTime", s.created()).el("StackStatus", s.status())
                .el("DisableRollback", false).open("NotificationARNs").close("NotificationARNs")
                .open("Capabilities").el("member", "CAPABILITY_IAM").close("Capabilities").open("Outputs");
        s.outputs().forEach(o -> xml.open("member").el("OutputKey", o.key()).el("OutputValue", o.value())
                .opt("Description", o.description()).close("member"));
        xml.close("Outputs").open("Tags").close("Tags").el("EnableTerminationProtection", false)
                .open("DriftInformation").el("StackDriftStatus", "NOT_CHECKED").close("DriftInformation").close("member");
    }
}
