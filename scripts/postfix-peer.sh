#!/bin/sh
# A real Postfix (Debian's package) as an SMTP test peer on loopback, in its own directory.
#
#   postfix-peer.sh start DIR PORT [BLOCKING_HOST]
#   postfix-peer.sh stop DIR
#
# `start` writes main.cf, master.cf and the lookup tables into DIR/conf, makes DIR/queue and
# DIR/data, and runs `postfix -c DIR/conf start`; Postfix logs to DIR/postfix.log. Nothing
# outside DIR is written, so peers run side by side and /etc/postfix is never used (it has no
# main.cf here).
# Needs root (Postfix drops to its own user) and `apt-get install postfix`
# (scripts/install-system-deps.sh tests). No DNS, no chroot, no outbound delivery: mail it
# accepts goes to the discard transport.
#
# On 127.0.0.1:PORT, for RCPT TO after `MAIL FROM:<>`:
#   alice@, bob@, postmaster@example.test   250 2.1.5 Ok
#   anyone-else@example.test                550 5.1.1 <...>: Recipient address rejected:
#                                           User unknown in local recipient table
#   anything@catchall.test                  250 2.1.5 Ok (a catch-all)
#   blocked@example.test                    550 5.7.1 <...>: Recipient address rejected:
#                                           Service unavailable; Client host [127.0.0.1]
#                                           blocked using zen.spamhaus.org; ...
#   grey@example.test                       450 4.7.1 <...>: Recipient address rejected:
#                                           Greylisted, please try again later
#   anyone@elsewhere.test                   554 5.7.1 <...>: Relay access denied
# On BLOCKING_HOST:PORT (default 127.0.0.2) the same server refuses every client at RCPT:
#                                           554 5.7.1 <unknown[127.0.0.1]>: Client host
#                                           rejected: Service unavailable; Client host
#                                           [127.0.0.1] blocked using zen.spamhaus.org; ...
# Postfix's own tarpit is left at its defaults: from the 11th rejected command in a session it
# waits 1 s before each reply, and the 21st gets `421 4.7.0 ... Error: too many errors`.
set -eu

POSTFIX=/usr/sbin/postfix
HINT="install it with 'sh scripts/install-system-deps.sh tests' as root, or see /work/shared/RECIPES.md"

usage() {
  echo "usage: $0 start DIR PORT [BLOCKING_HOST] | stop DIR" >&2
  exit 2
}

need_postfix() {
  if [ ! -x "$POSTFIX" ]; then
    echo "postfix-peer: $POSTFIX is missing: $HINT" >&2
    exit 3
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "postfix-peer: Postfix must be started and stopped as root" >&2
    exit 3
  fi
}

write_config() {
  dir=$1 port=$2 blocking_host=$3 conf=$1/conf

  cat >"$conf/main.cf" <<EOF
# Written by scripts/postfix-peer.sh: a test peer, not a mail server.
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
mail_owner = postfix
setgid_group = postdrop

myhostname = mx.example.test
mydomain = example.test
myorigin = \$mydomain
mydestination = example.test, localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# No client is trusted to relay, loopback included.
mynetworks =
smtpd_banner = \$myhostname ESMTP Postfix (bouncekit test peer)

# No DNS at all: the machine's resolver is not on loopback.
smtp_dns_support_level = disabled
smtpd_peername_lookup = no

# Recipients: local users from a table, a catch-all domain, rules from an access map.
alias_maps =
alias_database =
local_recipient_maps = texthash:$conf/local_recipients
virtual_alias_domains = catchall.test
virtual_alias_maps = texthash:$conf/virtual
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:$conf/recipient_access
# Used by the listener on the blocking host (master.cf).
blocking_client_restrictions = check_client_access cidr:$conf/client_access

# Nothing leaves: whatever is accepted is discarded.
default_transport = discard:test peer
relay_transport = discard:test peer
local_transport = discard:test peer
virtual_transport = discard:test peer
biff = no
smtputf8_enable = yes
EOF

  cat >"$conf/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$port inet n  -       n       -       -       smtpd
$blocking_host:$port inet n  -  n       -       -       smtpd
  -o smtpd_client_restrictions=\$blocking_client_restrictions
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF

  # local_recipient_maps: the key is the local part; the value is not used.
  printf '%s\n' 'alice ok' 'bob ok' 'postmaster ok' >"$conf/local_recipients"
  printf '%s\n' '@catchall.test alice@example.test' >"$conf/virtual"
  cat >"$conf/recipient_access" <<'EOF'
blocked@example.test 550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1
grey@example.test 450 4.7.1 Greylisted, please try again later
EOF
  cat >"$conf/client_access" <<'EOF'
127.0.0.1 554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1
0.0.0.0/0 554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org
EOF
}

cmd=${1:-}
case "$cmd" in
  start)
    [ $# -ge 3 ] || usage
    need_postfix
    dir=$2 port=$3 blocking_host=${4:-127.0.0.2}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    # Postfix's daemons run as the postfix user and open files under DIR by absolute path.
    chmod 755 "$dir"
    mkdir -p "$dir/conf" "$dir/queue" "$dir/data"
    chown postfix "$dir/data"
    write_config "$dir" "$port" "$blocking_host"
    # Postfix waits until a file it reads is older than 2 seconds (in case it is still being
    # written): backdate them, or every start takes 2.5 s.
    touch -d '1 minute ago' "$dir"/conf/*
    # Checks the setup, makes the queue's subdirectories, and returns once the master has
    # bound its listeners.
    "$POSTFIX" -c "$dir/conf" start
    ;;
  stop)
    [ $# -eq 2 ] || usage
    need_postfix
    dir=$(cd "$2" && pwd -P)
    # Waits (up to 5 s, then kills) until the master has gone.
    if "$POSTFIX" -c "$dir/conf" status 2>/dev/null; then
      "$POSTFIX" -c "$dir/conf" stop
    fi
    ;;
  *) usage ;;
esac
