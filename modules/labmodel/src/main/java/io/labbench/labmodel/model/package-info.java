/** The lab as loaded: immutable records, with sealed interfaces for the closed sets of kinds. */
package io.labbench.labmodel.model;
