package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.TEXT;

import io.labbench.netparse.model.Address;
import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/** {@code ip addr} in any of its forms; rows keyed by interface + address (one per address). */
public record IpAddrResult(List<AddressedInterface> interfaces, List<Diagnostic> diagnostics) implements ParseResult {
    public IpAddrResult {
        interfaces = List.copyOf(interfaces);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.IP_ADDR;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        for (String c : List.of("interface", "state", "family", "cidr", "scope")) {
            rows.column(c, TEXT);
        }
        for (AddressedInterface i : interfaces) {
            if (i.addresses().isEmpty()) {
                // An interface without addresses still shows, so that losing its last address is a change.
                rows.add(i.name(), "interface", i.name(), "state", i.state());
            }
            for (Address a : i.addresses()) {
                rows.add(i.name() + " " + a.cidr(), "interface", i.name(), "state", i.state(),
                        "family", a.family(), "cidr", a.cidr(), "scope", a.scope());
            }
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
