# LabBench's fork server: the part that the node runner (node-runner.pl, on an SSH node) and the local
# lab's exec helper (exec-helper.pl, inside a lab machine's namespaces) share; see
# io.labbench.sessions.forkserver.ForkServer. It runs each command it is sent in a child forked ahead of
# time, in its own session (setsid) as sshd gives each command, so a command costs one exec instead of a
# process start and a session set-up. It talks over stdin/stdout in frames:
#   type (1 byte), id (uint32 BE), length (uint32 BE), payload
# in:  R run (payload: the command; its form is the own part's, which runs it in the child: run_command),
#      I stdin bytes for id (empty payload: end of stdin), K signal to its process group (payload: number)
# out: O stdout bytes, E stderr bytes, X exit (payload: the exit code in decimal, 128 + N when signal N
#      ended the command, as a shell's $? gives it),
#      F could not start (payload: reason).
# The own part that follows this one defines run_command($payload) (runs in the child, never returns),
# writes its ready line and calls serve(), which returns when stdin ends.
use strict;
use warnings;
use POSIX qw(:sys_wait_h dup2 _exit);
use Fcntl qw(F_GETFL F_SETFL O_NONBLOCK);
use Errno qw(EAGAIN EINTR);

$SIG{PIPE} = 'IGNORE';
binmode STDIN; binmode STDOUT;

# A command's end is seen as EOF on both its pipes, then its exit status is reaped. The pipes close a
# moment before the process becomes reapable, so SIGCHLD wakes the loop through a pipe to itself
# (the signal handler only writes a byte; it cannot be lost between waitpid and select).
pipe(my $wake_r, my $wake_w) or die "pipe: $!";
nonblocking($_) for $wake_r, $wake_w;
$SIG{CHLD} = sub { syswrite $wake_w, 'c' };

my (%kid, %byfd);   # id -> {pid, out, err, in, inbuf, ineof, open}; fileno -> [id, type]
my $inbuf = '';
my ($rin, $win) = ('', '');

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

# A spare child is forked ahead of time (while the machine is idle between a watch's refreshes), its
# stdio already on fresh pipes, waiting on a control pipe for its command: on a busy machine a fork
# costs milliseconds of CPU, so a command then waits only for its own exec.
my $spare;

sub fork_spare {
    my ($ctl_r, $ctl_w, $in_r, $in_w, $out_r, $out_w, $err_r, $err_w);
    pipe($ctl_r, $ctl_w) && pipe($in_r, $in_w) && pipe($out_r, $out_w) && pipe($err_r, $err_w) or return undef;
    my $pid = fork;
    return undef unless defined $pid;
    if ($pid == 0) {
        $SIG{CHLD} = 'DEFAULT'; $SIG{PIPE} = 'DEFAULT';
        # its own session and process group, as OpenSSH's sshd gives each command: a signal for the
        # command (its channel closed) reaches what it started too
        POSIX::setsid();
        # let go of the server's pipes and of other commands' pipes at once: a spare holding a
        # command's stdin would keep it from ever seeing the end of it
        dup2(fileno $in_r, 0); dup2(fileno $out_w, 1); dup2(fileno $err_w, 2);
        for my $k (values %kid) { close $_ for grep { defined } @$k{qw(in out err)}; }
        close $_ for $ctl_w, $in_w, $out_r, $err_r, $in_r, $out_w, $err_w, $wake_r, $wake_w;
        my ($payload, $b) = ('', '');
        while (1) {
            my $got = sysread $ctl_r, $b, 65536;
            if (!defined $got) { next if $! == EINTR; last; }
            last if $got == 0;
            $payload .= $b;
        }
        _exit(0) unless length $payload;   # retired, or the server is gone
        run_command($payload);
        _exit(127);
    }
    close $_ for $ctl_r, $in_r, $out_w, $err_w;
    nonblocking($_) for $in_w, $out_r, $err_r;
    return {pid => $pid, ctl => $ctl_w, in => $in_w, out => $out_r, err => $err_r};
}

sub start {
    my ($id, $payload, $retried) = @_;
    my $k = $spare // fork_spare();
    $spare = undef;
    return send_frame('F', $id, "fork: $!") unless $k;
    my $ctl = delete $k->{ctl};
    my $sent = syswrite $ctl, $payload;
    close $ctl;
    if (!defined $sent || $sent != length $payload) {
        # the spare died before its turn: take a fresh child
        kill 9, $k->{pid}; waitpid($k->{pid}, 0);
        close $_ for @$k{qw(in out err)};
        return $retried ? send_frame('F', $id, "the child for the command died at once") : start($id, $payload, 1);
    }
    @$k{qw(inbuf ineof open)} = ('', 0, 2);
    $kid{$id} = $k;
    $byfd{fileno $k->{out}} = [$id, 'O']; $byfd{fileno $k->{err}} = [$id, 'E'];
    vec($rin, fileno $k->{out}, 1) = 1; vec($rin, fileno $k->{err}, 1) = 1;
}

sub close_stdin {
    my $k = shift;
    return unless $k->{in};
    vec($win, fileno $k->{in}, 1) = 0;
    close $k->{in}; $k->{in} = undef;
}

sub feed {
    my $k = shift;
    return unless $k->{in};
    while (length $k->{inbuf}) {
        my $n = syswrite $k->{in}, $k->{inbuf};
        if (!defined $n) {
            if ($! == EAGAIN) { vec($win, fileno $k->{in}, 1) = 1; return; }
            $k->{inbuf} = ''; close_stdin($k); return;   # the command closed its stdin
        }
        substr($k->{inbuf}, 0, $n) = '';
    }
    vec($win, fileno $k->{in}, 1) = 0;
    close_stdin($k) if $k->{ineof};
}

# A wait status as the exit code a shell's $? shows.
sub exit_code {
    my $status = shift;
    return WIFSIGNALED($status) ? 128 + WTERMSIG($status) : WEXITSTATUS($status);
}

my @waiting;   # ids whose output ended but whose process had not been reaped yet
sub reap {
    my @still;
    for my $id (@waiting) {
        my $k = $kid{$id};
        my $r = waitpid($k->{pid}, WNOHANG);
        if ($r == 0) { push @still, $id; next; }
        my $code = $r < 0 ? 255 : exit_code($?);
        close_stdin($k);
        delete $kid{$id};
        send_frame('X', $id, $code);
    }
    @waiting = @still;
}

sub request {
    my ($type, $id, $payload) = @_;
    if ($type eq 'R') { start($id, $payload); return; }
    my $k = $kid{$id} or return;
    if ($type eq 'I') {
        if (length $payload) { $k->{inbuf} .= $payload; } else { $k->{ineof} = 1; }
        feed($k);
    } elsif ($type eq 'K') {
        kill $payload + 0, -$k->{pid};
    }
}

# Serves frames until stdin ends (the other side is gone).
sub serve {
    vec($rin, 0, 1) = 1;
    vec($rin, fileno $wake_r, 1) = 1;
    my $buf;
    while (1) {
        my ($r, $w) = ($rin, $win);
        # a safety net while a process is being reaped; when idle, the next spare is forked after 10 ms of
        # quiet (not at once: the other side is still handling the last command's end)
        my $timeout = @waiting ? 0.05 : (!$spare && !%kid) ? 0.01 : undef;
        my $n = select($r, $w, undef, $timeout);
        if ($n < 0) { next if $! == EINTR; die "select: $!"; }
        if ($n == 0 && !$spare && !%kid) { $spare = fork_spare(); next; }
        if (vec($r, 0, 1)) {
            my $got = sysread STDIN, $buf, 65536;
            if (!defined $got) { next if $! == EINTR || $! == EAGAIN; return; }
            return if $got == 0;
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
        for my $k (values %kid) { feed($k) if $k->{in} && vec($w, fileno $k->{in}, 1); }
        reap() if @waiting;
    }
}

# Sends signal $sig to every running command's process group and retires the spare.
sub signal_all {
    my $sig = shift;
    kill $sig, -$_->{pid} for values %kid;
    kill 'TERM', $spare->{pid} if $spare;
}

