package io.labbench.labmodel.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a command's output must be. {@code exitCode} is the exit status required (0 unless the lab
 * says otherwise), so a command that failed never passes by printing the expected text to stderr.
 */
public sealed interface Expectation {
    OptionalInt exitCode();

    /** The output, trimmed, equals {@code value} (after substitution). */
    record Equals(String value, OptionalInt exitCode) implements Expectation {
    }

    /** The output contains a match of {@code regex} (substituted values are taken literally). */
    record Matches(String regex, OptionalInt exitCode) implements Expectation {
    }

    /** The JSON output has a value at {@code path}, equal to / matching the given text if present. */
    record JsonValue(JsonPath path, Optional<String> equals, Optional<String> regex, OptionalInt exitCode)
            implements Expectation {
    }

    /** Only the exit status matters. */
    record ExitOnly(OptionalInt exitCode) implements Expectation {
    }
}
