/**
 * Comparisons a learner makes by eye, done for them: the same watch on two nodes aligned row by row
 * ({@link io.labbench.watch.compare.SideBySide}), and raw output highlighted character by character
 * like {@code watch -d} ({@link io.labbench.watch.compare.RawTextHighlighter}).
 */
package io.labbench.watch.compare;
