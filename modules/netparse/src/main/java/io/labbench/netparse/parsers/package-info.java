/**
 * One parser per output kind, each reading cleaned lines into a result record and never throwing:
 * lines it cannot read become diagnostics. {@link io.labbench.netparse.parsers.KindDetector} tells kinds apart.
 */
package io.labbench.netparse.parsers;
