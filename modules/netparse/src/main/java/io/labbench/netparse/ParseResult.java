package io.labbench.netparse;

import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * What a parser understood of one command's output. Always returned, never thrown: lines it could not
 * read are reported in {@link #diagnostics()} with their 1-based line number, and the rest is kept.
 * The records are rendered to JSON by {@code io.labbench.netparse.json.ParseResultJson} with the field
 * names of {@code labbench parse --json}; absent text fields are empty strings (omitted from JSON). The
 * json package depends on this one, never the reverse.
 */
public sealed interface ParseResult permits IpLinkResult, IpAddrResult, RouteResult, IpRuleResult,
        IptablesListResult, IptablesRulesResult, ConntrackResult, KubectlTableResult, WatchScreenResult {

    /** The kind of output this was read as (never {@link ParserKind#AUTO}). */
    ParserKind kind();

    List<Diagnostic> diagnostics();

    /** The result as rows with a stable identity, for diffs between two moments. */
    Snapshot toSnapshot(Instant takenAt);
}
