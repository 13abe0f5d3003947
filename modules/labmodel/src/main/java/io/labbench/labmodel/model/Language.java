package io.labbench.labmodel.model;

/** The two languages every learner-facing text is written in. */
public enum Language { KO, EN }
