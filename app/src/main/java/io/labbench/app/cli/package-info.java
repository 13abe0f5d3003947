/**
 * The {@code labbench} command line (picocli): {@code parse} reads a command's saved output as tables
 * or JSON, and {@code lab up|down|status|validate} drive the local lab and check lab files without a
 * window. Every command refuses options it does not know and exits non-zero with a message that says
 * what was wrong and what to do; the frequent {@code lab} commands skip picocli's start-up
 * ({@link io.labbench.app.cli.QuickLabCommands}).
 */
package io.labbench.app.cli;
