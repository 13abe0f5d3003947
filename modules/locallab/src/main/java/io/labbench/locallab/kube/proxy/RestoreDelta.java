package io.labbench.locallab.kube.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code iptables-restore --noflush} input that takes a node from the rules it has to the rules it
 * should have, touching only the chains that differ. A chain line ({@code :CHAIN - [0:0]}) flushes that
 * chain under {@code --noflush}, so a changed chain is declared and written again, a chain no longer
 * wanted is declared (flushed) and deleted with {@code -X}, and every other chain, counters included,
 * stays as it is.
 *
 * @param text          the restore input; empty when nothing changed
 * @param changedChains how many chains it writes or deletes
 */
public record RestoreDelta(String text, int changedChains) {

    public static RestoreDelta between(NodeRules applied, NodeRules wanted) {
        StringBuilder out = new StringBuilder();
        int changed = table(out, "filter", applied.filter(), wanted.filter());
        changed += table(out, "nat", applied.nat(), wanted.nat());
        return new RestoreDelta(out.toString(), changed);
    }

    public boolean isEmpty() {
        return changedChains == 0;
    }

    private static int table(StringBuilder out, String table, ChainSet applied, ChainSet wanted) {
        Map<String, List<String>> have = applied.chains();
        Map<String, List<String>> want = wanted.chains();
        List<String> write = new ArrayList<>();
        for (Map.Entry<String, List<String>> chain : want.entrySet()) {
            if (!chain.getValue().equals(have.get(chain.getKey()))) {
                write.add(chain.getKey());
            }
        }
        List<String> delete = have.keySet().stream().filter(c -> !want.containsKey(c)).toList();
        if (write.isEmpty() && delete.isEmpty()) {
            return 0;
        }
        out.append('*').append(table).append('\n');
        write.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        delete.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        write.forEach(c -> want.get(c).forEach(rule -> out.append(rule).append('\n')));
        delete.forEach(c -> out.append("-X ").append(c).append('\n'));
        out.append("COMMIT\n");
        return write.size() + delete.size();
    }
}
