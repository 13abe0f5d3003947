package io.labbench.app.lab;

import io.labbench.labmodel.model.Text;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A lab variable in the variables panel; editing {@link #valueProperty()} saves it to the workspace. */
public final class VariableRow {
    private final String name;
    private final Text description;
    private final boolean secret;
    private final StringProperty value = new SimpleStringProperty("");

    VariableRow(String name, Text description, boolean secret) {
        this.name = name;
        this.description = description;
        this.secret = secret;
    }

    public String name() {
        return name;
    }

    public Text description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    public StringProperty valueProperty() {
        return value;
    }
}
