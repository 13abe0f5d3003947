package io.labbench.watch.history;

import java.time.Instant;

/** Something the learner did that explains a jump in the data, e.g. "zeroed AWS-SNAT-CHAIN-0 counters". */
public record TimelineMark(Instant at, String label) {
}
