package io.labbench.packetpath;

/** Whether a hop carries the flow's first direction or the reply. */
public enum Direction { FORWARD, REPLY }
