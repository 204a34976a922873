#!/usr/bin/env bash
# `make check-fresh`: the README's `make test` on a machine where nothing was installed by hand.
#
# Builds a new, minimal Debian 12 root with debootstrap (python3, python3-venv, make and git,
# nothing else), clones this checkout's committed HEAD into it, and runs `make test` there, so
# every package the suite needs must come from the project's own files. The Debian mirror is
# read from this machine's apt sources; nothing about it is written into the repository.
# Needs root (debootstrap, chroot, mounts) on a Debian machine; takes some 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
release=bookworm
root=$PWD/build/fresh-root
started=$(date +%s)

[ "$(id -u)" = 0 ] || { echo "check-fresh: needs root (debootstrap, chroot and mounts)"; exit 1; }
command -v debootstrap >/dev/null || { echo "check-fresh: needs debootstrap (apt-get install debootstrap)"; exit 1; }

# The mirror this machine's apt uses for Debian 12, and the suites it follows there.
mapfile -t sources < <(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null |
  awk -v r="$release" '$2 == r || index($2, r "-") == 1' | sort -u)
mirror=$(printf '%s\n' "${sources[@]}" | awk -v r="$release" '$2 == r {print $1; exit}')
[ -n "$mirror" ] || { echo "check-fresh: this machine's apt sources name no $release mirror"; exit 1; }

unmount() {
  # Processes a test left running inside the root (a display, a bus) hold its mounts.
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && kill -9 "${proc#/proc/}" 2>/dev/null
  done
  for mount in dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$mount" && umount -l "$root/$mount"
  done
  return 0
}
mkdir -p build
[ -d "$root" ] && { unmount; rm -rf --one-file-system "$root"; }
trap unmount EXIT

echo "check-fresh: a new Debian 12 root from $mirror (debootstrap, minbase)"
debootstrap --variant=minbase --include=python3,python3-venv,make,git \
  "$release" "$root" "$mirror" >build/fresh-debootstrap.log 2>&1 ||
  { tail -n 20 build/fresh-debootstrap.log; echo "check-fresh: debootstrap failed"; exit 1; }
printf 'deb %s main\n' "${sources[@]}" >"$root/etc/apt/sources.list"
# This machine's network as the root meets it: its resolver, and its certificate authorities
# (a network that inspects TLS signs with its own CA; a new machine on it needs the same).
cp /etc/resolv.conf "$root/etc/resolv.conf"
network=()
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/host-ca-certificates.crt"
  network=(PIP_CERT=/etc/ssl/host-ca-certificates.crt SSL_CERT_FILE=/etc/ssl/host-ca-certificates.crt)
fi
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"

git clone --quiet "$PWD" "$root/root/locator"
echo "check-fresh: cloned $(git rev-parse --short HEAD); running the README's make test in the root"
status=0
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb "${network[@]}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd /root/locator && make test' 2>&1 | tee build/fresh-make-test.log || status=$?
minutes=$(( ($(date +%s) - started + 30) / 60 ))
summary=$(grep -E '^=+ .*(passed|failed|error).* in ' build/fresh-make-test.log | tail -n 1 | tr -d '=')
if [ "$status" = 0 ]; then
  echo "check-fresh: passed in a new Debian 12 root in $minutes min:${summary}"
else
  echo "check-fresh: make test failed in a new Debian 12 root (exit $status) after $minutes min:${summary:- see build/fresh-make-test.log}"
fi
exit "$status"
