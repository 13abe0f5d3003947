# LabBench's command runner on an SSH node (see io.labbench.sessions.ssh.NodeRunner): the own part that
# follows fork-server.pl (frames, spare children, reaping). Started once per connection in one exec
# channel, it runs each command the app sends in a child forked ahead of time, so a watch's refresh costs
# one fork and one exec on the node instead of sshd setting up a session and a shell.
# R's payload is the command line, as an exec request carries it; X's is the exit code, or "signal N"
# when a signal ended the command. It first writes one line, "<ready word> <pid>", then frames, and ends
# when its stdin ends (the channel closed). A command runs as sshd would run it: in its own session, in
# the home directory, with the environment this exec got, and through "$SHELL -c" whenever it needs a
# shell; a plain list of words naming a program on PATH is exec'ed directly (what the shell would exec in
# the end).
my $ready = shift @ARGV;

my $shell = (getpwuid($<))[8] || '/bin/sh';
(my $shell0 = $shell) =~ s{.*/}{};
# SHLVL is left as this helper got it: the shell that sshd started for this exec counted itself and took
# the count back when it exec'ed perl, so commands see what sshd gave, as a plain exec's commands do (and
# Debian's bash reads ~/.bashrc for them the same way).
# Words of the shell: when the first word is one of these, the shell must run the command.
my %shell_word = map { $_ => 1 } qw(alias bg bind break builtin caller cd command compgen complete compopt
    continue declare dirs disown echo enable eval exec exit export fc fg getopts hash help history jobs kill
    let local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source
    suspend test times trap type typeset ulimit umask unalias unset wait if then else elif fi case esac for
    while until do done function select time coproc);

# The program a plain list of words would run, or undef when the command needs its shell
# (quotes, expansions, redirections, several commands, an assignment, a builtin, a missing program).
sub direct_program {
    my $cmd = shift;
    return undef unless $cmd =~ m{\A[ \t]*[A-Za-z0-9_./,:@%+-]+(?:[ \t]+[A-Za-z0-9_./,:@%+=-]+)*[ \t]*\z};
    my ($first) = split ' ', $cmd;
    return undef if $shell_word{$first} || exists $ENV{"BASH_FUNC_$first%%"} || $first =~ /\A[.:]\z/;
    if ($first =~ m{/}) { return -f $first && -x _ ? $first : undef; }
    for my $dir (split /:/, $ENV{PATH} // '', -1) {
        my $path = ($dir eq '' ? '.' : $dir) . "/$first";
        return $path if -f $path && -x _;
    }
    return undef;
}

# In the child: the command line, exec'ed directly or through the login shell as sshd would.
sub run_command {
    my $cmd = shift;
    my $program = direct_program($cmd);
    if (defined $program) {
        $ENV{_} = $program;
        no warnings 'exec';
        exec { $program } split(' ', $cmd);
        # not an executable after all (a script without #!, say): its shell knows what to do with it
    }
    { no warnings 'exec'; exec { $shell } $shell0, '-c', $cmd; }
    syswrite STDERR, "$shell: $!\n";
    _exit(127);
}

syswrite STDOUT, "$ready $$\n";
serve();
# The app closed the channel (or the connection dropped): what still runs gets the hang-up sshd would send.
signal_all('HUP');
