#!/usr/bin/env bash
# Runs docs/team-setup.md: bash Scripts/check-team-setup.sh PACKAGE.deb [DOCUMENT]
#
# Every ```sh block of the page runs in order under `bash -e`, as root, against a scratch folder standing
# for / (paths under /etc, /srv, /var, /usr and /home are rewritten into it); nothing of this machine
# changes. The package is unpacked there by the page's own `apt-get install ./rapport_*.deb` and every
# `rapport` runs for real. Users and groups live in the scratch /etc/passwd and /etc/group, which every
# program reads through nss_wrapper; `runuser -l NAME -c` runs as that person's ids (setpriv), so the
# kernel enforces the group's permissions. The system tools the page calls are stand-ins (below) that
# check their options. Afterwards: the profile script's syntax, the cron file's lines, and each cron job
# run as cron would run it. Exit 0 when every step and check passed; otherwise the first failure is named.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
package=$(realpath "${1:?usage: $0 PACKAGE.deb [DOCUMENT]}")
document=$(realpath "${2:-$here/docs/team-setup.md}")
wrapper=$(ls /usr/lib/*/libnss_wrapper.so 2>/dev/null | head -n 1)
[ -n "$wrapper" ] || { echo "check-team-setup: libnss_wrapper.so is missing (Debian: libnss-wrapper; make deps)" >&2; exit 1; }
for tool in setpriv dpkg python3; do
  command -v "$tool" >/dev/null || { echo "check-team-setup: $tool is missing" >&2; exit 1; }
done

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
chmod 0755 "$sandbox"
root="$sandbox/root"
stand="$sandbox/bin"
work="$sandbox/work" # the folder the steps run in: the package sits there, as after copying it over
mkdir -p "$root"/{etc/profile.d,etc/ssh/sshd_config.d,etc/cron.d,srv,var/backups,home,usr/sbin,root} "$stand" "$work"
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"
printf '# This file lists locales that you wish to have built.\n# en_GB.UTF-8 UTF-8\n# en_US.UTF-8 UTF-8\n' > "$root/etc/locale.gen"
printf 'Include /etc/ssh/sshd_config.d/*.conf\nAcceptEnv LANG LC_*\n' > "$root/etc/ssh/sshd_config"
chmod 0755 "$root" "$root"/* "$root"/etc/* "$root/var/backups"
mkdir -m 1777 "$root/var/mail-spool" # where the stand-in sendmail keeps what it is handed
cp "$package" "$work/"
log="$sandbox/calls.log"
: > "$log"

fail() { echo "check-team-setup: $*" >&2; exit 1; }

# --- Stand-ins. Each records `name args…` in $log and refuses options the real tool does not take.
stand_in() { # stand_in NAME BODY
  printf '#!/usr/bin/env bash\nset -euo pipefail\nroot=%q log=%q\necho "$(basename "$0") $*" >> "$log"\n%s\n' \
    "$root" "$log" "$2" > "$stand/$1"
  chmod 0755 "$stand/$1"
}
stand_in apt-get '
[ "${1:-}" = install ] || { echo "apt-get stand-in: only install is expected, not $*" >&2; exit 100; }
shift
for argument in "$@"; do
  case "$argument" in
    -y | --yes | -q | -qq | --no-install-recommends) ;;
    -*) echo "apt-get: unknown option $argument" >&2; exit 100 ;;
    */*.deb) [ -f "$argument" ] || { echo "E: Unsupported file $argument given on commandline" >&2; exit 100; }
      dpkg-deb --field "$argument" Package >/dev/null && dpkg -x "$argument" "$root" ;;
    *) [[ "$argument" =~ ^[a-z0-9][a-z0-9+.-]+$ ]] || { echo "E: Unable to locate package $argument" >&2; exit 100; }
      apt-cache show "$argument" >/dev/null 2>&1 || { echo "E: Unable to locate package $argument" >&2; exit 100; } ;;
  esac
done
# The mail transfer agents give a sendmail; this one keeps each message it is handed.
case " $* " in *" postfix "* | *" msmtp-mta "* | *" exim4 "*)
  cat > "$root/usr/sbin/sendmail" <<EOF
#!/bin/sh
[ "\$*" = "-t -i" ] || { echo "sendmail stand-in: expected -t -i, got \$*" >&2; exit 64; }
cat > "\$(mktemp "$root/var/mail-spool/message.XXXXXX")"
EOF
  chmod 0755 "$root/usr/sbin/sendmail" ;;
esac'
stand_in groupadd '
[ $# -eq 1 ] && [[ "$1" =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "groupadd stand-in: expected one group name, got $*" >&2; exit 2; }
grep -q "^$1:" "$root/etc/group" && { echo "groupadd: group '\''$1'\'' already exists" >&2; exit 9; }
gid=$(awk -F: '\''$3 >= 1000 && $3 < 60000 { if ($3 > max) max = $3 } END { print (max ? max + 1 : 1000) }'\'' "$root/etc/group")
echo "$1:x:$gid:" >> "$root/etc/group"'
stand_in useradd '
home=no shell=/bin/sh
while [ $# -gt 1 ]; do
  case "$1" in
    --create-home | -m) home=yes; shift ;;
    --shell | -s) shell=$2; shift 2 ;;
    *) echo "useradd stand-in: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] && [[ "$1" =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "useradd stand-in: expected one login at the end" >&2; exit 2; }
grep -q "^$1:" "$root/etc/passwd" && { echo "useradd: user '\''$1'\'' already exists" >&2; exit 9; }
uid=$(awk -F: '\''$3 >= 1000 && $3 < 60000 { if ($3 > max) max = $3 } END { print (max ? max + 1 : 2000) }'\'' "$root/etc/passwd")
[ "$uid" -lt 2000 ] && uid=2000
echo "$1:x:$uid:$uid::/home/$1:$shell" >> "$root/etc/passwd"
echo "$1:x:$uid:" >> "$root/etc/group"
if [ $home = yes ]; then install -d -m 0750 -o "$uid" -g "$uid" "$root/home/$1"; fi'
stand_in usermod '
[ $# -eq 4 ] && { [ "$1" = --append ] || [ "$1" = -a ]; } && { [ "$2" = --groups ] || [ "$2" = -G ]; } ||
  { echo "usermod stand-in: expected --append --groups GROUP LOGIN, got $*" >&2; exit 2; }
grep -q "^$4:" "$root/etc/passwd" || { echo "usermod: user '\''$4'\'' does not exist" >&2; exit 6; }
grep -q "^$3:" "$root/etc/group" || { echo "usermod: group '\''$3'\'' does not exist" >&2; exit 6; }
sed -i -E "/^$3:/{ /[:,]$4(,|\$)/! { s/:\$/:$4/; t; s/\$/,$4/ } }" "$root/etc/group"'
stand_in runuser '
[ $# -eq 4 ] && [ "$1" = -l ] && [ "$3" = -c ] || { echo "runuser stand-in: expected -l LOGIN -c COMMAND, got $*" >&2; exit 1; }
entry=$(grep "^$2:" "$root/etc/passwd") || { echo "runuser: user $2 does not exist" >&2; exit 1; }
IFS=: read -r name _ uid gid _ home shell <<<"$entry"
groups=$(awk -F: -v who="$name" -v own="$gid" '\''BEGIN { list = own } { n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == who) list = list "," $3 } END { print list }'\'' "$root/etc/group")
# A login shell: a fresh environment, the profile scripts, then the command.
exec env -i PATH="$PATH" LD_PRELOAD="$LD_PRELOAD" NSS_WRAPPER_PASSWD="$NSS_WRAPPER_PASSWD" NSS_WRAPPER_GROUP="$NSS_WRAPPER_GROUP" \
  HOME="$root$home" USER="$name" LOGNAME="$name" SHELL="$shell" TERM="${TERM:-xterm-256color}" LANG="${LANG:-}" \
  setpriv --reuid="$uid" --regid="$gid" --groups="$groups" -- \
  bash -c '\''for profile in "$0"/etc/profile.d/*.sh; do . "$profile"; done; cd "$HOME"; eval "$1"'\'' "$root" "$4"'
stand_in sshd '
[ "$*" = -t ] || { echo "sshd stand-in: only -t is expected" >&2; exit 255; }
for file in "$root"/etc/ssh/sshd_config "$root"/etc/ssh/sshd_config.d/*.conf; do
  while read -r keyword rest; do
    case "$keyword" in "" | "#"*) continue ;; esac
    case "$keyword" in
      AcceptEnv | Include | PermitRootLogin | PasswordAuthentication | AllowGroups | X11Forwarding) ;;
      *) echo "$file: Bad configuration option: $keyword" >&2; exit 255 ;;
    esac
    [ -n "$rest" ] || { echo "$file: $keyword: missing argument" >&2; exit 255; }
  done < "$file"
done'
stand_in systemctl '
case "$*" in "reload ssh" | "restart ssh" | "reload sshd" | "restart sshd") ;;
  *) echo "systemctl stand-in: unexpected $*" >&2; exit 1 ;; esac'
stand_in locale-gen '
[ $# -eq 0 ] || { echo "locale-gen stand-in: no arguments expected" >&2; exit 1; }
grep -Eq "^[a-z]{2}_[A-Z]{2}\.UTF-8 UTF-8$" "$root/etc/locale.gen" || { echo "locale-gen: no locale enabled in /etc/locale.gen" >&2; exit 1; }'

# --- The page's sh blocks, with their absolute paths taken into the scratch root.
steps="$sandbox/steps"
mkdir "$steps"
python3 - "$document" "$root" "$steps" <<'EOF'
import re, sys
document, root, steps = sys.argv[1:]
blocks = re.findall(r"^```sh\n(.*?)^```\n", open(document).read(), re.S | re.M)
if not blocks:
    sys.exit(f"{document}: no sh block")
for number, block in enumerate(blocks, 1):
    text = re.sub(r"(^|[\s\"'=:>])/(etc|srv|var|usr|home)(?=/)", lambda m: m.group(1) + root + "/" + m.group(2), block, flags=re.M)
    open(f"{steps}/{number:02d}.sh", "w").write(text)
EOF
export LD_PRELOAD="$wrapper" NSS_WRAPPER_PASSWD="$root/etc/passwd" NSS_WRAPPER_GROUP="$root/etc/group"
export PATH="$stand:$root/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8
for step in "$steps"/*.sh; do
  number=$(basename "$step" .sh)
  if ! (cd "$work" && bash -e "$step") > "$sandbox/step.out" 2>&1; then
    cat "$sandbox/step.out" >&2
    fail "block $((10#$number)) of $document failed:"$'\n'"$(cat "$step")"
  fi
done

# --- What the steps wrote.
[ -x "$root/usr/bin/rapport" ] || fail "the package was never installed (apt-get install ./rapport_*.deb)"
profile="$root/etc/profile.d/rapport.sh"
[ -f "$profile" ] || fail "no /etc/profile.d/rapport.sh"
bash -n "$profile" || fail "/etc/profile.d/rapport.sh: bash -n"
sh -n "$profile" || fail "/etc/profile.d/rapport.sh: sh -n (a login shell may be dash)"
journal=$(env -i bash -c '. "$0"; printf %s "$RAPPORT_LOG"' "$profile")
[ -f "$journal" ] || fail "RAPPORT_LOG in the profile names no journal: $journal"
[ "$(stat -c %a "$journal")" = 660 ] || fail "the journal's mode is $(stat -c %a "$journal"), not 660"
group=$(stat -c %G "$journal")
[ "$group" = sales ] || fail "the journal's group is $group"
for variant in "LANG=en_GB.UTF-8" "LANG=xx_YY.UTF-8" "LANG=en_US.ISO-8859-1" ""; do
  lang=$(env -i $variant bash -c '. "$0"; printf %s "$LANG"' "$profile")
  case "$lang" in *.UTF-8 | *.utf8) ;; *) fail "the profile leaves LANG=$lang for a client's $variant" ;; esac
done

cron="$root/etc/cron.d/rapport"
[ -f "$cron" ] || fail "no /etc/cron.d/rapport"
[ "$(stat -c %a "$cron")" = 644 ] || fail "/etc/cron.d/rapport is $(stat -c %a "$cron"), cron wants 0644 and root's"
field='(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?)*'
environment=() jobs=0
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  if [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; then environment+=("$line"); continue; fi
  read -r minute hour day month weekday user command <<<"$line"
  for value in "$minute" "$hour" "$day" "$month" "$weekday"; do
    [[ "$value" =~ ^$field$ ]] || fail "/etc/cron.d/rapport: '$value' is no time field in: $line"
  done
  grep -q "^$user:" "$root/etc/passwd" || fail "/etc/cron.d/rapport: no user '$user' in: $line"
  [ -n "$command" ] || fail "/etc/cron.d/rapport: no command in: $line"
  # As cron runs it: the user's ids, the file's environment and no other, /bin/sh -c.
  entry=$(grep "^$user:" "$root/etc/passwd")
  IFS=: read -r _ _ uid gid _ home _ <<<"$entry"
  groups=$(awk -F: -v who="$user" -v own="$gid" 'BEGIN { list = own } { n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == who) list = list "," $3 } END { print list }' "$root/etc/group")
  if ! env -i LD_PRELOAD="$LD_PRELOAD" NSS_WRAPPER_PASSWD="$NSS_WRAPPER_PASSWD" NSS_WRAPPER_GROUP="$NSS_WRAPPER_GROUP" \
    HOME="$root$home" LOGNAME="$user" "${environment[@]}" \
    setpriv --reuid="$uid" --regid="$gid" --groups="$groups" -- /bin/sh -c "$command" > "$sandbox/job.out" 2>&1; then
    cat "$sandbox/job.out" >&2
    fail "the cron job failed: $line"
  fi
  jobs=$((jobs + 1))
done < "$cron"
[ "$jobs" -ge 2 ] || fail "/etc/cron.d/rapport has $jobs jobs: the digest and the backup are expected"

messages=$(cat "$root"/var/mail-spool/message.* 2>/dev/null || true)
grep -q '^To: .*alice@example.com' <<<"$messages" || fail "the digest sent alice nothing (sendmail got: ${messages:-nothing})"
copies=("$root"/var/backups/rapport/*.jsonl)
[ -f "${copies[0]}" ] || fail "the backup wrote nothing in /var/backups/rapport"
cmp -s "${copies[0]}" "$journal" || fail "the backup ${copies[0]} differs from the journal"
echo "docs/team-setup.md: $(ls "$steps" | wc -l) blocks and $jobs cron jobs ran; $(wc -l < "$log") stand-in calls"
