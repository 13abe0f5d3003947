/**
 * Homework evidence: a snapshot or a diff between two points written as aligned plain text or as a
 * Markdown table, headed with the node, the command and the time. (PNG is drawn by the app from the
 * panel itself.)
 */
package io.labbench.watch.export;
