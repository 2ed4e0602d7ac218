#!/bin/sh
# install-deps.sh PACKAGE... - installs Debian packages that the build or
# a test target needs, with apt-get (through sudo when not root).  On a
# system without apt-get it stops with one line saying what to install.
set -e
if ! command -v apt-get >/dev/null 2>&1; then
	echo "civpol-screen: no apt-get here; please install: $*" >&2
	exit 1
fi
sudo=
if [ "$(id -u)" != 0 ]; then
	sudo=sudo
fi
echo "civpol-screen: installing $*" >&2
$sudo apt-get update -qq >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
