#!/usr/bin/env bash
# Sets up Dovecot (IMAP) and Postfix (SMTP) on 127.0.0.1 of a Debian/Ubuntu machine so that
# afterhours can be tried against real mail servers with config/examples/dovecot-postfix.conf.
#
#   sudo scripts/try-dovecot-postfix.sh            # install, configure, (re)start, smoke-test
#   sudo scripts/try-dovecot-postfix.sh --no-test  # the same without the smoke test
#   sudo scripts/try-dovecot-postfix.sh --many 1000 [--no-test]
#                                   # also users m0…m999 for scripts/benchmark mailboxes --server dovecot
#
# What you get:
#   - mail domain afterhours.test, delivered by Postfix to ~/Maildir/ of system users
#   - users owner (password owner-secret), client (client-secret) and sink (sink-secret: every
#     @sink.test address lands in its Maildir, for the benchmark); log in to IMAP as
#     "owner" or "owner@afterhours.test"
#   - Postfix on 127.0.0.1:25, accepts mail for afterhours.test from anyone and relays for
#     127.0.0.0/8 without authentication; mail for any other domain bounces (default_transport =
#     error), so nothing can leave the machine
#   - Dovecot IMAP on 127.0.0.1:143 without TLS (plaintext login allowed: loopback only), the
#     Sent folder (SPECIAL-USE \Sent) created for every user
#   - Dovecot ManageSieve (Pigeonhole) on 127.0.0.1:4190, for `afterhours sieve --push`; scripts
#     are kept in ~/sieve, and sievec / sieve-test are installed (Postfix delivers the mail of
#     owner, client and sink to the Maildir itself, so their active scripts change no delivery:
#     try them with sieve-test)
#   - one more user, vacation (vacation-secret), whose mail alone Postfix hands to Dovecot LMTP
#     (transport_maps -> lmtp:unix:private/dovecot-lmtp), where Pigeonhole runs its active Sieve
#     script at delivery and sends vacation replies over SMTP to 127.0.0.1:25 (submission_host):
#     the server-side responder that the end-to-end benchmark times beside afterhours. It has no
#     script until one is uploaded (the benchmark pushes `afterhours sieve` for it)
#   - with --many N: N virtual users m0…m(N-1), password "secret", all under the system user
#     vmail (/var/vmail), from /etc/dovecot/many.passwd (a passwd-file passdb placed before the
#     system one, which would make every login wait for PAM first), with Dovecot's process and
#     client limits and fs.inotify.max_user_instances raised for one IDLE connection each
#   - logs: /var/log/postfix.log and /var/log/dovecot.log
#
# Only Debian packages are installed (postfix, dovecot-imapd, dovecot-sieve,
# dovecot-managesieved, dovecot-lmtpd, ssl-cert, swaks). It changes the machine's
# Postfix and Dovecot configuration: run it on a throw-away machine or container, never in CI.
# Running it again is harmless: every step checks or overwrites its own settings.
set -euo pipefail

DOMAIN=afterhours.test
USERS=("owner:owner-secret" "client:client-secret" "sink:sink-secret" "vacation:vacation-secret")

TEST=yes
MANY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-test) TEST=no ;;
    --many)
      MANY="${2:-}"
      shift
      if ! [[ "$MANY" =~ ^[0-9]+$ ]]; then
        echo "try-dovecot-postfix: --many needs a number of users, e.g. --many 1000" >&2
        exit 2
      fi
      ;;
    *) echo "try-dovecot-postfix: unknown option $1 (known: --no-test, --many N)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$(id -u)" -ne 0 ]; then
  echo "try-dovecot-postfix: run as root (it installs packages and configures Postfix and Dovecot)" >&2
  exit 2
fi
if [ -n "${CI:-}" ]; then
  echo "try-dovecot-postfix: refusing to run in CI (CI is set)" >&2
  exit 2
fi

say() { printf '\n== %s\n' "$*"; }

# Starts or restarts a service with whatever init the machine has (systemd, or none in a container).
# Daemons get /dev/null as stdio so that they do not hold a caller's pipe open.
restart() {
  if [ -d /run/systemd/system ]; then
    systemctl restart "$1"
  else
    case "$1" in
      postfix) if postfix status >/dev/null 2>&1; then postfix reload; else postfix start; fi ;;
      dovecot) if pidof dovecot >/dev/null; then doveadm reload; else dovecot; fi ;;
    esac </dev/null >/dev/null 2>&1
  fi
}

say "packages"
export DEBIAN_FRONTEND=noninteractive
debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $DOMAIN
EOF
need=()
for p in postfix dovecot-imapd dovecot-sieve dovecot-managesieved dovecot-lmtpd ssl-cert swaks; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

say "users"
for entry in "${USERS[@]}"; do
  user=${entry%%:*}
  pass=${entry#*:}
  id "$user" >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin "$user"
  echo "$user:$pass" | chpasswd
  # The Maildir exists before the first delivery: the benchmark looks for the sink's at once.
  install -d -o "$user" -g "$user" -m 700 "/home/$user/Maildir" \
    "/home/$user/Maildir/new" "/home/$user/Maildir/cur" "/home/$user/Maildir/tmp"
done

say "postfix"
echo "$DOMAIN" > /etc/mailname
postconf -e \
  "myhostname = mail.$DOMAIN" \
  "mydomain = $DOMAIN" \
  "myorigin = $DOMAIN" \
  "mydestination = $DOMAIN, \$myhostname, localhost.localdomain, localhost" \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mynetworks = 127.0.0.0/8" \
  "relayhost =" \
  "default_transport = error:this trial machine delivers only to @$DOMAIN" \
  "relay_transport = error:this trial machine delivers only to @$DOMAIN" \
  "home_mailbox = Maildir/" \
  "mailbox_command =" \
  "maillog_file = /var/log/postfix.log" \
  "virtual_alias_domains = sink.test" \
  "virtual_alias_maps = regexp:/etc/postfix/virtual_regexp" \
  "transport_maps = hash:/etc/postfix/transport"
# Every address @sink.test lands in the Maildir of the user sink: the end-to-end benchmark
# (scripts/benchmark e2e) sends its test mail from there and counts the replies it gets.
echo '/@sink\.test$/ sink@'"$DOMAIN" > /etc/postfix/virtual_regexp
# The user vacation alone is delivered by Dovecot LMTP, so that Pigeonhole's Sieve (and its
# vacation action) runs on its mail; everyone else keeps Postfix's own Maildir delivery.
echo "vacation@$DOMAIN lmtp:unix:private/dovecot-lmtp" > /etc/postfix/transport
postmap /etc/postfix/transport
# Debian's master.cf has the postlog service that maillog_file needs; add it if missing.
grep -q '^postlog' /etc/postfix/master.cf \
  || echo 'postlog   unix-dgram n  -       n       -       1       postlogd' >> /etc/postfix/master.cf
newaliases
restart postfix

say "dovecot"
# Debian's 10-ssl.conf reads /etc/dovecot/private/dovecot.pem even with ssl = no; a default install
# links it to the snakeoil certificate of ssl-cert (a Recommends, missing with --no-install-recommends).
if [ ! -e /etc/dovecot/private/dovecot.pem ]; then
  [ -e /etc/ssl/certs/ssl-cert-snakeoil.pem ] || make-ssl-cert generate-default-snakeoil
  ln -sf /etc/ssl/certs/ssl-cert-snakeoil.pem /etc/dovecot/private/dovecot.pem
  ln -sf /etc/ssl/private/ssl-cert-snakeoil.key /etc/dovecot/private/dovecot.key
fi
# Debian's dovecot.conf ends with "!include_try local.conf": everything of ours is in that file.
cat > /etc/dovecot/local.conf <<'EOF'
# Written by afterhours scripts/try-dovecot-postfix.sh: IMAP on loopback for a trial.
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# "owner@afterhours.test" and "owner" are the same system user.
auth_username_format = %Ln
mail_location = maildir:~/Maildir
log_path = /var/log/dovecot.log
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 143
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
}
# ManageSieve (RFC 5804) on 127.0.0.1:4190 for `afterhours sieve --push`; IMAP above is unchanged.
protocols = $protocols sieve
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = 4190
  }
}
# LMTP for Postfix's transport_maps entry of vacation@afterhours.test (and no one else): Sieve
# runs at delivery, and vacation replies go straight to Postfix over SMTP, the quickest way
# Pigeonhole sends (no sendmail process per reply), with the null envelope sender.
protocols = $protocols lmtp
service lmtp {
  unix_listener /var/spool/postfix/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
submission_host = 127.0.0.1:25
EOF
if [ "$MANY" -gt 0 ]; then
  say "$MANY benchmark users m0…m$((MANY - 1))"
  id vmail >/dev/null 2>&1 || useradd --system --home-dir /var/vmail --shell /usr/sbin/nologin vmail
  install -d -o vmail -g vmail -m 0750 /var/vmail
  for ((i = 0; i < MANY; i++)); do echo "m$i:{PLAIN}secret::::::"; done > /etc/dovecot/many.passwd.new
  chown root:dovecot /etc/dovecot/many.passwd.new
  chmod 0640 /etc/dovecot/many.passwd.new
  mv /etc/dovecot/many.passwd.new /etc/dovecot/many.passwd
  cat > /etc/dovecot/conf.d/01-afterhours-many.conf <<'EOF'
# Written by afterhours scripts/try-dovecot-postfix.sh --many: benchmark users m0, m1, …
passdb {
  driver = passwd-file
  args = /etc/dovecot/many.passwd
}
userdb {
  driver = passwd-file
  args = /etc/dovecot/many.passwd
  default_fields = uid=vmail gid=vmail home=/var/vmail/%u
}
service imap {
  process_limit = 2500
}
service imap-login {
  service_count = 0
  client_limit = 2500
}
default_client_limit = 5000
mail_max_userip_connections = 50
EOF
  sysctl -q -w fs.inotify.max_user_instances=4096 \
    || echo "could not raise fs.inotify.max_user_instances (a container?): IDLE on many mailboxes may fail" >&2
fi
doveconf -n >/dev/null   # fails loudly on a config error
# A Dovecot started before the ManageSieve or LMTP package was installed cannot reload into the
# new protocol ("Unknown protocol: sieve"): restart it instead.
if pidof dovecot >/dev/null && { ! (exec 3<>/dev/tcp/127.0.0.1/4190) 2>/dev/null \
  || [ ! -S /var/spool/postfix/private/dovecot-lmtp ]; }; then
  doveadm stop </dev/null >/dev/null 2>&1 || true
  # The master takes a while to go when many connections are open; restarting meanwhile would
  # "reload" a dying master (exit 75) and leave no Dovecot at all.
  for _ in $(seq 1 30); do pidof dovecot >/dev/null || break; sleep 0.5; done
fi
restart dovecot

if [ "$TEST" = no ]; then
  exit 0
fi

say "smoke test: SMTP 127.0.0.1:25 -> owner's Maildir -> IMAP 127.0.0.1:143"
for _ in $(seq 1 20); do
  (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/143) 2>/dev/null && break
  sleep 0.5
done
token="smoke-$(date +%s)-$$"
swaks --server 127.0.0.1:25 --from "client@$DOMAIN" --to "owner@$DOMAIN" \
  --header "Subject: $token" --body "try-dovecot-postfix smoke test" --silent 2
for _ in $(seq 1 20); do
  grep -rqs "$token" ~owner/Maildir/new ~owner/Maildir/cur && break
  sleep 0.5
done
grep -rqs "$token" ~owner/Maildir/new ~owner/Maildir/cur \
  || { echo "FAILED: the test mail did not reach ~owner/Maildir (see /var/log/postfix.log)" >&2; exit 1; }
echo "delivered to ~owner/Maildir"
# A tiny IMAP session over bash's /dev/tcp: log in, list folders, search for the test mail.
imap=$(timeout 10 bash -c '
  exec 3<>/dev/tcp/127.0.0.1/143
  cat <&3 &
  { printf "a1 LOGIN owner@%s owner-secret\r\n" "$1"; sleep 0.5
    printf "a2 LIST \"\" \"*\"\r\n"; sleep 0.3
    printf "a3 EXAMINE INBOX\r\n"; sleep 0.3
    printf "a4 UID SEARCH HEADER Subject %s\r\n" "$2"; sleep 0.3
    printf "a5 LOGOUT\r\n"; sleep 0.3; } >&3
  wait' imap "$DOMAIN" "$token" || true)
echo "$imap" | grep -E '^(\* LIST|\* SEARCH|a[0-9] )' || true
echo "$imap" | grep -q '^\* SEARCH [0-9]' \
  || { echo "FAILED: IMAP login or search on 127.0.0.1:143 (see /var/log/dovecot.log)" >&2; exit 1; }
say "smoke test: ManageSieve 127.0.0.1:4190"
sieve=$(timeout 10 bash -c '
  exec 3<>/dev/tcp/127.0.0.1/4190
  cat <&3 &
  { sleep 0.3; printf "LOGOUT\r\n"; sleep 0.3; } >&3
  wait' sieve || true)
echo "$sieve" | grep -q '^"SIEVE" ".*vacation' \
  || { echo "FAILED: no ManageSieve with vacation on 127.0.0.1:4190 (see /var/log/dovecot.log)" >&2; exit 1; }
echo "OK: Postfix on 127.0.0.1:25, Dovecot IMAP on 127.0.0.1:143 and ManageSieve on 127.0.0.1:4190 work for owner@$DOMAIN"
