package io.labbench.watch.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    private static final List<Column> COLUMNS = List.of(new Column("dev", CellKind.TEXT), new Column("packets", CellKind.COUNTER));

    private static Snapshot snapshot(Row... rows) {
        return new Snapshot("ip-route", COLUMNS, List.of(rows), Instant.EPOCH, List.of());
    }

    private static Row route(String key, String dev, String packets) {
        return new Row(key, Map.of("dev", dev, "packets", packets));
    }

    @Test
    void rowsAreAlignedByIdentityAndOnlyTextDifferencesCount() {
        Snapshot worker1 = snapshot(route("default", "ens5", "10"), route("172.30.40.10", "eniaaa", "1"),
                route("172.30.32.0/19", "ens5", "0"));
        Snapshot worker2 = snapshot(route("default", "ens5", "99"), route("172.30.32.0/19", "ens6", "0"),
                route("172.30.70.5", "enibbb", "0"));
        List<AlignedRow> rows = SideBySide.align(worker1, worker2);
        assertThat(rows).extracting(AlignedRow::key)
                .containsExactly("default", "172.30.40.10", "172.30.32.0/19", "172.30.70.5");
        assertThat(rows.get(0).same()).as("counters differ between nodes by nature").isTrue();
        assertThat(rows.get(1).right()).isEmpty();
        assertThat(rows.get(2).differingColumns()).containsExactly("dev");
        assertThat(rows.get(3).left()).isEmpty();
    }
}
