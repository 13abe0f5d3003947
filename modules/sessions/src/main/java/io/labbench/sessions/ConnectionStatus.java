package io.labbench.sessions;

/**
 * An endpoint's connection state with a sentence for the status bar or a tooltip, e.g.
 * "connection lost (Connection reset); retrying in 4 s" or the host-key warning after a refusal.
 */
public record ConnectionStatus(String endpointName, ConnectionState state, String detail) {
}
