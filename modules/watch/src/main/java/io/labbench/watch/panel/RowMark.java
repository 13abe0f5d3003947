package io.labbench.watch.panel;

/** Whether a row just appeared, just went away (shown struck through for one refresh), or neither. */
public enum RowMark { NONE, NEW, REMOVED }
