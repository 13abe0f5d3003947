package io.labbench.app.lab;

import io.labbench.labmodel.model.Check;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One check of the selected step: its state and the last reason given. */
public final class CheckRow {
    public enum State { NOT_RUN, RUNNING, PASSED, FAILED }

    private final int index;
    private final Check check;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.NOT_RUN);
    private final StringProperty why = new SimpleStringProperty("");

    CheckRow(int index, Check check) {
        this.index = index;
        this.check = check;
    }

    public int index() {
        return index;
    }

    public Check check() {
        return check;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public StringProperty whyProperty() {
        return why;
    }
}
