package io.labbench.app.cli;

import picocli.CommandLine.Command;

/** {@code labbench lab …}: the local lab's life cycle and lab-file validation. */
@Command(name = "lab", description = "Local lab (up, down, status) and lab files (validate).",
        subcommands = {LabUpCommand.class, LabDownCommand.class, LabStatusCommand.class, LabValidateCommand.class})
public final class LabCommand {
}
