package io.labbench.app.aws;

import io.labbench.aws.cfn.TemplateParameter;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One stack parameter in the form: its value as typed, the choices offered, and what is wrong with it. */
public final class ParameterField {

    private final TemplateParameter parameter;
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    public ParameterField(TemplateParameter parameter) {
        this.parameter = parameter;
        parameter.defaultValue().ifPresent(value::set);
        choices.setAll(parameter.allowedValues());
    }

    public TemplateParameter parameter() {
        return parameter;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** Allowed values, or the region's EC2 key pairs for a key-pair parameter. */
    public ObservableList<String> choices() {
        return choices;
    }

    public ObservableList<String> problems() {
        return problems;
    }
}
