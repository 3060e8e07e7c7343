#!/bin/sh
# notify.sh AUDIENCE MESSAGE...
#
# Demo stand-in for alerting people (crisis team, process owners, service desk):
# in production this sends SMS and mail through the own notification gateway.
set -eu
if [ "$#" -lt 2 ]; then
	echo "usage: notify.sh AUDIENCE MESSAGE..." >&2
	exit 2
fi
audience=$1
shift
echo "notify: would send to $audience: $*"
exit 0
