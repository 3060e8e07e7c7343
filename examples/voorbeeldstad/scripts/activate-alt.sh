#!/bin/sh
# activate-alt.sh APPLICATION ALTERNATIVE
#
# Demo stand-in for the real switch-over: in production this changes DNS records,
# load-balancer pools and the application's configuration so that users reach the
# alternative. Here it only says what it would do.
set -eu
if [ "$#" -lt 1 ]; then
	echo "usage: activate-alt.sh APPLICATION [ALTERNATIVE]" >&2
	exit 2
fi
app=$1
alt=${2:-$1-alt}
echo "activate-alt: would point users of $app to alternative $alt"
echo "activate-alt: would update DNS record $app.voorbeeldstad.nl to the $alt endpoint (TTL 60s)"
echo "activate-alt: would enable the $alt configuration and start its scheduled jobs"
echo "activate-alt: done (simulated)"
exit 0
