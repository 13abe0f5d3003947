package io.labbench.aws.cfn;

import java.util.List;
import java.util.Optional;

/** One entry of a CloudFormation template's {@code Parameters} section, as the stack form shows it. */
public record TemplateParameter(String key, String type, Optional<String> defaultValue, String description,
                                boolean noEcho, List<String> allowedValues, Optional<String> allowedPattern,
                                Optional<Integer> minLength, Optional<Integer> maxLength,
                                Optional<Double> minValue, Optional<Double> maxValue,
                                String constraintDescription) {

    public TemplateParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    /** {@code AWS::EC2::KeyPair::KeyName}: the form offers the region's key pairs. */
    public boolean isKeyPair() {
        return "AWS::EC2::KeyPair::KeyName".equals(type);
    }

    public boolean isNumber() {
        return "Number".equals(type);
    }

    /** Parameters holding an IP range for SSH, like the study's {@code SgIngressSshCidr}. */
    public boolean isCidr() {
        return key.toLowerCase(java.util.Locale.ROOT).contains("cidr");
    }
}
