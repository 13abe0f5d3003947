package io.labbench.labmodel.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects errors for one file, located by YAML marks (which are 0-based; errors are 1-based). */
final class ErrorSink {
    private final String file;
    private final List<LabError> errors = new ArrayList<>();

    ErrorSink(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node.getStartMark(), 0, message);
    }

    void at(Mark mark, int columnOffset, String message) {
        if (mark == null) {
            errors.add(new LabError(file, 1, 1, message));
        } else {
            errors.add(new LabError(file, mark.getLine() + 1, mark.getColumn() + 1 + columnOffset, message));
        }
    }

    void atLine(int line, int column, String message) {
        errors.add(new LabError(file, line, column, message));
    }

    List<LabError> sorted() {
        return errors.stream().sorted(Comparator.comparingInt(LabError::line).thenComparingInt(LabError::column)).toList();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }
}
