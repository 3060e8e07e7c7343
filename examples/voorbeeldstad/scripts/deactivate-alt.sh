#!/bin/sh
# deactivate-alt.sh APPLICATION [ALTERNATIVE]
#
# Demo stand-in for switching back after a drill: restores DNS and configuration to
# the primary. Here it only says what it would do.
set -eu
if [ "$#" -lt 1 ]; then
	echo "usage: deactivate-alt.sh APPLICATION [ALTERNATIVE]" >&2
	exit 2
fi
app=$1
alt=${2:-$1-alt}
echo "deactivate-alt: would point users of $app back to the primary"
echo "deactivate-alt: would stop the scheduled jobs of $alt and set it to standby"
echo "deactivate-alt: done (simulated)"
exit 0
