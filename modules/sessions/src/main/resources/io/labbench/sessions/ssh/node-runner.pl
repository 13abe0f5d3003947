# LabBench's command runner on an SSH node (see io.labbench.sessions.ssh.NodeRunner). Started once per
# connection in one exec channel, it runs each command the app sends in a child forked ahead of time,
# so a watch's refresh costs one fork and one exec on the node instead of sshd setting up a session
# and a shell. The protocol is the local lab's exec helper's (exec-helper.pl), narrowed to a command line:
#   frames of type (1 byte), id (uint32 BE), length (uint32 BE), payload
# app -> node: R run (payload: the command line, as an exec request carries it),
#              K signal to the command's process group (payload: number)
# node -> app: O stdout bytes, E stderr bytes, X exit (payload: code, or "signal N" when killed),
#              F could not start (payload: reason).
# It first writes one line, "<ready word> <pid>", then frames, and ends when its stdin ends (the channel
# closed). A command runs as sshd would run it: in its own session, in the home directory, with the
# environment this exec got, and through "$SHELL -c" whenever it needs a shell; a plain list of words
# naming a program on PATH is exec'ed directly (what the shell would exec in the end).
use strict;
use warnings;
use POSIX qw(:sys_wait_h dup2 _exit);
use Fcntl qw(F_GETFL F_SETFL O_NONBLOCK);
use Errno qw(EAGAIN EINTR);

$SIG{PIPE} = 'IGNORE';
binmode STDIN; binmode STDOUT;
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

pipe(my $wake_r, my $wake_w) or die "pipe: $!";
nonblocking($_) for $wake_r, $wake_w;
$SIG{CHLD} = sub { syswrite $wake_w, 'c' };

my (%kid, %byfd);   # id -> {pid, out, err, in, open}; fileno -> [id, type]
my $inbuf = '';
my $rin = '';

sub send_frame {
    my ($type, $id, $data) = @_;
    my $frame = pack('aNN', $type, $id, length $data) . $data;
    while (length $frame) {
        my $n = syswrite STDOUT, $frame;
        if (!defined $n) { next if $! == EINTR; exit 0; }
        substr($frame, 0, $n) = '';
    }
}

sub nonblocking { my $fh = shift; fcntl($fh, F_SETFL, fcntl($fh, F_GETFL, 0) | O_NONBLOCK); }

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

# A spare child is forked ahead of time (while the node is idle between a watch's refreshes), its
# stdio already on fresh pipes, waiting on a control pipe for its command line.
my $spare;

sub fork_spare {
    my ($ctl_r, $ctl_w, $in_r, $in_w, $out_r, $out_w, $err_r, $err_w);
    pipe($ctl_r, $ctl_w) && pipe($in_r, $in_w) && pipe($out_r, $out_w) && pipe($err_r, $err_w) or return undef;
    my $pid = fork;
    return undef unless defined $pid;
    if ($pid == 0) {
        $SIG{CHLD} = 'DEFAULT'; $SIG{PIPE} = 'DEFAULT';
        POSIX::setsid();   # its own session and process group, as sshd gives each command
        dup2(fileno $in_r, 0); dup2(fileno $out_w, 1); dup2(fileno $err_w, 2);
        for my $k (values %kid) { close $_ for grep { defined } @$k{qw(in out err)}; }
        close $_ for $ctl_w, $in_w, $out_r, $err_r, $in_r, $out_w, $err_w, $wake_r, $wake_w;
        my ($cmd, $b) = ('', '');
        while (1) {
            my $got = sysread $ctl_r, $b, 65536;
            if (!defined $got) { next if $! == EINTR; last; }
            last if $got == 0;
            $cmd .= $b;
        }
        _exit(0) unless length $cmd;   # retired, or the helper is gone
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
    close $_ for $ctl_r, $in_r, $out_w, $err_w;
    nonblocking($_) for $out_r, $err_r;
    return {pid => $pid, ctl => $ctl_w, in => $in_w, out => $out_r, err => $err_r};
}

sub start {
    my ($id, $cmd, $retried) = @_;
    my $k = $spare // fork_spare();
    $spare = undef;
    return send_frame('F', $id, "fork: $!") unless $k;
    my $ctl = delete $k->{ctl};
    my $sent = syswrite $ctl, $cmd;
    close $ctl;
    if (!defined $sent || $sent != length $cmd) {
        kill 9, $k->{pid}; waitpid($k->{pid}, 0);
        close $_ for @$k{qw(in out err)};
        return $retried ? send_frame('F', $id, "the child for the command died at once") : start($id, $cmd, 1);
    }
    $k->{open} = 2;
    $kid{$id} = $k;
    $byfd{fileno $k->{out}} = [$id, 'O']; $byfd{fileno $k->{err}} = [$id, 'E'];
    vec($rin, fileno $k->{out}, 1) = 1; vec($rin, fileno $k->{err}, 1) = 1;
}

my @waiting;   # ids whose output ended but whose process had not been reaped yet
sub reap {
    my @still;
    for my $id (@waiting) {
        my $k = $kid{$id};
        my $r = waitpid($k->{pid}, WNOHANG);
        if ($r == 0) { push @still, $id; next; }
        my $code = $r < 0 ? 255 : WIFSIGNALED($?) ? 'signal ' . WTERMSIG($?) : WEXITSTATUS($?);
        close $k->{in};
        delete $kid{$id};
        send_frame('X', $id, $code);
    }
    @waiting = @still;
}

sub request {
    my ($type, $id, $payload) = @_;
    if ($type eq 'R') { start($id, $payload); return; }
    my $k = $kid{$id} or return;
    kill $payload + 0, -$k->{pid} if $type eq 'K';
}

syswrite STDOUT, "$ready $$\n";
vec($rin, 0, 1) = 1;
vec($rin, fileno $wake_r, 1) = 1;
my $buf;
while (1) {
    my $r = $rin;
    my $timeout = @waiting ? 0.05 : (!$spare && !%kid) ? 0.01 : undef;
    my $n = select($r, undef, undef, $timeout);
    if ($n < 0) { next if $! == EINTR; die "select: $!"; }
    if ($n == 0 && !$spare && !%kid) { $spare = fork_spare(); next; }
    if (vec($r, 0, 1)) {
        my $got = sysread STDIN, $buf, 65536;
        if (!defined $got) { next if $! == EINTR || $! == EAGAIN; last; }
        last if $got == 0;
        $inbuf .= $buf;
        while (length $inbuf >= 9) {
            my ($type, $id, $len) = unpack('aNN', $inbuf);
            last if length $inbuf < 9 + $len;
            my $payload = substr($inbuf, 9, $len);
            substr($inbuf, 0, 9 + $len) = '';
            request($type, $id, $payload);
        }
    }
    if (vec($r, fileno $wake_r, 1)) { 1 while sysread $wake_r, $buf, 512; }
    for my $fd (keys %byfd) {
        next unless vec($r, $fd, 1);
        my ($id, $type) = @{$byfd{$fd}};
        my $k = $kid{$id};
        my $fh = $type eq 'O' ? $k->{out} : $k->{err};
        my $got = sysread $fh, $buf, 65536;
        next if !defined $got && ($! == EAGAIN || $! == EINTR);
        if ($got) { send_frame($type, $id, $buf); next; }
        vec($rin, $fd, 1) = 0; delete $byfd{$fd}; close $fh;
        if (--$k->{open} == 0) { push @waiting, $id; }
    }
    reap() if @waiting;
}
# The app closed the channel (or the connection dropped): what still runs gets the hang-up sshd would send.
kill 'HUP', -$_->{pid} for values %kid;
kill 'TERM', $spare->{pid} if $spare;
