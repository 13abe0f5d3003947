package io.labbench.app.aws;

import io.labbench.aws.cfn.StackForm;
import io.labbench.aws.cfn.StackTemplate;
import io.labbench.aws.cfn.TemplateParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The study's CloudFormation stack as a form: one {@link ParameterField} per template parameter,
 * validated as the learner types with the template's own constraints. NoEcho values (the IAM secret
 * key the study's template asks for) are only ever handed to CloudFormation; everything shown or
 * saved goes through {@link #maskedValues()}.
 */
public final class StackFormViewModel {

    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    private final StackTemplate template;
    private final String templateBody;
    private final StackForm form;
    private final List<ParameterField> fields;
    private final StringProperty stackName = new SimpleStringProperty(this, "stackName", "mkops");
    private final StringProperty stackNameProblem = new SimpleStringProperty(this, "stackNameProblem", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    public StackFormViewModel(StackTemplate template, String templateBody) {
        this.template = template;
        this.templateBody = templateBody;
        this.form = new StackForm(template);
        this.fields = template.parameters().stream().map(ParameterField::new).toList();
        fields.forEach(f -> f.valueProperty().addListener((obs, o, n) -> validate()));
        stackName.addListener((obs, o, n) -> validate());
        validate();
    }

    public List<ParameterField> fields() {
        return fields;
    }

    public StringProperty stackNameProperty() {
        return stackName;
    }

    public StringProperty stackNameProblemProperty() {
        return stackNameProblem;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public StackTemplate template() {
        return template;
    }

    public String templateBody() {
        return templateBody;
    }

    /** Offers the region's key pairs on every key-pair parameter. */
    public void offerKeyPairs(List<String> keyPairs) {
        fields.stream().filter(f -> f.parameter().isKeyPair()).forEach(f -> f.choices().setAll(keyPairs));
    }

    /** Fills a CIDR parameter with the learner's own address /32, only when they confirmed it. */
    public void useMyAddressForSsh(String publicIp) {
        fields.stream().filter(f -> f.parameter().isCidr()).forEach(f -> f.valueProperty().set(publicIp + "/32"));
    }

    public boolean validate() {
        Map<String, List<String>> problems = form.validate(values());
        fields.forEach(f -> f.problems().setAll(problems.getOrDefault(f.parameter().key(), List.of())));
        stackNameProblem.set(STACK_NAME.matcher(stackName.get() == null ? "" : stackName.get()).matches() ? ""
                : "A stack name starts with a letter and holds only letters, digits and hyphens (at most 128).");
        boolean ok = problems.isEmpty() && stackNameProblem.get().isEmpty();
        valid.set(ok);
        return ok;
    }

    /** The values to send to CloudFormation (NoEcho ones included: only CreateStack ever sees them). */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterField f : fields) {
            String v = f.valueProperty().get();
            if (v != null && !v.isEmpty()) {
                values.put(f.parameter().key(), v);
            }
        }
        return values;
    }

    public Map<String, String> maskedValues() {
        return form.masked(values());
    }

    public boolean isNoEcho(String key) {
        return template.parameter(key).map(TemplateParameter::noEcho).orElse(false);
    }
}
