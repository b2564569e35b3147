#!/bin/sh
# Installs the Debian packages bouncekit needs, when run as root on Debian; elsewhere it says
# what is missing and leaves it (the tests that need it then skip, or fail under CI=true).
#   install-system-deps.sh venv    python3-venv, for a Python without ensurepip
#   install-system-deps.sh tests   the servers and browser the test suite talks to (Postfix is
#                                  installed unconfigured, so it does not start; the tests run
#                                  their own with scripts/postfix-peer.sh; likewise they start
#                                  their own spamd on loopback, from spamassassin and spamd, and
#                                  their own PostgreSQL cluster, from postgresql, and their
#                                  own Dovecot, from dovecot-imapd and dovecot-pop3d)
#   install-system-deps.sh bench   the peers the benchmarks compare with (Sisimai)
set -eu
what=${1:-tests}

case "$what" in
  venv) packages="python3-venv" ;;
  tests) packages="chromium postfix spamassassin spamd postgresql dovecot-imapd dovecot-pop3d" ;;
  bench) packages="libsisimai-perl pflogsumm" ;;
  *) echo "usage: $0 venv|tests|bench" >&2; exit 2 ;;
esac

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not installing:$missing (needs root on Debian). Tests that need them will skip." >&2
  exit 0
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
case " $missing " in
  *" postfix "*)
    # No /etc/postfix/main.cf, so nothing starts or listens on port 25.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections ;;
esac
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
# Packages that bring a daemon (spamd) must not leave one running: the tests start their own.
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now spamd >/dev/null 2>&1 || true
  systemctl disable --now postgresql >/dev/null 2>&1 || true
  systemctl disable --now dovecot >/dev/null 2>&1 || true
fi
