/**
 * Reads a lab YAML file through SnakeYAML's node API, which keeps every node's line and column, so
 * that each problem — unknown or missing keys, a missing language, a bad target, a duplicate id, a
 * broken regex, a variable used before anything sets it, an unknown parser — is reported as
 * {@code file:line:column: message} saying what was expected. All errors are collected, not just the
 * first.
 */
package io.labbench.labmodel.load;
