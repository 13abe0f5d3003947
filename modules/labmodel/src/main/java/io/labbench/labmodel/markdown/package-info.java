/**
 * The Markdown that lab bodies, notes and hints are written in: CommonMark with GitHub's tables,
 * read by commonmark-java ({@link io.labbench.labmodel.markdown.LabMarkdown}) into the syntax tree the
 * wizard draws as JavaFX nodes, and written as escaped HTML for the notebook export
 * ({@link io.labbench.labmodel.markdown.MarkdownHtml}). The parser and the HTML writer are the
 * library's; this package only fixes the one configuration every reader of a lab uses.
 */
package io.labbench.labmodel.markdown;
