package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** How one resource prints as a server-side table: its columns and the cells of one object. */
public record TableSpec(List<TableColumn> columns, RowCells cells) {

    /** The real server's default for kinds without their own printer. */
    public static final TableSpec NAME_AND_AGE = new TableSpec(List.of(TableColumn.nameColumn(), TableColumn.age()),
            (o, now) -> List.of(WorkloadTables.name(o), WorkloadTables.age(o, now)));

    /** The cells of one object, in column order (String or Integer). */
    @FunctionalInterface
    public interface RowCells {
        List<Object> of(JsonNode object, Instant now);
    }
}
