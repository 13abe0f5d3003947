# LabBench local lab: a machine's exec helper (see io.labbench.locallab.ssh.NodeExecHelper): the own part
# that follows sessions' fork-server.pl (frames, spare children, stdin, reaping). Runs inside the
# machine's namespaces and runs each command the JVM sends in a child forked ahead of time, so a command
# costs one exec instead of a JVM spawn, nsenter and the command.
# R's payload: cwd NUL env-count NUL K=V... NUL argv..., NUL-separated; X's: the exit code, 128+signal
# when a signal ended the command. It first writes its ready line, then frames, and ends when its stdin
# ends (the JVM is gone).
my $ready = shift @ARGV;
syswrite STDOUT, "$ready\n";

# In the child: exactly the environment, the working directory and the argv the JVM sent.
sub run_command {
    my $payload = shift;
    my @f = split /\0/, $payload, -1;
    my $cwd = shift @f; my $n = shift @f;
    %ENV = map { split /=/, $_, 2 } splice(@f, 0, $n);
    chdir $cwd or do { syswrite STDERR, "cannot enter $cwd: $!\n"; _exit(126); };
    { no warnings 'exec'; exec { $f[0] } @f; }
    my $missing = $! == 2;   # ENOENT, read before the write below changes $!
    syswrite STDERR, "$f[0]: $!\n";
    _exit($missing ? 127 : 126);
}

serve();
