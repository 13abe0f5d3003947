package io.labbench.labmodel.load;

import io.labbench.labmodel.model.Lab;
import java.util.List;
import java.util.Optional;

/** The lab, when the file had no errors, and every error found. */
public record LoadResult(Optional<Lab> lab, List<LabError> errors) {
    public LoadResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty() && lab.isPresent();
    }
}
