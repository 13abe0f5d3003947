package io.labbench.packetpath.live;

import io.labbench.netparse.model.SavedChain;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.model.SavedTable;
import io.labbench.netparse.parsers.IptablesRulesParser;
import io.labbench.packetpath.CounterId;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads every iptables counter of a set of machines ({@code iptables-save -c}, one command per machine),
 * keyed like {@link CounterId}. A path's counters are looked up in it; two readings give the deltas.
 */
public final class CounterReading {
    private final Map<CounterId, Long> packets;

    public CounterReading(Map<CounterId, Long> packets) {
        this.packets = Map.copyOf(packets);
    }

    public static CounterReading read(Set<String> machines, MachineShell shell) throws IOException {
        Map<CounterId, Long> all = new LinkedHashMap<>();
        for (String m : new TreeSet<>(machines)) {
            if (m.startsWith("pod/") || "vpc".equals(m) || "internet".equals(m)) {
                continue;
            }
            all.putAll(parse(m, shell.run(m, "iptables-save -c").stdout()));
        }
        return new CounterReading(all);
    }

    /** Every rule and chain counter of one machine's {@code iptables-save -c}. */
    public static Map<CounterId, Long> parse(String machine, String save) {
        Map<CounterId, Long> out = new HashMap<>();
        for (SavedTable t : IptablesRulesParser.parse(save).tables()) {
            for (SavedChain c : t.chains()) {
                c.packets().ifPresent(p -> out.put(new CounterId(machine, t.name(), c.name(),
                        t.name() + " " + c.name() + " :policy"), p));
            }
            for (SavedRule r : t.rules()) {
                r.packets().ifPresent(p -> out.put(new CounterId(machine, t.name(), r.chain(),
                        t.name() + " " + r.chain() + " " + r.spec()), p));
            }
        }
        return out;
    }

    public Map<CounterId, Long> packets() {
        return packets;
    }

    public java.util.OptionalLong packets(CounterId id) {
        Long v = packets.get(id);
        return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /** Counters that rose from {@code earlier} to this reading, with how much; a reset counts from 0. */
    public Map<CounterId, Long> rises(CounterReading earlier) {
        Map<CounterId, Long> rose = new LinkedHashMap<>();
        packets.forEach((id, now) -> {
            long before = earlier.packets.getOrDefault(id, 0L);
            long d = now >= before ? now - before : now;
            if (d > 0) {
                rose.put(id, d);
            }
        });
        return rose;
    }
}
