#!/usr/bin/env bash
# Builds the PostgreSQL base image of the integration suite and of `container`
# restore sandboxes: Debian bookworm (debootstrap, minbase) with postgresql-15,
# imported into Docker with `docker import`, since no registry can be reached.
#
# The image is tagged with a hash of this script, so a rerun finds it and does
# nothing; changing the script (the package list, the suite) makes a new image.
# Prints the image name on stdout; progress goes to stderr.
#
# Usage: build.sh [REPO]   (default exitdrill-it/postgres)
set -euo pipefail

repo=${1:-exitdrill-it/postgres}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=postgresql-15

hash=$(sha256sum "$0" | cut -c1-12)
image="$repo:$hash"
if docker image inspect "$image" >/dev/null 2>&1; then
	echo "postgres base image $image is cached" >&2
	echo "$image"
	exit 0
fi

if ! command -v debootstrap >/dev/null; then
	if [ "$(id -u)" != 0 ]; then
		echo "debootstrap is missing: install it (apt-get install debootstrap) or run as root" >&2
		exit 1
	fi
	echo "installing debootstrap" >&2
	apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
fi

root=$(mktemp -d /var/tmp/exitdrill-pgroot.XXXXXX)
trap 'rm -rf "$root"' EXIT
start=$SECONDS
echo "debootstrap $suite with $packages into $root (about a minute)" >&2
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >&2
# What a throwaway database server does not need.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
	"$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/info \
	"$root"/usr/share/locale "$root"/var/log/*
tar -C "$root" --numeric-owner -c . | docker import \
	--change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	--change 'ENV LANG=C.UTF-8' \
	--change "LABEL org.exitdrill.image=postgres org.exitdrill.hash=$hash" \
	--change 'CMD ["postgres", "--version"]' \
	- "$image" >&2
echo "built $image in $((SECONDS - start))s" >&2
echo "$image"
