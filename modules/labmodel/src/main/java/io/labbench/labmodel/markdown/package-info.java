/**
 * The Markdown subset lab bodies are written in — headings, paragraphs, bullet and numbered lists,
 * block quotes, fenced code blocks and inline code, bold, italics and links — read into blocks that
 * the wizard draws as JavaFX nodes and the notebook export writes as HTML. Anything else stays text.
 */
package io.labbench.labmodel.markdown;
