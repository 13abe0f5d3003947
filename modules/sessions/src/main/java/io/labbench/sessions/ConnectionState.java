package io.labbench.sessions;

/** What the status bar shows for an endpoint. */
public enum ConnectionState { DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, FAILED, CLOSED }
