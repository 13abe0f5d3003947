package io.labbench.app.lab;

import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A step in the wizard's list, with its status as a property the tree's icons follow. */
public final class StepItem {
    private final Section section;
    private final Step step;
    private final ObjectProperty<StepStatus> status = new SimpleObjectProperty<>(StepStatus.NOT_STARTED);

    StepItem(Section section, Step step) {
        this.section = section;
        this.step = step;
    }

    public Section section() {
        return section;
    }

    public Step step() {
        return step;
    }

    public ObjectProperty<StepStatus> statusProperty() {
        return status;
    }

    public StepStatus status() {
        return status.get();
    }
}
