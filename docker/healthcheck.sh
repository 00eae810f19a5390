#!/bin/bash
# Container HEALTHCHECK: asks the liveness probe, /q/health/live, for a 200.
# Neither base image is guaranteed to ship curl (the native one, ubi9-micro, certainly does not), but both have bash:
# one HTTP/1.0 request over bash's /dev/tcp, the status line read with a 5 s limit.
port="${PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /q/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS=' ' read -r -t 5 _version status _reason <&3 || exit 1
[ "$status" = "200" ]
