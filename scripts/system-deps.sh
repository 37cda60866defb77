#!/usr/bin/env bash
# pretest: the tests drive real programs from Debian's packages. Installs the missing ones
# when run as root; otherwise prints the exact apt-get line and stops.
set -euo pipefail

# binary → package that provides it
requirements=(
  "/usr/bin/etcd etcd-server"
  "/usr/bin/chromium chromium"
  "/usr/bin/v2ray v2ray"
  "/usr/sbin/nginx nginx"
)

missing=()
for requirement in "${requirements[@]}"; do
  read -r binary package <<<"$requirement"
  [ -x "$binary" ] || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "pretest: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "pretest: installed ${missing[*]}"
else
  echo "pretest: the tests need Debian packages that are not installed: ${missing[*]}" >&2
  echo "pretest: install them, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
