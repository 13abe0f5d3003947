/**
 * Reading the command line that printed an output, for what the output leaves out: which iptables table
 * a listing came from ({@link io.labbench.netparse.command.IptablesCommandTable}). Only the text of the
 * command is read; nothing is run.
 */
package io.labbench.netparse.command;
