package io.labbench.labmodel.model;

import io.labbench.netparse.ParserKind;
import java.util.Map;
import java.util.regex.Pattern;

/** How a value is picked out of a command's output. */
public sealed interface Extraction {

    /** The named group {@code value}, else group 1, else the whole match, of the first match. */
    record Regex(Pattern pattern) implements Extraction {
    }

    /** A value inside JSON output. */
    record Json(JsonPath path) implements Extraction {
    }

    /** A cell of the first parsed row whose cells fully match {@code row} (regexes). */
    record Table(ParserKind parser, Map<String, String> row, String column) implements Extraction {
        public Table {
            row = Map.copyOf(row);
        }
    }
}
