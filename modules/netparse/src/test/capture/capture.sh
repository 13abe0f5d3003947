#!/usr/bin/env bash
# Captures the golden outputs in src/test/resources/captured/ from this machine's real tools.
# Run as root: builds a node namespace and a pod namespace wired like the AWS VPC CNI does
# (eni veth, /32 host route, ip rules 512/1024/1536, AWS-SNAT-CHAIN-0), makes traffic, dumps, cleans up.
# Usage: capture.sh OUTDIR
set -euo pipefail
out=${1:?output directory}
node=lbtnode$$; pod=lbtpod$$; vpc=lbtvpc$$
cleanup() { for n in "$node" "$pod" "$vpc"; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
ip netns add "$node"; ip netns add "$pod"; ip netns add "$vpc"
ip -n "$node" link set lo up; ip -n "$pod" link set lo up
# ens5 is a veth into the "VPC" namespace, as in the local lab (so it prints @ifN and link-netns).
ip link add ens5 netns "$node" type veth peer name sub-a netns "$vpc"
ip -n "$vpc" addr add 172.30.32.1/19 dev sub-a
ip -n "$vpc" link set sub-a up
ip -n "$node" link set ens5 mtu 9001 up
ip -n "$node" addr add 172.30.46.72/19 dev ens5
ip -n "$node" route add default via 172.30.32.1 dev ens5 proto dhcp metric 100
ip link add eni5e7e4a0a4d8 netns "$node" type veth peer name eth0 netns "$pod"
ip -n "$node" link set eni5e7e4a0a4d8 up
ip -n "$pod" addr add 172.30.46.80/32 dev eth0
ip -n "$pod" link set eth0 up
ip -n "$pod" route add 169.254.1.1 dev eth0 scope link
ip -n "$pod" route add default via 169.254.1.1 dev eth0
hostmac=$(ip -n "$node" -br link show eni5e7e4a0a4d8 | awk '{print $3}')
ip -n "$pod" neigh add 169.254.1.1 dev eth0 lladdr "$hostmac" nud permanent
ip -n "$node" route add 172.30.46.80 dev eni5e7e4a0a4d8 scope link
ip -n "$node" rule add to 172.30.46.80 lookup main prio 512
ip -n "$node" rule add fwmark 0x80/0x80 lookup main prio 1024
ip -n "$node" rule add from 172.30.46.81 lookup 2 prio 1536
ip -n "$node" route add default via 172.30.32.1 dev ens5 table 2
ip -n "$node" route add 172.30.32.1 dev ens5 scope link table 2
ip netns exec "$node" sh -c '
iptables -t nat -N AWS-SNAT-CHAIN-0
iptables -t nat -N KUBE-POSTROUTING
iptables -t nat -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
iptables -t nat -A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0
iptables -t nat -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
iptables -t nat -A AWS-SNAT-CHAIN-0 ! -d 172.30.0.0/16 -m comment --comment "AWS SNAT CHAIN" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 172.30.46.72 --random-fully
iptables -t mangle -A PREROUTING -i eni+ -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -p tcp --dport 8080 -j ACCEPT
iptables -A INPUT -p icmp -j ACCEPT
iptables -A OUTPUT -o eni5e7e4a0a4d8
'
# Traffic: bulk ping for K-suffixed byte counters, a TCP exchange that stays open, a UDP datagram.
ip netns exec "$node" ping -q -c 200 -i 0.002 -s 1000 172.30.46.80 >/dev/null
ip netns exec "$pod" ping -q -c 2 172.30.46.72 >/dev/null
ip netns exec "$node" socat -T 20 TCP-LISTEN:8080,bind=172.30.46.72,reuseaddr SYSTEM:'cat' &
ip netns exec "$node" socat -u UDP-RECV:5353,bind=172.30.46.72 /dev/null &
sleep 0.5
(echo hello; sleep 3) | ip netns exec "$pod" socat -T 5 - TCP:172.30.46.72:8080,sourceport=40000 >/dev/null &
echo ping | ip netns exec "$pod" socat - UDP-SENDTO:172.30.46.72:5353,sourceport=40001
sleep 1
cap() { local file=$1; shift; ip netns exec "$node" "$@" >"$out/$file" 2>&1; }
cap ip-link.txt ip link
cap ip-o-link.txt ip -o link
cap ip-d-link.txt ip -d link
cap ip-br-link.txt ip -br link
cap ip-c-link.txt ip -c link
cap ip-j-link.json ip -j link
cap ip-addr.txt ip addr
cap ip-o-addr.txt ip -o addr
cap ip-br-addr.txt ip -br addr
cap ip-c-addr.txt ip -c addr
cap ip-j-addr.json ip -j addr
cap ip-route.txt ip route
cap ip-route-table-2.txt ip route show table 2
cap ip-route-table-all.txt ip route show table all
cap ip-j-route.json ip -j route
cap ip-rule.txt ip rule
cap ip-j-rule.json ip -j rule
cap route-n.txt route -n
cap route-vn.txt route -vn
cap route-ne.txt route -ne
cap iptables-L-n-v.txt iptables -L -n -v
cap iptables-L-n-v-x-line-numbers.txt iptables -L -n -v -x --line-numbers
cap iptables-t-nat-L-n-v.txt iptables -t nat -L -n -v
cap iptables-t-mangle-L-n.txt iptables -t mangle -L -n
cap iptables-S.txt iptables -S
cap iptables-S-v.txt iptables -S -v
cap iptables-t-nat-S.txt iptables -t nat -S
cap iptables-save-c.txt iptables-save -c
# One chain at a time, as the watch panels run them: the listing alone does not say its table.
cap iptables-t-nat-L-AWS-SNAT-CHAIN-0-n-v-x.txt iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x
cap iptables-t-nat-S-AWS-SNAT-CHAIN-0.txt iptables -t nat -S AWS-SNAT-CHAIN-0
cap iptables-t-mangle-L-PREROUTING-n-v-x.txt iptables -t mangle -L PREROUTING -n -v -x
ip netns exec "$node" conntrack -L >"$out/conntrack-L.txt" 2>/dev/null
ip netns exec "$node" conntrack -L -o extended >"$out/conntrack-L-o-extended.txt" 2>/dev/null
# The study's watch screen, run for real; watch itself needs a terminal, so its header line is written
# in watch's format (Every Ns: COMMAND, host and date at the right) in front of the real output.
{
  printf 'Every 2.0s: ip link | egrep '"'"'ens5|eni'"'"' ;echo;echo "[ROUTE TABLE]"; route -n | grep eni      %s: %s\n\n' "$(hostname)" "$(date '+%a %b %e %H:%M:%S %Y')"
  ip netns exec "$node" sh -c "ip link | egrep 'ens5|eni' ;echo;echo '[ROUTE TABLE]'; route -n | grep eni"
} >"$out/watch-ip-link-route.txt"
{
  printf 'Every 2.0s: sudo iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0; echo ; sudo iptables -v --numeric --table nat --list KUBE-POSTROUTING      %s: %s\n\n' "$(hostname)" "$(date '+%a %b %e %H:%M:%S %Y')"
  ip netns exec "$node" sh -c "iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0; echo ; iptables -v --numeric --table nat --list KUBE-POSTROUTING"
} >"$out/watch-iptables-snat.txt"
kill $(jobs -p) 2>/dev/null || true
