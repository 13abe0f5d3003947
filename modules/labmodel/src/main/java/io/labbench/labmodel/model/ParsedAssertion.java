package io.labbench.labmodel.model;

import java.util.Map;
import java.util.OptionalLong;

/**
 * An assertion on parsed state. Cell conditions are regexes that must match a whole cell; column
 * names are compared without regard to case, since kubectl prints {@code STATUS} and ip prints
 * {@code dev}.
 */
public sealed interface ParsedAssertion {

    /** At least one row has all these cells. */
    record RowMatches(Map<String, String> cells) implements ParsedAssertion {
        public RowMatches {
            cells = Map.copyOf(cells);
        }
    }

    /**
     * The sum of {@code column} over the rows matching {@code where} went up since the step started
     * (the engine keeps that baseline). {@code chain: X} in YAML is short for {@code where: {chain: X}}.
     */
    record CounterIncreased(Map<String, String> where, String column) implements ParsedAssertion {
        public CounterIncreased {
            where = Map.copyOf(where);
        }
    }

    /** The number of rows matching {@code where} is {@code equals} (or at least {@code atLeast}). */
    record RowCount(Map<String, String> where, OptionalLong equals, OptionalLong atLeast) implements ParsedAssertion {
        public RowCount {
            where = Map.copyOf(where);
        }
    }
}
